/**
 * "Go to file" matching, as VS Code's Ctrl+P does it: the typed characters must appear in the
 * path in order (a subsequence, case-insensitive, spaces ignored); the best alignment is found by
 * dynamic programming and scored so that consecutive characters, the start of a path segment or
 * of a word (after `-`, `_`, `.`, a camelCase hump) and the file's own name rank higher. No React:
 * unit tested in test/unit/fuzzyPath.test.ts.
 */

/** Longest query and path looked at (longer ones are cut: the score stays a score). */
const MAX_QUERY = 64;
const MAX_PATH = 1024;

const BASE = 1;
const CONSECUTIVE = 6;
const SEGMENT_START = 10;
const WORD_START = 8;
const CAMEL = 6;
const IN_NAME = 2;
const NAME_START = 4;
const GAP = 0.05;

const isSeparator = (c: string): boolean => c === '-' || c === '_' || c === '.' || c === ' ' || c === ':';

/** What matching the path's character at `j` is worth, before the consecutive bonus. */
function charBonus(path: string, j: number, nameStart: number): number {
  let score = BASE;
  const prev = j === 0 ? '/' : path[j - 1];
  if (prev === '/' || prev === '\\' || prev === '!') score += SEGMENT_START;
  else if (isSeparator(prev)) score += WORD_START;
  else if (/[a-z0-9]/.test(prev) && /[A-Z]/.test(path[j])) score += CAMEL;
  if (j >= nameStart) score += IN_NAME;
  if (j === nameStart) score += NAME_START;
  return score;
}

/** The typed text as it is matched: lower case, without spaces. */
export const normalizeQuery = (text: string): string => text.replace(/\s+/g, '').toLowerCase().slice(0, MAX_QUERY);

export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters in the path (for bold marks). */
  positions: number[];
}

/**
 * The best alignment of `query` (already normalized) in `path`, or null when its characters are
 * not all there in order. `positions` is filled only when `wantPositions`.
 */
export function fuzzyMatch(query: string, path: string, wantPositions = true): FuzzyMatch | null {
  const m = query.length;
  if (m === 0) return { score: 0, positions: [] };
  const target = path.length > MAX_PATH ? path.slice(path.length - MAX_PATH) : path;
  const lower = target.toLowerCase();
  const n = lower.length;
  // Quick reject: the subsequence must exist.
  for (let i = 0, j = 0; i < m; i++, j++) {
    j = lower.indexOf(query[i], j);
    if (j < 0) return null;
  }
  const nameStart = Math.max(target.lastIndexOf('/'), target.lastIndexOf('!')) + 1;
  // best[i][j]: the best score with query[i] matched at j (−∞ when impossible).
  const NEG = -Infinity;
  let prevRow = new Float64Array(n).fill(NEG);
  const back: Int32Array[] | null = wantPositions ? [] : null;
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(n).fill(NEG);
    const from = wantPositions ? new Int32Array(n).fill(-1) : null;
    const qc = query[i];
    // Best of prevRow[k] for k < j − 1, with the gap penalty measured from k.
    let bestBefore = NEG;
    let bestBeforeAt = -1;
    for (let j = i; j < n; j++) {
      if (i > 0 && j >= 2) {
        const k = j - 2;
        const candidate = prevRow[k] + GAP * k;
        if (candidate > bestBefore) {
          bestBefore = candidate;
          bestBeforeAt = k;
        }
      }
      if (lower[j] !== qc) continue;
      const bonus = charBonus(target, j, nameStart);
      if (i === 0) {
        row[j] = bonus - GAP * j * 0.2;
        continue;
      }
      const gapScore = bestBefore === NEG ? NEG : bestBefore - GAP * (j - 1) + bonus;
      const runScore = prevRow[j - 1] === NEG ? NEG : prevRow[j - 1] + bonus + CONSECUTIVE;
      if (runScore >= gapScore && runScore !== NEG) {
        row[j] = runScore;
        if (from) from[j] = j - 1;
      } else if (gapScore !== NEG) {
        row[j] = gapScore;
        if (from) from[j] = bestBeforeAt;
      }
    }
    if (back && from) back.push(from);
    prevRow = row;
  }
  let end = -1;
  let score = NEG;
  for (let j = 0; j < n; j++)
    if (prevRow[j] > score) {
      score = prevRow[j];
      end = j;
    }
  if (end < 0) return null;
  // Shorter paths first among equals.
  score -= n * 0.01;
  const positions: number[] = [];
  if (back) {
    const offset = path.length - target.length;
    for (let i = m - 1, j = end; i >= 0 && j >= 0; i--) {
      positions.push(j + offset);
      j = i > 0 ? back[i][j] : -1;
    }
    positions.reverse();
  }
  return { score, positions };
}

export interface Ranked<T> {
  item: T;
  score: number;
  positions: number[];
}

/**
 * The `limit` best items for `text` (best first; equal scores keep the items' order). An empty
 * text gives the first `limit` items. Positions are computed only for the ones returned.
 */
export function rankPaths<T>(items: readonly T[], pathOf: (item: T) => string, text: string, limit = 50): Ranked<T>[] {
  const query = normalizeQuery(text);
  if (query === '') return items.slice(0, limit).map((item) => ({ item, score: 0, positions: [] }));
  const scored: { at: number; score: number }[] = [];
  items.forEach((item, at) => {
    const match = fuzzyMatch(query, pathOf(item), false);
    if (match) scored.push({ at, score: match.score });
  });
  scored.sort((a, b) => b.score - a.score || a.at - b.at);
  return scored.slice(0, limit).map(({ at, score }) => {
    const item = items[at];
    return { item, score, positions: fuzzyMatch(query, pathOf(item))?.positions ?? [] };
  });
}
