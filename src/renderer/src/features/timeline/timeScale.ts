/**
 * The timeline's time arithmetic: nice bin steps (milliseconds to years), steps aligned to this
 * computer's clock, precise local times, and zooming/panning a window inside the case's extent.
 * The axis (ticks, labels, brush snapping) is in axisTicks.ts. Pure functions; times are epoch ms.
 */

export interface Span {
  from: number;
  to: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Steps a bin may take, smallest first (fixed lengths: the engine's bins are all equal). */
const STEPS = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  60 * DAY,
  90 * DAY,
  180 * DAY,
  365 * DAY,
];

/** The smallest nice step of at least `ms` (whole years beyond the list). */
export function niceStep(ms: number): number {
  for (const s of STEPS) if (s >= ms) return s;
  return Math.ceil(ms / (365 * DAY)) * 365 * DAY;
}

/** This computer's UTC offset at `t`, in ms. */
const offsetAt = (t: number): number => -new Date(t).getTimezoneOffset() * MINUTE;

/** `t` rounded down to a multiple of `step` on the local clock (minutes and up follow the zone). */
export function alignDown(t: number, step: number): number {
  const shift = step >= MINUTE ? offsetAt(t) : 0;
  const r = (t + shift) % step;
  return t - (r < 0 ? r + step : r);
}

/** Fewest pixels a bin gets; the number of bins follows the width. */
export const BIN_PX = 4;
/** The engine's limit on bins per request. */
const MAX_BINS = 2000;
/** The narrowest window the zoom goes to: a few milliseconds, each its own bar. */
export const MIN_SPAN_MS = 10;

/** What to ask the engine for: nice bins aligned to the clock, covering `view`. */
export function binRequest(view: Span, width: number): { from: number; to: number; bins: number } {
  const target = Math.max(1, Math.min(MAX_BINS - 2, Math.floor(width / BIN_PX)));
  const step = niceStep(Math.max(1, (view.to - view.from) / target));
  const from = alignDown(Math.floor(view.from), step);
  const bins = Math.max(1, Math.ceil((view.to - from) / step));
  return { from, to: from + bins * step, bins };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parts(t: number) {
  const d = new Date(Math.round(t));
  return {
    y: d.getFullYear(),
    mo: pad(d.getMonth() + 1),
    d: pad(d.getDate()),
    h: pad(d.getHours()),
    mi: pad(d.getMinutes()),
    s: pad(d.getSeconds()),
    ms: pad(d.getMilliseconds(), 3),
  };
}

/** `2025-09-18`. */
export function formatDate(t: number): string {
  const p = parts(t);
  return `${p.y}-${p.mo}-${p.d}`;
}

/** `2025-09-18 16:24:31`, or `… 16:24:31.217` with milliseconds. */
export function formatMoment(t: number, withMs: boolean): string {
  const p = parts(t);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}${withMs ? `.${p.ms}` : ''}`;
}

/** `2025-09-18 16:24:31 → 16:30:02`: the date once when both ends share it. */
export function formatRange(from: number, to: number, withMs: boolean): string {
  const a = formatMoment(from, withMs);
  const b = formatMoment(to, withMs);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} → ${b.slice(11)}` : `${a} → ${b}`;
}

/** Whether times in a window this wide (or bins this narrow) need milliseconds to be told apart. */
export const needsMs = (ms: number): boolean => ms < 60 * SECOND;

/** `view` scaled by `factor` around `at`, kept within `extent` and no narrower than the minimum. */
export function zoomAround(view: Span, at: number, factor: number, extent: Span): Span {
  const span = view.to - view.from;
  const whole = extent.to - extent.from;
  const next = Math.max(Math.min(MIN_SPAN_MS, whole), Math.min(whole, span * factor));
  const from = at - ((at - view.from) / span) * next;
  return clampTo({ from, to: from + next }, extent);
}

/** `view` moved by `delta` ms, kept within `extent`. */
export function pan(view: Span, delta: number, extent: Span): Span {
  return clampTo({ from: view.from + delta, to: view.to + delta }, extent);
}

/** `view` shifted (not shrunk, unless wider) to lie within `extent`. */
export function clampTo(view: Span, extent: Span): Span {
  const span = Math.min(view.to - view.from, extent.to - extent.from);
  let from = view.from;
  if (from < extent.from) from = extent.from;
  if (from + span > extent.to) from = extent.to - span;
  return { from, to: from + span };
}

/** Whether `view` shows the whole extent. */
export const isWhole = (view: Span, extent: Span): boolean => view.from <= extent.from && view.to >= extent.to;

const MONTH_BIN = 30 * DAY;
const YEAR_BIN = 365 * DAY;

/** A bin's length as a number and a unit, for "Each bar: 5 minutes" (a 30-day bin is a month). */
export function durationUnit(ms: number): {
  value: number;
  unit: 'ms' | 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
} {
  const [unit, size] =
    ms >= YEAR_BIN
      ? (['year', YEAR_BIN] as const)
      : ms >= 2 * MONTH_BIN
        ? (['month', MONTH_BIN] as const)
        : ms >= DAY
          ? (['day', DAY] as const)
          : ms >= HOUR
            ? (['hour', HOUR] as const)
            : ms >= MINUTE
              ? (['minute', MINUTE] as const)
              : ms >= SECOND
                ? (['second', SECOND] as const)
                : (['ms', 1] as const);
  const raw = ms / size;
  const value = raw >= 10 ? Math.round(raw) : Math.round(raw * 10) / 10;
  return { value, unit };
}
