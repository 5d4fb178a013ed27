import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceResult } from '../../../../shared/caseViews.ts';
import { epochMs, lineNo, type Level } from '../../../../shared/model.ts';
import { emptyTrace, withinRange } from './traceRange.ts';

const event = (id: number, time: number | null, level: Level, component: string): TraceEvent => ({
  id,
  position: id,
  time: time === null ? null : epochMs(time),
  level,
  module: 'nova',
  component,
  path: 'a.log',
  file: 0,
  line: lineNo(id),
  lineCount: 1,
  text: `event ${id}`,
  hop: 0,
  via: null,
});

const trace: TraceResult = {
  id: 'req-1',
  key: 'req-1',
  kind: 'request',
  events: [
    event(1, 1000, 'info', 'api'),
    event(2, 2000, 'error', 'compute'),
    event(3, null, 'critical', 'scheduler'),
    event(4, 5000, 'warning', 'api'),
  ],
  related: [],
  components: ['nova/api', 'nova/compute', 'nova/scheduler'],
  errors: 2,
  firstTime: epochMs(1000),
  lastTime: epochMs(5000),
};

describe('withinRange', () => {
  it('keeps the whole trace without a range, or when the range holds every event', () => {
    expect(withinRange(trace, null)).toEqual({ trace, hidden: 0 });
    expect(withinRange(trace, { from: 0, to: 10_000 }).trace).toBe(trace);
  });

  it('leaves out events outside the range (both ends included) and recomputes the figures', () => {
    const { trace: within, hidden } = withinRange(trace, { from: 1500, to: 2000 });
    expect(hidden).toBe(2);
    // An event without a time cannot be placed, so it stays.
    expect(within.events.map((e) => e.id)).toEqual([2, 3]);
    expect(within.components).toEqual(['nova/compute', 'nova/scheduler']);
    expect(within.errors).toBe(2);
    expect([within.firstTime, within.lastTime]).toEqual([2000, 2000]);
  });

  it('has no time span when only events without a time remain', () => {
    const { trace: within, hidden } = withinRange(trace, { from: 9000, to: 9999 });
    expect(hidden).toBe(3);
    expect(within.events.map((e) => e.id)).toEqual([3]);
    expect([within.firstTime, within.lastTime]).toEqual([null, null]);
  });
});

describe('emptyTrace', () => {
  const seen = (range: { from: number; to: number } | null) => {
    const { trace: shown, hidden } = withinRange(trace, range);
    return emptyTrace(shown, hidden);
  };
  const timedOnly: TraceResult = { ...trace, events: trace.events.filter((e) => e.time !== null) };

  it('is null while the range holds an event of the trace', () => {
    expect(seen(null)).toBeNull();
    expect(seen({ from: 1500, to: 2000 })).toBeNull();
  });

  it('counts the events outside the range when none is inside', () => {
    const { trace: shown, hidden } = withinRange(timedOnly, { from: 9000, to: 9999 });
    expect(emptyTrace(shown, hidden)).toEqual({ kind: 'outside-range', outside: 3 });
    const before = withinRange(timedOnly, { from: 0, to: 999 });
    expect(emptyTrace(before.trace, before.hidden)).toEqual({ kind: 'outside-range', outside: 3 });
  });

  it('says "none" when no event carries the id, range or not', () => {
    const nothing: TraceResult = { ...trace, events: [], components: [], errors: 0, firstTime: null, lastTime: null };
    expect(emptyTrace(nothing, 0)).toEqual({ kind: 'none' });
    const { trace: shown, hidden } = withinRange(nothing, { from: 1500, to: 2000 });
    expect(emptyTrace(shown, hidden)).toEqual({ kind: 'none' });
  });
});
