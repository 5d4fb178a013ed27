import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/shared/model.ts';
import { densestErrorMinute, unexplainedTemplates } from '../../src/shared/patterns/unexplained.ts';

const WARNING = LEVELS.indexOf('warning');
const ERROR = LEVELS.indexOf('error');
const INFO = LEVELS.indexOf('info');
const T0 = Date.UTC(2024, 0, 1, 10, 0, 0);
const MIN = 60_000;

interface Ev {
  template: number;
  at: number;
  level: number;
  component?: number;
  doc?: boolean;
}

function input(events: Ev[], extra: { explained?: number[]; incident?: number | null; limit?: number } = {}) {
  return {
    templateOf: events.map((e) => e.template),
    time: events.map((e) => e.at),
    level: events.map((e) => e.level),
    component: events.map((e) => e.component ?? 0),
    ignored: (i: number) => events[i].doc === true,
    explained: new Set(extra.explained ?? []),
    incidentTime: extra.incident === undefined ? T0 + 40 * MIN : extra.incident,
    limit: extra.limit,
  };
}

/** Template 1: one warning a minute for an hour. Template 2: ten errors in one minute at 40'. */
function steadyAndBurst(): Ev[] {
  const events: Ev[] = [];
  for (let m = 0; m < 60; m++) events.push({ template: 1, at: T0 + m * MIN, level: WARNING });
  for (let i = 0; i < 10; i++) events.push({ template: 2, at: T0 + 40 * MIN + i * 5000, level: WARNING });
  for (let m = 0; m < 60; m += 7) events.push({ template: 3, at: T0 + m * MIN, level: INFO });
  return events;
}

describe('unexplainedTemplates', () => {
  it('ranks a burst near the incident above a steady stream', () => {
    const picks = unexplainedTemplates(input(steadyAndBurst()));
    expect(picks.map((p) => p.template)).toEqual([2, 1]);
    expect(picks[0].reasons).toContain('burst');
    expect(picks[0].reasons).toContain('near');
    expect(picks[1].reasons).not.toContain('burst');
    expect(picks[0].events).toHaveLength(10);
  });

  it('leaves out explained templates, info templates and documents', () => {
    const events = steadyAndBurst();
    events.push({ template: 4, at: T0 + 41 * MIN, level: ERROR, doc: true });
    const picks = unexplainedTemplates(input(events, { explained: [2] }));
    expect(picks.map((p) => p.template)).toEqual([1]);
  });

  it('prefers the template near the incident over an equal one far away', () => {
    const events: Ev[] = [
      { template: 5, at: T0, level: ERROR },
      { template: 6, at: T0 + 30 * MIN, level: ERROR },
      { template: 7, at: T0 + 60 * MIN, level: INFO },
    ];
    expect(unexplainedTemplates(input(events, { incident: T0 + 30 * MIN })).map((p) => p.template)).toEqual([6, 5]);
  });

  it('picks the component with most events and keeps the limit', () => {
    const events: Ev[] = [
      { template: 8, at: T0, level: ERROR, component: 3 },
      { template: 8, at: T0 + MIN, level: ERROR, component: 4 },
      { template: 8, at: T0 + 2 * MIN, level: ERROR, component: 4 },
      ...[9, 10, 11, 12, 13, 14].map((t) => ({ template: t, at: T0 + t * MIN, level: WARNING })),
    ];
    const picks = unexplainedTemplates(input(events, { limit: 3 }));
    expect(picks).toHaveLength(3);
    const p8 = unexplainedTemplates(input(events, { limit: 10 })).find((p) => p.template === 8);
    expect(p8?.component).toBe(4);
    expect(p8?.events).toEqual([1, 2]);
  });

  it('finds the densest error minute', () => {
    const time = [T0, T0 + 10 * MIN, T0 + 10 * MIN + 1000, T0 + 10 * MIN + 2000, T0 + 20 * MIN];
    const level = [ERROR, ERROR, ERROR, WARNING, ERROR];
    expect(densestErrorMinute(time, level)).toBe(T0 + 10 * MIN);
    expect(densestErrorMinute(time, level, (e) => e === 1 || e === 2)).toBe(T0);
    expect(densestErrorMinute([NaN], [ERROR])).toBeNull();
  });
});
