/**
 * Aggregates over the timeline: level histograms per component for any time range and filter
 * (the swim-lanes and the histogram above them), and message templates counted in a range,
 * with those that occur only there (what changed around the incident).
 */
import type { Histogram } from '../../../shared/caseViews.ts';
import { LEVELS, epochMs, type EpochMs } from '../../../shared/model.ts';
import type { Bitmap } from './bitmap.ts';
import type { CaseIndex, PatternInfo } from './caseIndex.ts';

export type { Histogram } from '../../../shared/caseViews.ts';

/** The time span of the case's timed events, or null when none has a time. */
export function timeSpan(index: CaseIndex): { from: EpochMs; to: EpochMs } | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const t of index.events.time) {
    if (t < from) from = t;
    if (t > to) to = t;
  }
  return Number.isFinite(from) ? { from: epochMs(from), to: epochMs(to) } : null;
}

/** Level histogram per component over [from, to] in `bins` bins, optionally only over `only` (event ids). */
export function histogram(
  index: CaseIndex,
  options: { from?: number; to?: number; bins?: number; only?: Bitmap } = {},
): Histogram | null {
  const span = timeSpan(index);
  if (!span) return null;
  const from = options.from ?? span.from;
  const to = Math.max(options.to ?? span.to, from + 1);
  const bins = Math.max(1, Math.min(options.bins ?? 100, 10_000));
  const binMs = (to - from) / bins;
  const levels = LEVELS.length;
  const counts = new Uint32Array(index.components.length * levels * bins);
  const { time, level, file } = index.events;
  const componentOf = index.files.map((f) => f.component);
  const visit = (e: number) => {
    const t = time[e];
    if (!(t >= from && t <= to)) return;
    const bin = Math.min(bins - 1, Math.floor((t - from) / binMs));
    counts[(componentOf[file[e]] * levels + level[e]) * bins + bin]++;
  };
  if (options.only) options.only.forEach(visit);
  else for (let e = 0; e < time.length; e++) visit(e);
  const rows: Histogram['rows'] = [];
  for (let c = 0; c < index.components.length; c++) {
    for (let l = 0; l < levels; l++) {
      const row = counts.subarray((c * levels + l) * bins, (c * levels + l + 1) * bins);
      if (row.some((n) => n > 0)) rows.push({ component: index.components[c], level: LEVELS[l], counts: [...row] });
    }
  }
  return { from: epochMs(from), to: epochMs(to), binMs, bins, rows };
}

/** A template counted within a time range. */
export interface PatternInRange extends PatternInfo {
  /** Occurrences within the range. */
  inRange: number;
  /** True when every occurrence of the template falls within the range. */
  onlyInRange: boolean;
}

/**
 * Templates with their counts; with a range, counted within it, ordered so that those seen
 * only in the range (new around the incident) and those with errors come first.
 */
export function patternsInRange(
  index: CaseIndex,
  options: { from?: number; to?: number; limit?: number } = {},
): PatternInRange[] {
  const templateOf = index.templateOf;
  if (!templateOf) return [];
  const from = options.from ?? Number.NEGATIVE_INFINITY;
  const to = options.to ?? Number.POSITIVE_INFINITY;
  const ranged = options.from !== undefined || options.to !== undefined;
  const inRange = new Uint32Array(index.patterns.length);
  const { time } = index.events;
  for (let e = 0; e < templateOf.length; e++) {
    const t = time[e];
    if (!ranged || (t >= from && t <= to)) inRange[templateOf[e]]++;
  }
  const out: PatternInRange[] = [];
  for (const p of index.patterns) {
    if (inRange[p.id] === 0) continue;
    out.push({ ...p, inRange: inRange[p.id], onlyInRange: ranged && inRange[p.id] === p.count });
  }
  out.sort(
    (a, b) =>
      Number(b.onlyInRange) - Number(a.onlyInRange) ||
      Number(b.errors > 0) - Number(a.errors > 0) ||
      b.inRange - a.inRange,
  );
  return out.slice(0, options.limit ?? 200);
}
