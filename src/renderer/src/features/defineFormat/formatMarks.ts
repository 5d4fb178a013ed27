/**
 * The parts of a sample line the engineer marks when defining a format: where the time, the
 * level and the message are. A span is [start, end) in the line. Marks never overlap: marking
 * a part takes it away from any mark it overlaps, so that every mark maps to one regex group.
 */

/** The three marks, by the name of the regex group each becomes. */
export const MARK_KINDS = ['ts', 'level', 'msg'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** A part of the line: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type Marks = Partial<Record<MarkKind, Span>>;

/** `span` without the white space at its ends, or null when nothing is left. */
export function trimSpan(line: string, span: Span): Span | null {
  let { start, end } = span;
  start = Math.max(0, Math.min(start, line.length));
  end = Math.max(start, Math.min(end, line.length));
  while (start < end && /\s/.test(line[start])) start++;
  while (end > start && /\s/.test(line[end - 1])) end--;
  return end > start ? { start, end } : null;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Marks `span` (trimmed) as `kind`, dropping the marks it overlaps; a null or empty span clears `kind`. */
export function setMark(line: string, marks: Marks, kind: MarkKind, span: Span | null): Marks {
  const trimmed = span ? trimSpan(line, span) : null;
  const next: Marks = {};
  for (const other of MARK_KINDS) {
    const kept = marks[other];
    if (other === kind || !kept || (trimmed && overlaps(kept, trimmed))) continue;
    next[other] = kept;
  }
  if (trimmed) next[kind] = trimmed;
  return next;
}

/** The marks in line order. */
export function orderedMarks(marks: Marks): { kind: MarkKind; span: Span }[] {
  return MARK_KINDS.flatMap((kind) => (marks[kind] ? [{ kind, span: marks[kind] }] : [])).sort(
    (a, b) => a.span.start - b.span.start,
  );
}

/** The line cut at the marks, for showing them: each piece with its mark or null. */
export function segmentsOf(line: string, marks: Marks): { text: string; kind: MarkKind | null }[] {
  const pieces: { text: string; kind: MarkKind | null }[] = [];
  let at = 0;
  for (const { kind, span } of orderedMarks(marks)) {
    if (span.start > at) pieces.push({ text: line.slice(at, span.start), kind: null });
    pieces.push({ text: line.slice(span.start, span.end), kind });
    at = span.end;
  }
  if (at < line.length) pieces.push({ text: line.slice(at), kind: null });
  return pieces;
}
