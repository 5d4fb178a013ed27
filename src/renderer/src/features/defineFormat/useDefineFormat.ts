/**
 * The state of the Define a format dialog: the file's first lines to pick a sample from, the
 * marks on the chosen line and the regex and layout made from them (or edited by hand), the
 * format tried on the file as the draft changes (debounced; a later draft wins over an earlier
 * reply), and saving: the format is written to the user's formats folder, then the case is read
 * again with it and the app moves to the new read.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormatTrial } from '../../../../shared/formats/formatTrial.ts';
import { client } from '../../api/client.ts';
import { setMark, type MarkKind, type Marks, type Span } from './formatMarks.ts';
import {
  draftProblem,
  formatIdFrom,
  formatSpecFrom,
  patternFrom,
  proposeMarks,
  type FormatDraft,
} from './proposeFormat.ts';

/** Lines of the file offered as samples. */
const SAMPLE_LINES = 200;
/** Pause in the typing before the draft is tried on the file. */
const TRY_DELAY_MS = 250;

export type TrialState =
  | { kind: 'idle' }
  | { kind: 'trying'; previous: FormatTrial | null }
  | { kind: 'done'; trial: FormatTrial }
  | { kind: 'failed'; error: string };

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'failed'; error: string } | { kind: 'saved'; path: string };

export interface SampleLine {
  line: number;
  text: string;
}

export function useDefineFormat({
  caseId,
  file,
  path,
  onReread,
}: {
  caseId: string;
  file: number;
  path: string;
  /** The case is being read again as `caseId`, with the saved format. */
  onReread: (caseId: string) => void;
}) {
  const [samples, setSamples] = useState<SampleLine[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<SampleLine | null>(null);
  const [marks, setMarks] = useState<Marks>({});
  const [pattern, setPattern] = useState('');
  const [layout, setLayout] = useState('');
  const [id, setId] = useState(() => formatIdFrom(path));
  const [name, setName] = useState('');
  const [trial, setTrial] = useState<TrialState>({ kind: 'idle' });
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });

  const pick = useCallback((sample: SampleLine) => {
    const proposed = proposeMarks(sample.text);
    setChosen(sample);
    setMarks(proposed.marks);
    setPattern(patternFrom(sample.text, proposed.marks));
    setLayout(proposed.layout ?? '');
    setSave({ kind: 'idle' });
  }, []);

  // The file's first non-empty lines; the first is proposed.
  useEffect(() => {
    let live = true;
    void client.fileLines({ caseId, file, from: 1, count: SAMPLE_LINES }).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoadError(result.error);
      const lines = result.value.lines
        .map((text, i) => ({ line: result.value.from + i, text }))
        .filter((l) => l.text.trim() !== '');
      setSamples(lines);
      if (lines.length > 0) pick(lines[0]);
    });
    return () => {
      live = false;
    };
  }, [caseId, file, pick]);

  /** Marks the selected part of the line (or clears the mark), and makes the regex again from the marks. */
  const mark = useCallback(
    (kind: MarkKind, span: Span | null) => {
      if (!chosen) return;
      const next = setMark(chosen.text, marks, kind, span);
      setMarks(next);
      setPattern(patternFrom(chosen.text, next));
      if (kind === 'ts' && next.ts) {
        const proposed = proposeMarks(chosen.text.slice(next.ts.start, next.ts.end));
        if (proposed.layout) setLayout(proposed.layout);
      }
      setSave({ kind: 'idle' });
    },
    [chosen, marks],
  );

  const draft: FormatDraft | null = useMemo(
    () => (chosen ? { id, name, pattern, layout, line: chosen.text, path } : null),
    [chosen, id, name, pattern, layout, path],
  );
  const problem = draft ? draftProblem(draft) : null;
  const tryProblem = draft ? draftProblem(draft, { forSaving: false }) : null;

  // The draft tried on the file, once the typing pauses; an older reply never replaces a newer one.
  const tries = useRef(0);
  useEffect(() => {
    if (!draft || tryProblem) {
      setTrial({ kind: 'idle' });
      return;
    }
    const n = ++tries.current;
    setTrial((t) => ({
      kind: 'trying',
      previous: t.kind === 'done' ? t.trial : t.kind === 'trying' ? t.previous : null,
    }));
    const timer = setTimeout(() => {
      // Any id does for a trial: it is not saved.
      const format = formatSpecFrom({ ...draft, id: draft.id || 'draft' });
      void client.tryFormat({ caseId, file, format }).then((result) => {
        if (n !== tries.current) return;
        setTrial(result.ok ? { kind: 'done', trial: result.value } : { kind: 'failed', error: result.error });
      });
    }, TRY_DELAY_MS);
    return () => clearTimeout(timer);
    // The draft's fields, not its identity, decide whether to try again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, file, draft?.pattern, draft?.layout, draft?.line, tryProblem?.field]);

  const canSave = draft !== null && problem === null && save.kind !== 'saving' && save.kind !== 'saved';

  const saveFormat = useCallback(async () => {
    if (!draft || draftProblem(draft)) return;
    setSave({ kind: 'saving' });
    const saved = await client.saveFormat({ format: formatSpecFrom(draft) });
    if (!saved.ok) return setSave({ kind: 'failed', error: saved.error });
    setSave({ kind: 'saved', path: saved.value.path });
    const reread = await client.reopenCase({ caseId });
    if (!reread.ok) return setSave({ kind: 'failed', error: reread.error });
    onReread(reread.value.caseId);
  }, [draft, caseId, onReread]);

  return {
    samples,
    loadError,
    chosen,
    pick,
    marks,
    mark,
    pattern,
    setPattern: (value: string) => {
      setPattern(value);
      setSave({ kind: 'idle' });
    },
    layout,
    setLayout,
    id,
    setId,
    name,
    setName,
    problem,
    trial,
    save,
    canSave,
    saveFormat,
  };
}
