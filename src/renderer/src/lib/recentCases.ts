/**
 * The cases opened lately on this machine, newest first: part of the preferences the engine
 * keeps (paths and names only — never log content).
 */
import type { ApiResult, ForgottenCase } from '../../../shared/api.ts';
import { withRecent, withoutRecent, type RecentCase } from '../../../shared/preferences.ts';
import { client } from '../api/client.ts';
import { preferences, savePreferences } from './preferences.ts';

export type { RecentCase } from '../../../shared/preferences.ts';

/** Puts a case first (once), keeping at most eight. */
export function rememberCase(entry: RecentCase): RecentCase[] {
  const recent = withRecent(preferences().recent, entry);
  savePreferences({ recent });
  return recent;
}

/**
 * Forgets a case for good: the engine removes its Recent entry, its saved notes and pins (`key`,
 * when known) and its copy of an uploaded bundle; the page's list follows. Never a user's file.
 */
export async function forgetCaseData(entry: RecentCase, key?: string): Promise<ApiResult<ForgottenCase>> {
  const result = await client.forgetCase(key === undefined ? { paths: entry.paths } : { paths: entry.paths, key });
  if (result.ok) {
    const recent = withoutRecent(preferences().recent, entry);
    if (recent.length !== preferences().recent.length) savePreferences({ recent });
  }
  return result;
}
