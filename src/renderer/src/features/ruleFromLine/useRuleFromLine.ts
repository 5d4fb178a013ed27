/**
 * The state of "Make a rule…": the draft proposed from the line (query from its template, title
 * from its longest phrase, severity from its level), the live count of the query's events in the
 * case, a healthy line of the same file the query leaves out (the must-not-match example), and
 * the save — the engine checks the rule and names each bad field — followed by a new diagnosis
 * (the case read again, from its cache). Beside the case's count, how many past cases of the
 * library the query matches (their templates and pinned lines). Given a saved rule's spec, the
 * dialog edits it: its fields prefilled, its id (the file name) kept, what the dialog does not
 * show (more examples, requires, minCount…) saved as it was.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EventView } from '../../../../shared/caseViews.ts';
import type { LibraryQueryMatches } from '../../../../shared/library/libraryModel.ts';
import type { Level } from '../../../../shared/model.ts';
import {
  fixedPhrases,
  messageOfLine,
  problemField,
  proposeRuleQuery,
  ruleIdFrom,
  ruleSpecFromDraft,
  type RuleLine,
} from '../../../../shared/rules/ruleFromLine.ts';
import type { Category, RuleSpec, Severity } from '../../../../shared/rules/ruleSpec.ts';
import { compileMatcher } from '../../../../shared/search/matchEvent.ts';
import { parseQuery, quote } from '../../../../shared/search/queryLanguage.ts';
import { client } from '../../api/client.ts';
import { editedSpec, savedNoMatchOf } from './ruleSpecEdit.ts';

/** How long the query must stay unchanged before it is counted. */
const COUNT_DELAY_MS = 250;
/** The count's budget: a broad query on a big case gives a lower bound rather than a wait. */
const COUNT_BUDGET_MS = 1500;
/** Lines of the file looked at for a healthy example. */
const CANDIDATES = 400;

/** The line's severity as a rule's. */
function severityOf(level: Level): Severity {
  return level === 'critical' || level === 'error' || level === 'warning' ? level : 'info';
}

/** An event as the line a rule is made from. */
export function ruleLineOf(event: EventView): RuleLine {
  return {
    text: event.text,
    ...(event.message !== undefined ? { message: event.message } : {}),
    level: event.level,
    module: event.module,
    component: event.component,
    path: event.path,
  };
}

/** The live count of the library's past cases the query matches (hidden when the engine cannot say). */
export type LibraryCount = { kind: 'counting' } | { kind: 'counted'; matches: LibraryQueryMatches } | { kind: 'error' };

/** The live count of the query. */
export type RuleCount =
  { kind: 'counting' } | { kind: 'counted'; total: number; exact: boolean } | { kind: 'error'; detail: string };

/** Where the save is. */
export type RuleSave =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; path: string }
  | { kind: 'failed'; problems: { field: string | null; text: string }[] };

export function useRuleFromLine({
  caseId,
  line,
  lineNo,
  onReread,
  spec,
}: {
  caseId: string;
  line: RuleLine;
  /** A saved rule to edit instead of a new one. */
  spec?: RuleSpec;
  /** The line's number in its file (the healthy example is the nearest one). */
  lineNo: number;
  onReread: (caseId: string) => void;
}) {
  const proposed = useMemo(() => proposeRuleQuery(line) ?? '', [line]);
  const firstPhrase = useMemo(
    // The first phrase in line order: a message usually starts by saying what happened.
    () => fixedPhrases(line.message ?? messageOfLine(line.text))[0] ?? '',
    [line],
  );
  const [titleEn, setTitleEn] = useState(spec?.title.en ?? firstPhrase);
  const [titleZh, setTitleZh] = useState(spec?.title.zh ?? firstPhrase);
  const [id, setId] = useState(() => spec?.id ?? ruleIdFrom(firstPhrase || line.component));
  const [idEdited, setIdEdited] = useState(spec !== undefined);
  const [severity, setSeverity] = useState<Severity>(spec?.severity ?? severityOf(line.level));
  const [category, setCategory] = useState<Category>(spec?.category ?? 'product');
  const firstStage = spec?.stages[0] ?? '';
  const [stage, setStage] = useState(firstStage);
  const [stages, setStages] = useState<{ id: string; name: { en: string; zh: string } }[]>([]);
  const [query, setQuery] = useState(spec?.query ?? proposed);
  const [adviceEn, setAdviceEn] = useState(spec?.advice.en ?? '');
  const [adviceZh, setAdviceZh] = useState(spec?.advice.zh ?? '');
  const [count, setCount] = useState<RuleCount>({ kind: 'counting' });
  const [library, setLibrary] = useState<LibraryCount>({ kind: 'counting' });
  const [candidates, setCandidates] = useState<EventView[] | null>(null);
  const [save, setSave] = useState<RuleSave>({ kind: 'idle' });

  /** An edited field's problems from the last save are gone (the rest stay until the next save). */
  const touch = useCallback((field: string) => {
    setSave((current) =>
      current.kind === 'failed' ? { ...current, problems: current.problems.filter((p) => p.field !== field) } : current,
    );
  }, []);
  const edit =
    <T>(field: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      touch(field);
    };

  const editTitleEn = useCallback(
    (text: string) => {
      setTitleEn(text);
      touch('title');
      if (!idEdited) setId(ruleIdFrom(text || line.component));
    },
    [idEdited, line.component, touch],
  );
  const editId = useCallback(
    (text: string) => {
      setId(text);
      setIdEdited(true);
      touch('id');
    },
    [touch],
  );

  // The stages of the seed's table, for the stage list.
  useEffect(() => {
    let live = true;
    void client.overview({ caseId }).then((result) => {
      if (live && result.ok) setStages(result.value.stages);
    });
    return () => {
      live = false;
    };
  }, [caseId]);

  // Lines of the same file, info first, for the must-not-match example.
  useEffect(() => {
    let live = true;
    const file = `file:${quote(line.path)}`;
    void (async () => {
      const info = await client.search({ caseId, query: `${file} level:info`, limit: CANDIDATES });
      const any = await client.search({ caseId, query: file, limit: CANDIDATES });
      if (!live) return;
      setCandidates([...(info.ok ? info.value.hits : []), ...(any.ok ? any.value.hits : [])]);
    })();
    return () => {
      live = false;
    };
  }, [caseId, line.path]);

  // The live count, once the query rests.
  useEffect(() => {
    let live = true;
    setCount({ kind: 'counting' });
    const timer = setTimeout(() => {
      void client.search({ caseId, query, limit: 1, countBudgetMs: COUNT_BUDGET_MS }).then((result) => {
        if (!live) return;
        if (!result.ok) return setCount({ kind: 'error', detail: result.error });
        const page = result.value;
        if (page.syntaxError) return setCount({ kind: 'error', detail: page.syntaxError.message });
        setCount({ kind: 'counted', total: page.total, exact: page.totalExact });
      });
    }, COUNT_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [caseId, query]);

  // The library's past cases, once the query rests.
  useEffect(() => {
    let live = true;
    setLibrary({ kind: 'counting' });
    const timer = setTimeout(() => {
      void client.libraryQueryMatches({ query, caseId }).then((result) => {
        if (live) setLibrary(result.ok ? { kind: 'counted', matches: result.value } : { kind: 'error' });
      });
    }, COUNT_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [caseId, query]);

  const savedNoMatch = useMemo(() => (spec ? savedNoMatchOf(spec) : null), [spec]);

  /**
   * The saved must-not-match line of a rule being edited while the query leaves it out, else the
   * nearest healthy line (info lines first) that the current query leaves out.
   */
  const healthy = useMemo((): RuleLine | null => {
    const parsed = parseQuery(query);
    if (!parsed.ok) return null;
    const matches = compileMatcher(parsed.query, { zone: 'UTC', reference: null });
    if (savedNoMatch && !matches({ ...savedNoMatch, time: null })) return savedNoMatch;
    if (!candidates) return null;
    const left = candidates.filter(
      (event) =>
        event.text !== line.text &&
        !matches({
          text: event.text,
          level: event.level,
          module: event.module,
          component: event.component,
          path: event.path,
          time: null,
        }),
    );
    const info = left.filter((event) => event.level === 'info');
    const pool = info.length > 0 ? info : left;
    const nearest = [...pool].sort((a, b) => Math.abs(a.line - lineNo) - Math.abs(b.line - lineNo))[0];
    return nearest ? ruleLineOf(nearest) : null;
  }, [candidates, query, line.text, lineNo, savedNoMatch]);

  const saveRule = useCallback(async () => {
    setSave({ kind: 'saving' });
    const drafted = ruleSpecFromDraft({
      id: id.trim(),
      title: { en: titleEn.trim(), zh: titleZh.trim() },
      severity,
      category,
      stages: stage === '' ? [] : [stage],
      query,
      advice: { en: adviceEn.trim(), zh: adviceZh.trim() },
      match: line,
      noMatch: healthy,
    });
    const rule = spec
      ? editedSpec(spec, drafted, {
          stageKept: stage === firstStage,
          healthy: healthy !== null && healthy !== savedNoMatch,
        })
      : drafted;
    const saved = await client.saveRule({ rule });
    if (!saved.ok) {
      const text = saved.error.replace(/^saveRule: /, '');
      return setSave({
        kind: 'failed',
        problems: text.split('\n').map((problem) => ({ field: problemField(problem), text: problem })),
      });
    }
    setSave({ kind: 'saved', path: saved.value.path });
    const reread = await client.reopenCase({ caseId });
    if (!reread.ok) return setSave({ kind: 'failed', problems: [{ field: null, text: reread.error }] });
    onReread(reread.value.caseId);
  }, [
    id,
    titleEn,
    titleZh,
    severity,
    category,
    stage,
    firstStage,
    query,
    adviceEn,
    adviceZh,
    line,
    healthy,
    spec,
    savedNoMatch,
    caseId,
    onReread,
  ]);

  const problemsOf = (field: string): string[] =>
    save.kind === 'failed' ? save.problems.filter((p) => p.field === field).map((p) => p.text) : [];

  return {
    id,
    setId: editId,
    titleEn,
    setTitleEn: editTitleEn,
    titleZh,
    setTitleZh: edit('title', setTitleZh),
    severity,
    setSeverity: edit('severity', setSeverity),
    category,
    setCategory: edit('category', setCategory),
    stage,
    setStage: edit('stages', setStage),
    stages,
    query,
    setQuery: edit('query', setQuery),
    adviceEn,
    setAdviceEn: edit('advice', setAdviceEn),
    adviceZh,
    setAdviceZh: edit('advice', setAdviceZh),
    count,
    library,
    editing: spec !== undefined,
    healthy,
    candidatesLoaded: candidates !== null,
    save,
    saveRule,
    problemsOf,
  };
}
