/**
 * The Patterns table's pure parts: sorting, filtering, and the sparkline's SVG path.
 */
import type { PatternSummary } from '../../../../shared/patterns/patternViews.ts';

/** What the table can be sorted by. */
export type PatternSort = 'count' | 'first' | 'errors';

/** Sorted copy: `count` and `errors` most first, `first` earliest first (untimed last); ties by id. */
export function sortPatterns(list: readonly PatternSummary[], by: PatternSort): PatternSummary[] {
  const key = (p: PatternSummary): number =>
    by === 'count' ? -p.count : by === 'errors' ? -(p.errors * 1e9 + p.warnings) : (p.firstTime ?? Infinity);
  return [...list].sort((a, b) => key(a) - key(b) || a.id - b.id);
}

/** The patterns whose text holds every word of `filter` (case-insensitive). */
export function filterPatterns(list: readonly PatternSummary[], filter: string): PatternSummary[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...list];
  return list.filter((p) => {
    const text = p.text.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/**
 * An SVG path of the counts as a step-free polyline in a `width` × `height` box (y grows down,
 * the largest count touches the top, zero sits on the bottom); '' for no buckets.
 */
export function sparkPath(counts: readonly number[], width: number, height: number): string {
  if (counts.length === 0) return '';
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : 0;
  const round = (v: number) => Math.round(v * 10) / 10;
  return counts
    .map((c, i) => `${i === 0 ? 'M' : 'L'}${round(i * step)},${round(height - (c / max) * height)}`)
    .join(' ');
}
