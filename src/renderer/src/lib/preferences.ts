/**
 * The engineer's preferences in the page: loaded from the engine once before the first paint
 * (so the theme does not flash), changed here at once and kept by the engine (its data folder,
 * not this origin's storage: a `tarsier serve` page's origin changes with its port).
 */
import { useSyncExternalStore } from 'react';
import { client } from '../api/client.ts';
import { defaultPreferences, type Preferences, type PreferencesPatch } from '../../../shared/preferences.ts';

let current: Preferences = defaultPreferences();
const listeners = new Set<() => void>();

/** Asks the engine for the kept preferences (the defaults when it cannot say). */
export async function loadPreferences(): Promise<Preferences> {
  const result = await client.preferences({});
  if (result.ok) current = result.value;
  return current;
}

/** The preferences as the page knows them now. */
export function preferences(): Preferences {
  return current;
}

/** Changes the preferences at once in the page, and asks the engine to keep them. */
export function savePreferences(patch: PreferencesPatch): void {
  current = { ...current, ...patch };
  for (const listener of [...listeners]) listener();
  void client.savePreferences(patch);
}

/** The preferences, re-rendering when they change. */
export function usePreferences(): Preferences {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
