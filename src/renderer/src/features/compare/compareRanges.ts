/**
 * Two time ranges of one case (issue 18): the default pair (the timeline's selection and the
 * period of the same length after it, else the two halves of the case), the `datetime-local`
 * text of a time and back (this computer's zone, as the app shows times), and a query limited to
 * a range (for the events of one side). Pure: unit tested in compareRanges.test.ts.
 */
import { formatIso } from '../../../../shared/time.ts';
import { epochMs } from '../../../../shared/model.ts';
import type { CompareRanges } from './useCompareSession.ts';

/** A's and B's ranges to offer: after the selection, the same length of time; else the halves of the span. */
export function defaultRanges(
  span: { from: number; to: number } | null,
  selection: { from: number; to: number } | null,
): CompareRanges | null {
  if (selection && selection.to > selection.from) {
    const length = selection.to - selection.from;
    return { a: { ...selection }, b: { from: selection.to + 1, to: selection.to + 1 + length } };
  }
  if (!span || span.to <= span.from) return null;
  const middle = Math.floor((span.from + span.to) / 2);
  return { a: { from: span.from, to: middle - 1 }, b: { from: middle, to: span.to } };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2025-09-18T08:30:00` (a `datetime-local` input's value, this computer's zone; milliseconds kept when any). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return d.getMilliseconds() === 0 ? base : `${base}.${pad(d.getMilliseconds(), 3)}`;
}

/** A `datetime-local` value as epoch ms in this computer's zone; null when it is not one. */
export function fromLocalInput(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? '0'));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const at = new Date(y, mo - 1, d, h, mi, s, ms);
  // 2025-02-30 rolls over to March: not a time that was typed.
  return at.getMonth() === mo - 1 && at.getDate() === d ? at.getTime() : null;
}

/** The query limited to the range (both ends included); the query as it is without one. */
export function withinRange(query: string, range: { from: number; to: number } | null): string {
  if (!range) return query;
  const bounds = `after:${formatIso(epochMs(range.from))} before:${formatIso(epochMs(range.to))}`;
  return query.trim() === '' ? bounds : `${query} ${bounds}`;
}
