/**
 * The engineer's arrangement of the component lanes: hidden lanes, a text filter and a custom
 * order (moved up and down), applied to the lanes the engine's bins give. Pure; kept with the
 * case's state (shared/caseState.ts) by the workspace.
 */
import type { Lane } from './binning.ts';

export interface LaneView {
  /** Lane keys (`module/component`) not drawn. */
  hidden: string[];
  /** Every lane key in the engineer's order once a lane was moved; empty: the default order. */
  order: string[];
  /** Lanes whose key holds every word of it are drawn (case-insensitive); empty: all. */
  filter: string;
}

export const EMPTY_LANE_VIEW: LaneView = { hidden: [], order: [], filter: '' };

/** Whether `key` passes the filter: every word of it appears in the key, ignoring case. */
export function matchesFilter(key: string, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = key.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** `keys` (in their default order) in the custom order: moved ones as kept, new ones after. */
export function ordered<T>(items: readonly T[], keyOf: (item: T) => string, order: readonly string[]): T[] {
  if (order.length === 0) return [...items];
  const rank = new Map(order.map((key, i) => [key, i]));
  return items
    .map((item, i) => ({ item, r: rank.get(keyOf(item)) ?? order.length + i }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.item);
}

/** The lanes to draw, in order, and how many were hidden or filtered out. */
export function arrange<L extends Pick<Lane, 'key'>>(
  lanes: readonly L[],
  view: LaneView,
): { shown: L[]; hidden: number; filteredOut: number } {
  const hidden = new Set(view.hidden);
  const shown: L[] = [];
  let hiddenCount = 0;
  let filteredOut = 0;
  for (const lane of ordered(lanes, (l) => l.key, view.order)) {
    if (hidden.has(lane.key)) hiddenCount++;
    else if (!matchesFilter(lane.key, view.filter)) filteredOut++;
    else shown.push(lane);
  }
  return { shown, hidden: hiddenCount, filteredOut };
}

/**
 * `key` moved past its neighbour among the lanes drawn (`shownKeys`, in order), up (-1) or down
 * (+1); `allKeys` are every lane of the case in the default order, so the new order covers them.
 * Unchanged at either end.
 */
export function moveLane(
  view: LaneView,
  allKeys: readonly string[],
  shownKeys: readonly string[],
  key: string,
  direction: -1 | 1,
): LaneView {
  const at = shownKeys.indexOf(key);
  const neighbour = at < 0 ? undefined : shownKeys[at + direction];
  if (neighbour === undefined) return view;
  const known = new Set(allKeys);
  const extra = [...shownKeys, ...view.order].filter((k) => !known.has(k));
  const full = ordered([...allKeys, ...new Set(extra)], (k) => k, view.order).filter((k) => k !== key);
  const to = full.indexOf(neighbour) + (direction > 0 ? 1 : 0);
  full.splice(to, 0, key);
  return { ...view, order: full };
}

/** `key` hidden, or shown again when it was hidden. */
export function toggleHidden(view: LaneView, key: string): LaneView {
  return view.hidden.includes(key)
    ? { ...view, hidden: view.hidden.filter((k) => k !== key) }
    : { ...view, hidden: [...view.hidden, key] };
}
