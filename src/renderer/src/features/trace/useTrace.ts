/**
 * The trace view's state: the id looked up (again on retry), the last trace kept on screen while
 * the next one loads, the trace within the timeline's selection, and the selected event.
 */
import { useEffect, useMemo, useState } from 'react';
import type { TraceResult } from '../../../../shared/caseViews.ts';
import { client } from '../../api/client.ts';
import type { TimeRange } from '../../views/caseNavigation.ts';
import { withinRange } from './traceRange.ts';

export type TraceStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; id: string }
  | { kind: 'failed'; id: string; error: string }
  | { kind: 'done'; trace: TraceResult };

export interface TraceInput {
  caseId: string;
  id: string;
  range: TimeRange | null;
}

export function useTrace({ caseId, id, range }: TraceInput) {
  const [status, setStatus] = useState<TraceStatus>({ kind: 'idle' });
  const [last, setLast] = useState<TraceResult | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);

  // The selection is an index into the events shown, which the range changes.
  useEffect(() => setSelected(null), [range]);

  useEffect(() => {
    const wanted = id.trim();
    if (wanted === '') {
      setStatus({ kind: 'idle' });
      return;
    }
    let live = true;
    setStatus({ kind: 'loading', id: wanted });
    void client.trace({ caseId, id: wanted }).then((result) => {
      if (!live) return;
      if (!result.ok) return setStatus({ kind: 'failed', id: wanted, error: result.error });
      setStatus({ kind: 'done', trace: result.value });
      setLast(result.value);
      setSelected(null);
    });
    return () => {
      live = false;
    };
  }, [caseId, id, attempt]);

  const fetched = status.kind === 'done' ? status.trace : status.kind === 'loading' ? last : null;
  const { trace, hidden } = useMemo(
    () => (fetched === null ? { trace: null, hidden: 0 } : withinRange(fetched, range)),
    [fetched, range],
  );

  return { status, trace, hidden, selected, setSelected, retry: () => setAttempt((n) => n + 1) };
}
