/**
 * n / N (next or previous hit) and e / E (next or previous error) over the events list, and the
 * short notices they leave next to the summary ("no next error", the engine's message…).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StringKey } from '../../i18n/strings.ts';
import { client } from '../../api/client.ts';
import { errorSearchFrom, hitStep, type Notice } from './eventSearch.ts';
import { PositionIndex, type LoadPositions } from './positionIndex.ts';
import type { EventSearch } from './useEventSearch.ts';

const NOTICE_MS = 4000;
/** How long e / E may search before the notice says it is still looking. */
const SLOW_MS = 250;

function positionLoader(caseId: string, query: string): LoadPositions {
  return async (offset, limit) => {
    const r = await client.search({ caseId, query, offset, limit });
    if (!r.ok) return r;
    if (r.value.syntaxError) return { ok: false, error: r.value.syntaxError.message };
    return { ok: true, value: { total: r.value.total, positions: r.value.hits.map((h) => h.position) } };
  };
}

export function useEventJumps(caseId: string, search: EventSearch) {
  const { searchMode, list, cache, selected, firstVisible, jumpTo } = search;
  const [notice, setNotice] = useState<Notice | null>(null);
  const say = useCallback((key: StringKey) => setNotice({ key }), []);
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const timelineErrors = useMemo(() => new PositionIndex(positionLoader(caseId, 'level:>=error')), [caseId]);
  const searchQuery = searchMode && list ? list.run.query : null;
  const hitErrors = useMemo(
    () => (searchQuery ? new PositionIndex(positionLoader(caseId, `(${searchQuery}) level:>=error`)) : null),
    [caseId, searchQuery],
  );

  const jumpHit = (forward: boolean): void => {
    const step = hitStep(searchMode, { selected, firstVisible: firstVisible.current, total: cache.total }, forward);
    if (step.kind === 'notice') say(step.key);
    else jumpTo(step.index);
  };

  const seeking = useRef(false);
  const jumpError = async (forward: boolean): Promise<void> => {
    // One search at a time: presses while one runs are dropped rather than raced.
    if (seeking.current) return;
    seeking.current = true;
    const start = cache;
    const slow = setTimeout(() => say('evFindingError'), SLOW_MS);
    try {
      const base = selected ?? firstVisible.current;
      let position: number | null;
      let errorText: string | null;
      if (!hitErrors) {
        const p = errorSearchFrom(base, selected !== null, forward);
        position = forward ? await timelineErrors.next(p) : await timelineErrors.prev(p);
        errorText = timelineErrors.error;
      } else {
        // Hits are listed by index: find the error's position, then its row in the hits.
        const row = await start.row(base);
        if (!row) return;
        const p = errorSearchFrom(row.position, selected !== null, forward);
        position = forward ? await hitErrors.next(p) : await hitErrors.prev(p);
        errorText = hitErrors.error;
        if (position !== null) position = await start.indexOfPosition(position);
        if (position === -1) position = null;
      }
      if (start !== cache) return;
      if (position === null)
        setNotice(errorText !== null ? { raw: errorText } : { key: forward ? 'evNoNextError' : 'evNoPrevError' });
      else {
        setNotice(null);
        jumpTo(position);
      }
    } finally {
      seeking.current = false;
      clearTimeout(slow);
    }
  };

  return { notice, jumpHit, jumpError };
}
