/**
 * The two timelines of a comparison on one axis (issue 18): the axis is A's clock, B's events are
 * moved onto it by the alignment's offset, and the axis spans both. Pure: unit tested in
 * sharedAxis.test.ts.
 */
import type { CaseComparison } from '../../../../shared/compare/compareCases.ts';
import type { Histogram } from '../../../../shared/caseViews.ts';
import type { Level } from '../../../../shared/model.ts';

/** The shared axis (A's times) and the window of B's own times that it shows. */
export interface SharedAxis {
  from: number;
  to: number;
  bFrom: number;
  bTo: number;
}

/** An axis of a single instant is widened to this much. */
const MIN_SPAN_MS = 60_000;

/** The union of A's span and B's span moved by the offset; null when neither case has a time. */
export function sharedAxis(c: Pick<CaseComparison, 'a' | 'b' | 'alignment'>): SharedAxis | null {
  const offset = c.alignment.offsetMs;
  const spans: { from: number; to: number }[] = [];
  if (c.a.from !== null && c.a.to !== null) spans.push({ from: c.a.from, to: c.a.to });
  if (c.b.from !== null && c.b.to !== null) spans.push({ from: c.b.from + offset, to: c.b.to + offset });
  if (spans.length === 0) return null;
  let from = Math.min(...spans.map((s) => s.from));
  let to = Math.max(...spans.map((s) => s.to));
  if (to - from < MIN_SPAN_MS) {
    const middle = (from + to) / 2;
    from = middle - MIN_SPAN_MS / 2;
    to = middle + MIN_SPAN_MS / 2;
  }
  return { from, to, bFrom: from - offset, bTo: to - offset };
}

export interface LevelBins {
  error: number[];
  warning: number[];
  other: number[];
  /** The largest bin (all levels together), at least 1. */
  max: number;
}

const ERRORS = new Set<Level>(['error', 'critical']);

/** A histogram's counts per bin as errors, warnings and the rest (every component added up). */
export function levelBins(h: Histogram | null, bins: number): LevelBins {
  const out: LevelBins = {
    error: new Array<number>(bins).fill(0),
    warning: new Array<number>(bins).fill(0),
    other: new Array<number>(bins).fill(0),
    max: 1,
  };
  if (!h) return out;
  for (const row of h.rows) {
    const into = ERRORS.has(row.level) ? out.error : row.level === 'warning' ? out.warning : out.other;
    for (let i = 0; i < Math.min(bins, row.counts.length); i++) into[i] += row.counts[i];
  }
  for (let i = 0; i < bins; i++) out.max = Math.max(out.max, out.error[i] + out.warning[i] + out.other[i]);
  return out;
}
