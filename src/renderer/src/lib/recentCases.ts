/**
 * The cases opened lately on this machine, newest first: part of the preferences the engine
 * keeps (paths and names only — never log content).
 */
import { withRecent, withoutRecent, type RecentCase } from '../../../shared/preferences.ts';
import { preferences, savePreferences } from './preferences.ts';

export type { RecentCase } from '../../../shared/preferences.ts';

/** Puts a case first (once), keeping at most eight. */
export function rememberCase(entry: RecentCase): RecentCase[] {
  const recent = withRecent(preferences().recent, entry);
  savePreferences({ recent });
  return recent;
}

/** Removes one case from the list. */
export function forgetCase(entry: RecentCase): RecentCase[] {
  const recent = withoutRecent(preferences().recent, entry);
  savePreferences({ recent });
  return recent;
}
