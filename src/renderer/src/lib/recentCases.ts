/**
 * The cases opened lately on this machine, newest first, kept in the renderer's localStorage
 * (paths and names only — never log content). A broken or foreign value reads as an empty list.
 */
const KEY = 'tarsier.recentCases';
const MAX = 8;

/** One recently opened case: what to open again and how to call it. */
export interface RecentCase {
  /** Paths on this machine, or `demo` for the demo bundle. */
  paths: string[] | 'demo';
  names: string[];
  openedAt: number;
}

const isRecent = (v: unknown): v is RecentCase => {
  const r = v as RecentCase;
  return (
    typeof r === 'object' &&
    r !== null &&
    (r.paths === 'demo' || (Array.isArray(r.paths) && r.paths.every((p) => typeof p === 'string'))) &&
    Array.isArray(r.names) &&
    typeof r.openedAt === 'number'
  );
};

export function loadRecentCases(): RecentCase[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter(isRecent).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

const same = (a: RecentCase, b: RecentCase) => JSON.stringify(a.paths) === JSON.stringify(b.paths);

/** Puts a case first (once), keeping at most eight. */
export function rememberCase(entry: RecentCase): RecentCase[] {
  const list = [entry, ...loadRecentCases().filter((r) => !same(r, entry))].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled: the list simply is not kept.
  }
  return list;
}

/** Removes one case from the list. */
export function forgetCase(entry: RecentCase): RecentCase[] {
  const list = loadRecentCases().filter((r) => !same(r, entry));
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // As above.
  }
  return list;
}
