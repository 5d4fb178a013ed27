/**
 * What Tarsier keeps about the engineer rather than a case: the theme, the language and the
 * cases opened lately (paths and names only, never log content). The engine keeps them in its
 * data folder (`preferences.json`), so they survive whatever origin the page is served from — a
 * `tarsier serve` page changes origin with its port on every start.
 */
import { z } from 'zod';
import { mustBe, says, show } from './validation.ts';

/** At most this many recent cases are kept. */
export const MAX_RECENT_CASES = 8;

/** At most this many searches are remembered (across cases here, and per case in its state). */
export const MAX_SEARCH_HISTORY = 50;

/** Searches remembered, newest first (texts cut at 2000 characters). */
export const searchHistorySchema = z.array(z.string().max(2000)).max(MAX_SEARCH_HISTORY);

/** Light, dark, or whatever the system uses. */
export const themeChoiceSchema = z.enum(['system', 'light', 'dark'], {
  error: says((value) => `theme must be system, light or dark, got ${show(value)}`),
});
export type ThemeChoice = z.output<typeof themeChoiceSchema>;

/** The two languages of the UI. */
export const languageSchema = z.enum(['en', 'zh'], {
  error: says((value) => `lang must be en or zh, got ${show(value)}`),
});

/** One recently opened case: what to open again and how to call it. */
export const recentCaseSchema = z.object({
  /** Paths on this machine, or `demo` for the demo bundle. */
  paths: z.union([z.literal('demo'), z.array(z.string().min(1).max(4096)).min(1).max(64)]),
  names: z.array(z.string().max(4096)).max(64),
  openedAt: z.number(),
  /** The bundles' sizes when the case was read (told apart from another of the same name). */
  bytes: z.array(z.number().nonnegative()).max(64).optional(),
  /** Opened from files dropped on a `tarsier serve` page: the paths are Tarsier's stored copies. */
  uploaded: z.boolean().optional(),
});
export type RecentCase = z.output<typeof recentCaseSchema>;

/**
 * Preferences from untrusted JSON (the saved file): what has the right shape is kept, the rest
 * falls back to the default; a malformed recent entry is dropped, not the list.
 */
export const preferencesSchema = z
  .object({
    theme: themeChoiceSchema.catch('system'),
    lang: languageSchema.nullable().catch(null),
    recent: z
      .array(z.unknown())
      .catch([])
      .transform((list) =>
        list.flatMap((item) => {
          const parsed = recentCaseSchema.safeParse(item);
          return parsed.success ? [parsed.data] : [];
        }),
      )
      .transform((list) => list.slice(0, MAX_RECENT_CASES)),
    /** The walkthrough was taken or declined: it is not offered again on its own. */
    tourSeen: z.boolean().catch(false),
    // Optional: preferences written before it have none.
    searchHistory: searchHistorySchema.optional().catch(undefined),
  })
  .catch({ theme: 'system', lang: null, recent: [], tourSeen: false });
export type Preferences = z.output<typeof preferencesSchema>;

/** The preferences before anything was chosen (`lang` null: the system's language). */
export const defaultPreferences = (): Preferences => ({ theme: 'system', lang: null, recent: [], tourSeen: false });

/** A change to the preferences: each field given replaces the kept one (a request: strict). */
export const preferencesPatchSchema = z.strictObject(
  {
    theme: themeChoiceSchema.optional(),
    lang: languageSchema.optional(),
    recent: z.array(recentCaseSchema).max(MAX_RECENT_CASES).optional(),
    tourSeen: z.boolean().optional(),
    searchHistory: searchHistorySchema.optional(),
  },
  { error: mustBe('must be an object with theme, lang, recent, tourSeen or searchHistory') },
);
export type PreferencesPatch = z.output<typeof preferencesPatchSchema>;

const sameCase = (a: RecentCase, b: RecentCase): boolean => JSON.stringify(a.paths) === JSON.stringify(b.paths);

/** The recent list with `entry` first (once), at most {@link MAX_RECENT_CASES}. */
export function withRecent(list: readonly RecentCase[], entry: RecentCase): RecentCase[] {
  return [entry, ...list.filter((r) => !sameCase(r, entry))].slice(0, MAX_RECENT_CASES);
}

/** The recent list without `entry`. */
export function withoutRecent(list: readonly RecentCase[], entry: RecentCase): RecentCase[] {
  return list.filter((r) => !sameCase(r, entry));
}
