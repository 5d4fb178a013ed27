import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { labelContext, labelPx, snapRange, snapStep, snapTime, TICK_STEPS, tickLabel, ticks } from './axisTicks.ts';
import { DAY } from './timeScale.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2025, 8, 18, 16, 24, 31, 217);

/** Sets this computer's zone for one test (Node reads TZ again when it changes). */
const inZone = (zone: string): void => void vi.stubEnv('TZ', zone);
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The labels of the ticks of `view` at `width` px. */
function labels(from: number, to: number, width: number) {
  const view = { from, to };
  const { step, at, ctx } = ticks(view, width);
  return { step, list: at.map((t) => tickLabel(t, step, ctx)) };
}

describe('ticks', () => {
  it('lists ascending ticks inside the window, spaced for their labels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 10, max: 40 * 365 * DAY }),
        fc.integer({ min: 200, max: 3000 }),
        (from, span, width) => {
          const view = { from, to: from + span };
          const { step, at, ctx } = ticks(view, width);
          const px = (step.ms / span) * width;
          return (
            at.every((t) => t >= view.from && t <= view.to) &&
            at.every((t, i) => i === 0 || t > at[i - 1]) &&
            px >= 60 &&
            px >= labelPx(step, ctx) &&
            at.length <= 200
          );
        },
      ),
    );
  });

  it('labels a tick wide enough: never more than about one per 60 px', () => {
    const { at } = ticks({ from: T0, to: T0 + HOUR }, 600);
    expect(at.length).toBeLessThanOrEqual(11);
    expect(at.length).toBeGreaterThan(1);
  });

  // Spans from milliseconds to a decade, each with the step it gets and what its labels look like.
  it.each([
    ['2 s', T0, T0 + 2 * SECOND, 1200, { ms: 200, months: 0 }, /^16:24:3\d\.\d{3}$/],
    ['1 min', T0, T0 + MINUTE, 1200, { ms: 5 * SECOND, months: 0 }, /^16:2[45]:\d\d$/],
    ['1 h', T0, T0 + HOUR, 1200, { ms: 5 * MINUTE, months: 0 }, /^1[67]:\d\d$/],
    ['6 h', T0, T0 + 6 * HOUR, 1200, { ms: 30 * MINUTE, months: 0 }, /^(1[6-9]|2[0-2]):[03]0$/],
    ['3 months', Date.UTC(2025, 3, 2), Date.UTC(2025, 6, 2), 1200, { ms: 7 * DAY, months: 0 }, /^0[4-7]-\d\d$/],
    ['2 years', Date.UTC(2024, 1, 10), Date.UTC(2026, 1, 10), 1200, { months: 3 }, /^202[456]-(01|04|07|10)$/],
    ['11 years', Date.UTC(2014, 11, 21), Date.UTC(2025, 11, 20), 1200, { months: 12 }, /^20(1[5-9]|2[0-5])$/],
    ['11 years, narrow', Date.UTC(2014, 11, 21), Date.UTC(2025, 11, 20), 400, { months: 24 }, /^20(1[5-9]|2[0-5])$/],
  ])('a %s window gets its step and labels', (_, from, to, width, step, pattern) => {
    inZone('UTC');
    const { step: got, list } = labels(from, to, width);
    expect(got).toMatchObject(step);
    expect(list.length).toBeGreaterThan(2);
    for (const label of list) expect(label.text).toMatch(pattern);
    // No two ticks read the same (the 11-year axis once read '12-21, 12-20, 12-20 …').
    expect(new Set(list.map((l) => l.text)).size).toBe(list.length);
  });

  it('puts month and year ticks on the first of the month, local time', () => {
    inZone('Asia/Shanghai');
    for (const [from, to] of [
      [Date.UTC(2014, 11, 21), Date.UTC(2025, 11, 20)],
      [Date.UTC(2024, 1, 10), Date.UTC(2026, 1, 10)],
    ]) {
      const { step, at } = ticks({ from, to }, 1000);
      expect(step.months).toBeGreaterThan(0);
      for (const t of at) {
        const d = new Date(t);
        expect([d.getDate(), d.getHours(), d.getMinutes()]).toEqual([1, 0, 0]);
        expect(d.getMonth() % Math.min(step.months, 12)).toBe(0);
      }
    }
  });

  it.each([
    // 2025-03-30 02:00 local does not exist (CET → CEST); 2025-10-26 02:00–03:00 comes twice.
    ['spring', Date.UTC(2025, 2, 29, 18), Date.UTC(2025, 2, 30, 12)],
    ['autumn', Date.UTC(2025, 9, 25, 18), Date.UTC(2025, 9, 26, 12)],
  ])('keeps hour ticks on the step’s hours across a change of the zone offset (%s)', (_, from, to) => {
    inZone('Europe/Berlin');
    for (const width of [500, 900, 1800]) {
      const { step, at } = ticks({ from, to }, width);
      expect(step.ms).toBeGreaterThanOrEqual(HOUR);
      for (const t of at) {
        expect([new Date(t).getMinutes(), new Date(t).getSeconds()]).toEqual([0, 0]);
        expect(new Date(t).getHours() % (step.ms / HOUR)).toBe(0);
      }
      // No two labels closer than the step less the hour the clock jumped.
      for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(step.ms - HOUR);
    }
  });
});

describe('tickLabel', () => {
  const hourStep = { ms: HOUR, months: 0 };
  const sameDay = { withYear: false, crossesDays: false };
  const days = { withYear: false, crossesDays: true };
  const years = { withYear: true, crossesDays: true };

  it('shows the date at local midnight (major) and the clock at the step’s precision', () => {
    inZone('UTC');
    const midnight = Date.UTC(2025, 8, 18);
    expect(tickLabel(midnight, hourStep, days)).toEqual({ text: '09-18', major: true });
    expect(tickLabel(midnight, { ms: DAY, months: 0 }, days)).toEqual({ text: '09-18', major: false });
    expect(tickLabel(midnight + 5 * HOUR, hourStep, days)).toEqual({ text: '05:00', major: false });
    expect(tickLabel(midnight + 5 * HOUR + 7 * SECOND, { ms: SECOND, months: 0 }, sameDay)).toEqual({
      text: '05:00:07',
      major: false,
    });
    expect(tickLabel(midnight + 42, { ms: 10, months: 0 }, sameDay).text).toBe('00:00:00.042');
    // Sub-second steps keep the clock even at midnight.
    expect(tickLabel(midnight, { ms: 100, months: 0 }, days).text).toBe('00:00:00.000');
  });

  it('carries the year when the window crosses years', () => {
    inZone('UTC');
    const newYear = Date.UTC(2026, 0, 1);
    expect(tickLabel(newYear, hourStep, years)).toEqual({ text: '2026-01-01', major: true });
    expect(tickLabel(newYear + 2 * DAY, { ms: DAY, months: 0 }, years).text).toBe('2026-01-03');
    expect(tickLabel(newYear, { ms: 0, months: 3 }, years)).toEqual({ text: '2026-01', major: true });
    expect(tickLabel(Date.UTC(2026, 3, 1), { ms: 0, months: 3 }, years)).toEqual({ text: '2026-04', major: false });
    expect(tickLabel(newYear, { ms: 0, months: 12 }, years).text).toBe('2026');
  });

  it('knows from the window when dates and years are needed', () => {
    inZone('UTC');
    expect(labelContext({ from: T0, to: T0 + HOUR })).toEqual({ withYear: false, crossesDays: false });
    expect(labelContext({ from: T0, to: T0 + 10 * HOUR })).toEqual({ withYear: false, crossesDays: true });
    const eve = Date.UTC(2025, 11, 31, 22);
    expect(labelContext({ from: eve, to: eve + 4 * HOUR })).toEqual({ withYear: true, crossesDays: true });
    // A year inside one calendar year still names it.
    expect(labelContext({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 11, 31) }).withYear).toBe(true);
  });

  it('names the year at midnight on a New Year’s Eve window', () => {
    inZone('UTC');
    const eve = Date.UTC(2025, 11, 31, 22);
    const { list } = labels(eve, eve + 4 * HOUR, 1200);
    expect(list.filter((l) => l.major).map((l) => l.text)).toEqual(['2026-01-01']);
  });
});

describe('brush snapping', () => {
  it('snaps to a step that divides the tick step at least five times', () => {
    const sub = (ms: number, months = 0) => snapStep({ ms, months });
    expect(sub(5 * MINUTE)).toEqual({ ms: MINUTE, months: 0 });
    expect(sub(10 * MINUTE)).toEqual({ ms: 2 * MINUTE, months: 0 });
    expect(sub(15 * MINUTE)).toEqual({ ms: MINUTE, months: 0 });
    expect(sub(HOUR)).toEqual({ ms: 10 * MINUTE, months: 0 });
    expect(sub(MINUTE)).toEqual({ ms: 10 * SECOND, months: 0 });
    expect(sub(DAY)).toEqual({ ms: 3 * HOUR, months: 0 });
    expect(sub(7 * DAY)).toEqual({ ms: DAY, months: 0 });
    expect(sub(2)).toEqual({ ms: 1, months: 0 });
    expect(sub(0, 1)).toEqual({ ms: DAY, months: 0 });
    expect(sub(0, 12).months).toBe(1);
    expect(sub(0, 120).months).toBe(24);
    for (const step of TICK_STEPS) {
      // Finer than the ticks, down to whole milliseconds.
      expect(snapStep(step).ms).toBeLessThan(Math.max(step.ms, 2));
    }
  });

  it.each(['UTC', 'Asia/Kolkata', 'America/New_York'])(
    'selects exactly 15:30:00.000–16:00:00.000 for a drag from about 15:30 to 16:00 under minute ticks (%s)',
    (zone) => {
      inZone(zone);
      const at = (h: number, m: number, s = 0, ms = 0) => new Date(2025, 8, 18, h, m, s, ms).getTime();
      const view = { from: at(15, 0), to: at(17, 0) };
      const { step } = ticks(view, 1000);
      expect(step.months).toBe(0);
      expect(step.ms).toBeGreaterThanOrEqual(MINUTE);
      expect(step.ms).toBeLessThan(HOUR);
      // What the pointer gave: a second or so off at each end (one pixel is 7.2 s here).
      const dragged = { from: at(15, 29, 59, 217), to: at(15, 59, 59, 600) };
      const snapped = snapRange(dragged, snapStep(step));
      expect(snapped).toEqual({ from: at(15, 30), to: at(16, 0) });
      expect(new Date(snapped.from).toTimeString().slice(0, 8)).toBe('15:30:00');
      expect(new Date(snapped.to).toTimeString().slice(0, 8)).toBe('16:00:00');
    },
  );

  it('snaps to the nearest boundary and never gives an empty range', () => {
    inZone('UTC');
    const minute = { ms: MINUTE, months: 0 };
    const base = Date.UTC(2025, 8, 18, 15, 30);
    expect(snapTime(base + 29 * SECOND, minute)).toBe(base);
    expect(snapTime(base + 31 * SECOND, minute)).toBe(base + MINUTE);
    expect(snapRange({ from: base + 10 * SECOND, to: base + 20 * SECOND }, minute)).toEqual({
      from: base,
      to: base + MINUTE,
    });
    const month = { ms: 0, months: 1 };
    expect(snapTime(Date.UTC(2025, 8, 20), month)).toBe(Date.UTC(2025, 9, 1));
    expect(snapTime(Date.UTC(2025, 8, 10), month)).toBe(Date.UTC(2025, 8, 1));
  });

  it('keeps a snapped range ordered and within one sub-step of the drag (property)', () => {
    inZone('UTC');
    fc.assert(
      fc.property(
        fc.integer({ min: 1e12, max: 2e12 }),
        fc.integer({ min: 1, max: 5 * 365 * DAY }),
        fc.constantFrom(...TICK_STEPS.filter((s) => s.ms >= 10)),
        (from, span, step) => {
          const sub = snapStep(step);
          const r = snapRange({ from, to: from + span }, sub);
          const slack = sub.months > 0 ? sub.ms + 32 * DAY : sub.ms;
          return r.from < r.to && Math.abs(r.from - from) <= slack && Math.abs(r.to - (from + span)) <= 2 * slack;
        },
      ),
    );
  });
});
