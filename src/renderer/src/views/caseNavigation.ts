/**
 * How the views of an open case send the user to each other: evidence → file viewer, an id →
 * trace, a finding's query → events. The workspace (CaseWorkspace.tsx) implements it.
 */
import type { Pin } from '../../../shared/caseNotes.ts';
import type { RuleLine } from '../../../shared/rules/ruleFromLine.ts';

export interface CaseNavigation {
  /** The file viewer at `line` of the file with this index (an EventView's `file`). */
  openLine(file: number, line: number): void;
  /** The file viewer at `line` of the file at this bundle path (a finding's evidence). */
  openPath(path: string, line: number): void;
  /** The trace view for an id (request id, uuid, Cloudpods rid, IP). */
  trace(id: string): void;
  /** The timeline centred on this moment (epoch ms, an event's time). */
  showTime(time: number): void;
  /** The events view with this query in its search box. */
  search(query: string): void;
  /** Pins a line as evidence of the case (the Case tab lists pins with notes). */
  pin(line: PinInput): void;
  /** Whether a line is already pinned. */
  isPinned(path: string, line: number): boolean;
  /** "Make a rule…" from a line at `lineNo` of its file (where the view can diagnose the case again). */
  makeRule?(line: RuleLine, lineNo: number): void;
}

/** What a view knows about a line it pins (the note and the time of pinning come later). */
export type PinInput = Omit<Pin, 'note' | 'pinnedAt'>;

/** A time range selected on the timeline (epoch ms, both ends included); it filters the other views. */
export interface TimeRange {
  from: number;
  to: number;
}

/** Whether something seen from `first` to `last` falls (partly) in the range; no time: kept, since it cannot be placed. */
export function overlapsRange(range: TimeRange | null, first: number | null, last: number | null): boolean {
  if (range === null || first === null) return true;
  return (last ?? first) >= range.from && first <= range.to;
}
