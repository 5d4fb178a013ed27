/**
 * The lane arrangement of a case (hidden lanes, filter, order), kept while the app runs: leaving
 * the Timeline tab and coming back, or switching cases, finds each case's lanes as they were.
 */
import { useCallback, useEffect, useState } from 'react';
import { EMPTY_LANE_VIEW, type LaneView } from './laneView.ts';

const kept = new Map<string, LaneView>();

export function useLaneView(caseId: string) {
  const [view, setView] = useState<LaneView>(() => kept.get(caseId) ?? EMPTY_LANE_VIEW);
  useEffect(() => setView(kept.get(caseId) ?? EMPTY_LANE_VIEW), [caseId]);
  const update = useCallback(
    (change: (view: LaneView) => LaneView) =>
      setView((current) => {
        const next = change(current);
        kept.set(caseId, next);
        return next;
      }),
    [caseId],
  );
  return { view, update };
}
