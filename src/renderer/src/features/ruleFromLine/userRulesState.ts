/**
 * Where "Your rules" is: closed, the list, or one rule being edited — and the rule deleted last,
 * for its Undo. Kept outside React on purpose: a delete, an undo or an edit diagnoses the case
 * again, which mounts a new workspace, and the list (with its Undo) must come back on it.
 */
import { useSyncExternalStore } from 'react';
import type { RuleSpec } from '../../../../shared/rules/ruleSpec.ts';

export type UserRulesView = { kind: 'closed' } | { kind: 'list' } | { kind: 'edit'; spec: RuleSpec };

export interface UserRulesState {
  view: UserRulesView;
  /** The rule deleted last (its spec, for an Undo), until it is saved again or another is deleted. */
  deleted: { id: string; spec: RuleSpec | null } | null;
}

let state: UserRulesState = { view: { kind: 'closed' }, deleted: null };
const listeners = new Set<() => void>();

function set(next: Partial<UserRulesState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const userRulesState = {
  get: (): UserRulesState => state,
  openList: (): void => set({ view: { kind: 'list' } }),
  edit: (spec: RuleSpec): void => set({ view: { kind: 'edit', spec } }),
  close: (): void => set({ view: { kind: 'closed' } }),
  deleted: (id: string, spec: RuleSpec | null): void => set({ deleted: { id, spec } }),
  undone: (): void => set({ deleted: null }),
  /** Back to the start (tests). */
  reset: (): void => set({ view: { kind: 'closed' }, deleted: null }),
};

export function useUserRulesState(): UserRulesState {
  return useSyncExternalStore(subscribe, userRulesState.get);
}
