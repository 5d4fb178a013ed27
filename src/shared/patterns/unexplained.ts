/**
 * "The unknown error": the warning and error message templates that no rule explains, ranked by
 * how much they look like the incident — new (first seen late in the case), rare, bursting (a
 * window far above the template's own average rate) and near the incident time. The diagnosis
 * shows the top few as low-confidence findings, so a case that no rule explains still points
 * somewhere. Pure: the caller gives the events as columns.
 */
import { LEVELS } from '../model.ts';

/** The events of a case as columns, one entry per event id. */
export interface UnexplainedInput {
  /** Template id of each event. */
  templateOf: ArrayLike<number>;
  /** Epoch ms of each event; NaN when it has none. */
  time: ArrayLike<number>;
  /** Index into LEVELS of each event. */
  level: ArrayLike<number>;
  /** Component index of each event (the caller's numbering). */
  component: ArrayLike<number>;
  /** Events that never count: in a document (README, manual), or in a log that is not the product's. */
  ignored: (event: number) => boolean;
  /** Templates that some finding's evidence has: left out. */
  explained: ReadonlySet<number>;
  /** When the incident happened (earliest error finding, else the densest error minute); null: unknown. */
  incidentTime: number | null;
  /** At most this many picks (default 5). */
  limit?: number;
}

/** One unexplained template, with its warning/error events in its main component. */
export interface UnexplainedPick {
  template: number;
  component: number;
  /** Warning/error events of the template in that component, by time (untimed last), then id. */
  events: number[];
  score: number;
  /** Why it ranks: the signals that held. */
  reasons: ('new' | 'rare' | 'burst' | 'near')[];
}

const WARNING = LEVELS.indexOf('warning');
const ERROR = LEVELS.indexOf('error');
const MINUTE = 60_000;
/** Distance to the incident at which nearness has fallen to 1/e. */
const NEAR_MS = 10 * MINUTE;

/** The start of the one-minute window with the most error events; null when none is timed. */
export function densestErrorMinute(
  time: ArrayLike<number>,
  level: ArrayLike<number>,
  skip?: (e: number) => boolean,
): number | null {
  const times: number[] = [];
  for (let e = 0; e < time.length; e++)
    if (level[e] >= ERROR && !Number.isNaN(time[e]) && !skip?.(e)) times.push(time[e]);
  if (times.length === 0) return null;
  times.sort((a, b) => a - b);
  const { at } = densestWindow(times, MINUTE);
  return at;
}

/** The most events in any window of `width` ms over sorted times, and where it starts. */
function densestWindow(sorted: readonly number[], width: number): { count: number; at: number } {
  let best = 0;
  let at = sorted[0] ?? 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi] - sorted[lo] >= width) lo++;
    if (hi - lo + 1 > best) {
      best = hi - lo + 1;
      at = sorted[lo];
    }
  }
  return { count: best, at };
}

/** The unexplained warning/error templates, best first (see the module comment). */
export function unexplainedTemplates(input: UnexplainedInput): UnexplainedPick[] {
  const { templateOf, time, level, component, explained, incidentTime } = input;
  let start = Infinity;
  let end = -Infinity;
  // Template → component → events.
  const byTemplate = new Map<number, Map<number, number[]>>();
  for (let e = 0; e < templateOf.length; e++) {
    const t = time[e];
    if (!Number.isNaN(t)) {
      if (t < start) start = t;
      if (t > end) end = t;
    }
    if (level[e] < WARNING || explained.has(templateOf[e]) || input.ignored(e)) continue;
    let byComponent = byTemplate.get(templateOf[e]);
    if (!byComponent) byTemplate.set(templateOf[e], (byComponent = new Map()));
    let list = byComponent.get(component[e]);
    if (!list) byComponent.set(component[e], (list = []));
    list.push(e);
  }
  const span = end > start ? end - start : 0;
  const picks: UnexplainedPick[] = [];
  for (const [template, byComponent] of byTemplate) {
    let main = -1;
    let events: number[] = [];
    for (const [c, list] of byComponent)
      if (list.length > events.length || (list.length === events.length && c < main)) [main, events] = [c, list];
    const all = [...byComponent.values()].flat();
    const times = all
      .map((e) => time[e])
      .filter((t) => !Number.isNaN(t))
      .sort((a, b) => a - b);
    const reasons: UnexplainedPick['reasons'] = [];
    let score = 1;
    // Errors weigh more than warnings.
    if (all.some((e) => level[e] >= ERROR)) score += 1;
    // Rare: a handful of lines, not a steady stream.
    const rarity = 1 / (1 + Math.log10(all.length));
    score += rarity;
    if (all.length <= 3) reasons.push('rare');
    if (times.length > 0 && span > 0) {
      // New: first seen late in the case.
      const newness = (times[0] - start) / span;
      score += newness;
      if (newness >= 0.5) reasons.push('new');
      // Bursting: the busiest minute against the template's own average rate.
      const width = Math.max(MINUTE, span / 40);
      const busiest = densestWindow(times, width).count;
      const expected = (times.length * width) / span;
      const burst = busiest / Math.max(1, expected);
      if (busiest >= 3 && burst >= 4) reasons.push('burst');
      score += Math.log2(Math.max(1, burst));
    }
    if (incidentTime !== null && times.length > 0) {
      let nearest = Infinity;
      for (const t of times) nearest = Math.min(nearest, Math.abs(t - incidentTime));
      const nearness = Math.exp(-nearest / NEAR_MS);
      if (nearness >= 0.5) reasons.push('near');
      score *= 0.25 + nearness;
    }
    events.sort((a, b) => {
      const ta = Number.isNaN(time[a]) ? Infinity : time[a];
      const tb = Number.isNaN(time[b]) ? Infinity : time[b];
      return ta - tb || a - b;
    });
    picks.push({ template, component: main, events, score, reasons });
  }
  picks.sort((a, b) => b.score - a.score || a.template - b.template);
  return picks.slice(0, input.limit ?? 5);
}
