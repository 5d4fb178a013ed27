/** A trace seen through the timeline's selection. Plain TypeScript, unit tested. */
import type { TraceResult } from '../../../../shared/caseViews.ts';
import { LEVELS, epochMs } from '../../../../shared/model.ts';
import { overlapsRange, type TimeRange } from '../../views/caseNavigation.ts';

/** The trace's events within the range, with its summary figures recomputed; `hidden` counts the rest. */
export function withinRange(trace: TraceResult, range: TimeRange | null): { trace: TraceResult; hidden: number } {
  if (range === null) return { trace, hidden: 0 };
  const events = trace.events.filter((e) => overlapsRange(range, e.time, e.time));
  if (events.length === trace.events.length) return { trace, hidden: 0 };
  const times = events.flatMap((e) => (e.time === null ? [] : [e.time]));
  const errorRank = LEVELS.indexOf('error');
  return {
    trace: {
      ...trace,
      events,
      components: trace.components.filter((c) => events.some((e) => `${e.module}/${e.component}` === c)),
      errors: events.filter((e) => LEVELS.indexOf(e.level) >= errorRank).length,
      firstTime: times.length > 0 ? epochMs(Math.min(...times)) : null,
      lastTime: times.length > 0 ? epochMs(Math.max(...times)) : null,
    },
    hidden: trace.events.length - events.length,
  };
}

/** What the trace view says when no event of the trace is on screen. */
export type EmptyTrace =
  /** No event in the case carries the id. */
  | { kind: 'none' }
  /** `outside` events carry it, all outside the selected time range. */
  | { kind: 'outside-range'; outside: number };

/**
 * Why a trace seen through the range (`withinRange`) shows nothing; null when it shows events.
 * An id found only outside the range is not "not found": the view says how many and offers to
 * clear the range.
 */
export function emptyTrace(shown: TraceResult, hidden: number): EmptyTrace | null {
  if (shown.events.length > 0) return null;
  return hidden > 0 ? { kind: 'outside-range', outside: hidden } : { kind: 'none' };
}
