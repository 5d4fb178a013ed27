/**
 * The engine's histogram rows (component × level × bin) folded into what the timeline draws:
 * one series for the level histogram and one per component lane, in five level groups.
 */
import type { Histogram } from '../../../../shared/caseViews.ts';
import { epochMs, type Level } from '../../../../shared/model.ts';

/** Level groups, most severe first (the histogram stacks them from the bottom in this order). */
export const GROUPS = ['critical', 'error', 'warning', 'info', 'other'] as const;
export type Group = (typeof GROUPS)[number];

export const groupOf = (level: Level): number => {
  const i = (GROUPS as readonly string[]).indexOf(level);
  return i < 0 ? GROUPS.length - 1 : i;
};

/** Counts per group and bin. */
export interface Series {
  /** `byGroup[g][bin]`. */
  byGroup: number[][];
  total: number[];
  /** Events per group over all bins. */
  sums: number[];
  /** Largest bin total. */
  max: number;
}

export interface Lane extends Series {
  /** `module/component`. */
  key: string;
  module: string;
  component: string;
}

function emptySeries(bins: number): Series {
  return {
    byGroup: GROUPS.map(() => new Array<number>(bins).fill(0)),
    total: new Array<number>(bins).fill(0),
    sums: GROUPS.map(() => 0),
    max: 0,
  };
}

function add(series: Series, group: number, counts: readonly number[]): void {
  const row = series.byGroup[group];
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i];
    if (n === 0) continue;
    row[i] += n;
    series.total[i] += n;
    series.sums[group] += n;
  }
}

const finish = <T extends Series>(series: T): T => {
  series.max = series.total.reduce((m, n) => (n > m ? n : m), 0);
  return series;
};

/** Fewest pixels a critical, error or warning segment of a lane bar gets, so that one line shows. */
export const MIN_SEVERE_PX = 1.5;

/**
 * A lane bar of `height` px split by level: each group's share of the bar's events, in
 * {@link GROUPS} order (heights sum to `height`). A critical, error or warning group with events
 * gets at least `minPx` (what it needs is taken from the largest segment), so a bar with 10%
 * warnings reads as mostly info with a warning band, not as a warning bar.
 */
export function levelMix(counts: readonly number[], height: number, minPx = MIN_SEVERE_PX): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0 || height <= 0) return counts.map(() => 0);
  const heights = counts.map((n) => (n / total) * height);
  let largest = 0;
  for (let g = 1; g < heights.length; g++) if (heights[g] > heights[largest]) largest = g;
  for (let g = 0; g < heights.length && g <= 2; g++) {
    if (counts[g] === 0 || heights[g] >= minPx || g === largest) continue;
    const need = Math.min(minPx - heights[g], Math.max(0, heights[largest] - minPx));
    heights[g] += need;
    heights[largest] -= need;
  }
  return heights;
}

export const errorsOf = (series: Pick<Series, 'sums'>): number => series.sums[0] + series.sums[1];
export const totalOf = (series: Pick<Series, 'sums'>): number => series.sums.reduce((a, b) => a + b, 0);

/** `nova/nova-api` → its module and component. */
export function splitKey(key: string): { module: string; component: string } {
  const cut = key.indexOf('/');
  return cut < 0 ? { module: '', component: key } : { module: key.slice(0, cut), component: key.slice(cut + 1) };
}

/** Most errors first, then warnings, then events, then by name. */
export function compareLanes(a: Pick<Lane, 'sums' | 'key'>, b: Pick<Lane, 'sums' | 'key'>): number {
  return (
    errorsOf(b) - errorsOf(a) ||
    b.sums[2] - a.sums[2] ||
    totalOf(b) - totalOf(a) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** The histogram as a whole-case series and a lane per component, lanes in `order` (keys) when given. */
export function fold(histogram: Histogram, order: ReadonlyMap<string, number> | null): { all: Series; lanes: Lane[] } {
  const all = emptySeries(histogram.bins);
  const lanes = new Map<string, Lane>();
  for (const row of histogram.rows) {
    let lane = lanes.get(row.component);
    if (!lane) {
      lane = { ...emptySeries(histogram.bins), key: row.component, ...splitKey(row.component) };
      lanes.set(row.component, lane);
    }
    const g = groupOf(row.level);
    add(lane, g, row.counts);
    add(all, g, row.counts);
  }
  const list = [...lanes.values()].map(finish);
  const rank = (lane: Lane): number => order?.get(lane.key) ?? Number.MAX_SAFE_INTEGER;
  list.sort((a, b) => rank(a) - rank(b) || compareLanes(a, b));
  return { all: finish(all), lanes: list };
}

/** Lane order from whole-case totals (the first, one-bin request): most errors first. */
export function laneOrder(histogram: Histogram): Map<string, number> {
  const { lanes } = fold(histogram, null);
  return new Map(lanes.map((lane, i) => [lane.key, i]));
}

/** A histogram without events for the bins asked (the engine answers null when none fall in them). */
export function emptyHistogram(request: { from: number; to: number; bins: number }): Histogram {
  return {
    from: epochMs(request.from),
    to: epochMs(request.to),
    bins: request.bins,
    binMs: (request.to - request.from) / request.bins,
    rows: [],
  };
}
