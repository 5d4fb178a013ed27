/** Small shared pieces of the trace view: lane keys, level names, times with milliseconds. */
import type { EventView } from '../../../../shared/caseViews.ts';
import { formatLocalTime } from '../../lib/display.ts';

/** The lane of an event, as `TraceResult.components` names it. */
export const componentKey = (event: Pick<EventView, 'module' | 'component'>): string =>
  `${event.module}/${event.component}`;

/** `2025-09-18 16:24:31.042` (local zone), or `16:24:31.042` when `timeOnly`: a trace is read to the millisecond. */
export function timeLabel(ms: number, timeOnly: boolean): string {
  const whole = Math.floor(ms);
  const full = `${formatLocalTime(whole)}.${String(((whole % 1000) + 1000) % 1000).padStart(3, '0')}`;
  return timeOnly ? full.slice(11) : full;
}
