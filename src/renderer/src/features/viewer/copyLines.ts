/**
 * Copying a line, or an event's lines, with ±N lines of its file around it: which lines to fetch
 * (clamped at the file's start; the engine clamps at its end) and the text put on the clipboard,
 * plain (the raw lines) or Markdown (a fenced block headed by `path:line` and the time).
 */

/** The context choices of the copy menu. */
export const COPY_CONTEXT = [0, 3, 10] as const;
export type CopyContext = (typeof COPY_CONTEXT)[number];
export type CopyStyle = 'text' | 'markdown';

/** What is copied: lines `first`…`last` of the file at `path` (an event's lines, or one line), with ±`context`. */
export interface CopyRequest {
  file: number;
  path: string;
  first: number;
  last: number;
  /** The event's time, already formatted for the reader; null when it has none. */
  time: string | null;
  context: number;
  style: CopyStyle;
}

/** The most lines of an event copied (a dump of thousands of lines is cut there). */
export const MAX_COPY_EVENT_LINES = 200;

/** The lines to fetch: `first - context` (not before line 1) to `last + context`. */
export function copyWindow(first: number, last: number, context: number): { from: number; count: number } {
  const n = Math.max(0, context);
  const from = Math.max(1, first - n);
  const to = Math.min(last, first + MAX_COPY_EVENT_LINES - 1) + n;
  return { from, count: Math.max(1, to - from + 1) };
}

/** A fence longer than any run of backticks in the lines, so that none of them ends the block. */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * The clipboard's text for `lines` (1-based `from` is the first one's number). Plain: the raw
 * lines. Markdown: `` `path:line` `` (with the range copied when it is more than the line) and
 * the time, then the lines in a fenced block.
 */
export function formatCopy(
  request: Pick<CopyRequest, 'path' | 'first' | 'time' | 'style'>,
  from: number,
  lines: readonly string[],
): string {
  if (request.style === 'text') return lines.join('\n');
  const to = from + lines.length - 1;
  const where = `${request.path}:${request.first}`;
  const range = lines.length > 1 ? ` (${from}–${to})` : '';
  const head = `\`${where}\`${range}${request.time ? ` · ${request.time}` : ''}`;
  const fence = fenceFor(lines);
  return `${head}\n\n${fence}text\n${lines.join('\n')}\n${fence}\n`;
}
