/**
 * The file viewer's paging: the window of lines fetched around a target (never the whole file),
 * the target and the context shown around it, and the line waiting to be brought into view once
 * the editor shows the lines. The arithmetic is in fileWindow.ts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileLinesPage } from '../../../../shared/caseViews.ts';
import { client } from '../../api/client.ts';
import { covers, lastWindowStart, pageRange, targetIn, wantedRange, windowStart, WINDOW_LINES } from './fileWindow.ts';

/** A line to bring into view once the shown lines are in the editor. */
export interface Reveal {
  line: number;
  where: 'center' | 'top' | 'bottom';
}

export interface FileWindowInput {
  caseId: string;
  file: number;
  /** The line asked for from outside (a finding's evidence, an event). */
  line: number;
}

export function useFileWindow({ caseId, file, line }: FileWindowInput) {
  const [page, setPage] = useState<FileLinesPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState(line);
  const [context, setContext] = useState(0);
  /** The target once it is centred in the editor (the E2E tests wait for it). */
  const [revealed, setRevealed] = useState<number | null>(null);
  /** Bumped when a line within the page is to be revealed without fetching. */
  const [revealTick, setRevealTick] = useState(0);
  const pendingReveal = useRef<Reveal | null>(null);
  const seq = useRef(0);

  /** Fetches the window centred on `centre`, then brings `reveal` into view. */
  const load = useCallback(
    async (centre: number, reveal: Reveal) => {
      const n = ++seq.current;
      setLoading(true);
      let result = await client.fileLines({ caseId, file, from: windowStart(centre), count: WINDOW_LINES });
      if (n !== seq.current) return;
      // Past the end of the file: take its last window instead.
      const last = result.ok ? lastWindowStart(result.value, centre) : null;
      if (last !== null) {
        result = await client.fileLines({ caseId, file, from: last, count: WINDOW_LINES });
        if (n !== seq.current) return;
      }
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      pendingReveal.current = reveal;
      setError(null);
      setPage(result.value);
    },
    [caseId, file],
  );

  // A new file or line from outside: start over there.
  useEffect(() => {
    setTarget(line);
    setRevealed(null);
    void load(line, { line, where: 'center' });
  }, [line, load]);

  const shownTarget = targetIn(page, target);

  /** Shows `to` (a file line), fetching another window when the current one does not hold what is wanted. */
  const goTo = useCallback(
    (to: number, withContext = context) => {
      setTarget(to);
      setRevealed(null);
      const reveal: Reveal = { line: to, where: 'center' };
      if (page && covers(page, wantedRange(page, targetIn(page, to), withContext))) {
        pendingReveal.current = reveal;
        setRevealTick((n) => n + 1);
      } else void load(to, reveal);
    },
    [context, page, load],
  );

  const chooseContext = useCallback(
    (n: number) => {
      setContext(n);
      goTo(shownTarget, n);
    },
    [goTo, shownTarget],
  );

  const loadEarlier = useCallback(() => {
    if (page) void load(page.from, { line: page.from, where: 'top' });
  }, [page, load]);
  const loadLater = useCallback(() => {
    if (page) {
      const end = pageRange(page).to;
      void load(end, { line: end, where: 'bottom' });
    }
  }, [page, load]);
  const retry = (): void => void load(shownTarget, { line: shownTarget, where: 'center' });
  /** The line waiting to be revealed, taken once. */
  const takeReveal = useCallback((): Reveal | null => {
    const reveal = pendingReveal.current;
    pendingReveal.current = null;
    return reveal;
  }, []);

  return {
    page,
    loading,
    error,
    context,
    shownTarget,
    revealed,
    setRevealed,
    revealTick,
    takeReveal,
    goTo,
    chooseContext,
    loadEarlier,
    loadLater,
    retry,
  };
}
