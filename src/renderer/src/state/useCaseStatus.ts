/**
 * A case's status in a component, kept current by the engine's pushed events (caseStatusStore.ts).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { client } from '../api/client.ts';
import { CaseStatusStore, type WatchedCase } from './caseStatusStore.ts';

/** The one store of the page. */
export const caseStatusStore = new CaseStatusStore(client);

const NONE: WatchedCase = { status: null, error: null };

/** The status of `caseId` (nothing for null), re-rendered on each of its events. */
export function useCaseStatus(caseId: string | null): WatchedCase {
  const subscribe = useCallback(
    (changed: () => void) => (caseId ? caseStatusStore.watch(caseId, changed) : () => undefined),
    [caseId],
  );
  const snapshot = useCallback(() => (caseId ? caseStatusStore.get(caseId) : NONE), [caseId]);
  return useSyncExternalStore(subscribe, snapshot);
}
