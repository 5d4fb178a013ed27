/**
 * The time axis from milliseconds to decades: a tick step from a ladder (fixed steps up to a week,
 * then calendar months and years), tick times on this computer's clock and calendar, labels that
 * carry the date when the window crosses days and the year when it crosses years (or spans about
 * one), and the finer step a brush snaps to. Pure functions; times are epoch ms.
 */
import { DAY, alignDown, type Span } from './timeScale.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Only to compare and space calendar steps: their ticks are placed on the calendar. */
const MONTH_APPROX = 30.436875 * DAY;

/** A tick step: `months` whole calendar months (then `ms` is their average length), else `ms` fixed. */
export interface TickStep {
  ms: number;
  months: number;
}

const fixed = (ms: number): TickStep => ({ ms, months: 0 });
const calendar = (months: number): TickStep => ({ ms: months * MONTH_APPROX, months });

/** Steps a tick may take, smallest first. */
export const TICK_STEPS: readonly TickStep[] = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map(fixed),
  ...[1, 2, 5, 10, 15, 30].map((n) => fixed(n * SECOND)),
  ...[1, 2, 5, 10, 15, 30].map((n) => fixed(n * MINUTE)),
  ...[1, 2, 3, 6, 12].map((n) => fixed(n * HOUR)),
  ...[1, 2, 7].map((n) => fixed(n * DAY)),
  ...[1, 3, 6].map(calendar),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((years) => calendar(12 * years)),
];

/** What the labels of a window must say beyond the clock. */
export interface LabelContext {
  /** The window crosses a new year or spans about a year: dates carry the year. */
  withYear: boolean;
  /** The window crosses local midnight: midnight ticks carry the date. */
  crossesDays: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function labelContext(view: Span): LabelContext {
  const a = new Date(view.from);
  const b = new Date(view.to);
  const withYear = a.getFullYear() !== b.getFullYear() || view.to - view.from >= 360 * DAY;
  const crossesDays = withYear || a.getMonth() !== b.getMonth() || a.getDate() !== b.getDate();
  return { withYear, crossesDays };
}

/** Characters of the widest label a step gives in this context. */
function labelChars(step: TickStep, ctx: LabelContext): number {
  if (step.months >= 12) return 4;
  if (step.months > 0) return 7;
  const date = ctx.withYear ? 10 : 5;
  if (step.ms >= DAY) return date;
  const clock = step.ms >= MINUTE ? 5 : step.ms >= SECOND ? 8 : 12;
  return ctx.crossesDays && step.ms >= SECOND ? Math.max(clock, date) : clock;
}

/** Rough width of a tick label in px (11px monospace) with room around it. */
export const labelPx = (step: TickStep, ctx: LabelContext): number => labelChars(step, ctx) * 6.7 + 22;

/** Fewest pixels between two ticks. */
const MIN_TICK_PX = 60;

/** Start of the local calendar month holding `t`, on a multiple of `months` (counted from year 0). */
export function calendarFloor(t: number, months: number): number {
  const d = new Date(t);
  const index = Math.floor((d.getFullYear() * 12 + d.getMonth()) / months) * months;
  return monthStart(Math.floor(index / 12), index - Math.floor(index / 12) * 12);
}

function monthStart(year: number, month: number): number {
  const d = new Date(0);
  d.setFullYear(year, month, 1);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The month start `months` after the month start `t`. */
function addMonths(t: number, months: number): number {
  const d = new Date(t);
  return monthStart(d.getFullYear(), d.getMonth() + months);
}

/** The first boundary of `step` after the boundary `t` (hour steps realigned across a change of offset). */
function nextBoundary(t: number, step: TickStep): number {
  if (step.months > 0) return addMonths(t, step.months);
  // Half a step of slack absorbs the hour a change of the zone's offset gains or loses.
  return step.ms >= HOUR ? alignDown(t + step.ms * 1.5, step.ms) : t + step.ms;
}

/** `t` rounded down to a boundary of `step` on the local clock and calendar. */
export function floorTo(t: number, step: TickStep): number {
  return step.months > 0 ? calendarFloor(t, step.months) : alignDown(t, step.ms);
}

/** Ticks for a window `width` px wide: nice, on the clock and calendar, far enough apart for their labels. */
export function ticks(view: Span, width: number): { step: TickStep; at: number[]; ctx: LabelContext } {
  const span = Math.max(view.to - view.from, 1e-6);
  const ctx = labelContext(view);
  const step =
    TICK_STEPS.find((s) => (s.ms / span) * width >= Math.max(MIN_TICK_PX, labelPx(s, ctx))) ??
    TICK_STEPS[TICK_STEPS.length - 1];
  const at: number[] = [];
  let t = floorTo(view.from, step);
  if (t < view.from) t = nextBoundary(t, step);
  for (let i = 0; t <= view.to && i < 200; i++) {
    at.push(t);
    t = nextBoundary(t, step);
  }
  return { step, at, ctx };
}

/**
 * The label of a tick: the year for year steps, year and month for month steps, the date for day
 * steps and at local midnight (major), else the clock to the step's precision.
 */
export function tickLabel(t: number, step: TickStep, ctx: LabelContext): { text: string; major: boolean } {
  const d = new Date(Math.round(t));
  const y = pad(d.getFullYear(), 4);
  const mo = pad(d.getMonth() + 1);
  const day = pad(d.getDate());
  const date = ctx.withYear ? `${y}-${mo}-${day}` : `${mo}-${day}`;
  if (step.months >= 12) return { text: y, major: false };
  if (step.months > 0) return { text: `${y}-${mo}`, major: d.getMonth() === 0 };
  if (step.ms >= DAY) return { text: date, major: false };
  const [h, mi, s, ms] = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds()), pad(d.getMilliseconds(), 3)];
  const midnight = h === '00' && mi === '00' && s === '00' && ms === '000';
  if (midnight && step.ms >= SECOND) return { text: date, major: true };
  if (step.ms >= MINUTE) return { text: `${h}:${mi}`, major: false };
  if (step.ms >= SECOND) return { text: `${h}:${mi}:${s}`, major: false };
  return { text: `${h}:${mi}:${s}.${ms}`, major: false };
}

/**
 * The step a brush snaps to under ticks of `step`: the largest ladder step that divides it at
 * least five times (minute ticks snap to whole minutes, hour ticks to ten minutes), days under
 * month ticks, whole milliseconds at the finest.
 */
export function snapStep(step: TickStep): TickStep {
  if (step.months === 1) return fixed(DAY);
  if (step.months > 1) {
    const finer = TICK_STEPS.filter((s) => s.months > 0 && s.months * 5 <= step.months && step.months % s.months === 0);
    return finer.at(-1) ?? calendar(1);
  }
  const finer = TICK_STEPS.filter((s) => s.months === 0 && s.ms * 5 <= step.ms && step.ms % s.ms === 0);
  return finer.at(-1) ?? fixed(1);
}

/** `t` moved to the nearest boundary of `sub`. */
export function snapTime(t: number, sub: TickStep): number {
  const a = floorTo(t, sub);
  const b = nextBoundary(a, sub);
  return t - a <= b - t ? a : b;
}

/** A dragged range snapped to `sub` at both ends, at least one `sub` long. */
export function snapRange(range: Span, sub: TickStep): Span {
  const from = snapTime(range.from, sub);
  const to = snapTime(range.to, sub);
  return { from, to: to > from ? to : nextBoundary(from, sub) };
}
