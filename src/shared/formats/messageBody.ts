/**
 * The message body of an event's first line: the line without the prefix the list shows in
 * columns of its own (time, level, pid or thread, logger, request context), as the file's format
 * reads it (its `message` group, or a JSON line's message key). The event list and the trace show
 * it in their Message/Text column; the raw line stays in the detail pane, the viewer and search.
 */
import type { CompiledFormat } from './compileFormat.ts';
import { stripAnsi } from './eventAssembler.ts';

/**
 * The body of `line` under `format`, or null when the whole line is the message: no format (an
 * unformatted file), a line the format does not read as a head line, a format that says nothing
 * about where the message is (`generic`), a record format (its head line is not the message:
 * `recordMessage` reads it from later lines), or an empty body (nothing to show but the line).
 */
export function messageBody(format: CompiledFormat | null, line: string): string | null {
  if (format === null || format.record !== null) return null;
  if (!format.spec.json && !format.spec.message) return null;
  const text = stripAnsi(line);
  const parsed = format.parseHead(text);
  if (parsed === null) return null;
  const body = parsed.message;
  if (body.trim() === '' || body === text) return null;
  return body;
}
