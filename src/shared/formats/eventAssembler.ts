/**
 * Groups physical lines into events, one line at a time: a head line of the file's format starts
 * an event, anything else (traceback, stack, wrapped text) continues the one before it.
 * Incremental so that a file of any size streams through it.
 */
import { lineNo, type EpochMs, type LogEvent, type ZoneSpec } from '../model.ts';
import { partsToEpoch, resolveYear, type TimeParts } from '../time.ts';
import type { CompiledFormat, ParsedLine } from './compileFormat.ts';

/** How times are read for one file. */
export interface AssemblerContext {
  /** Zone for zone-less timestamps. */
  zone: ZoneSpec;
  /** Reference for year-less timestamps: the file's modification time or the newest time known. */
  yearReference: EpochMs;
  /** Continuation lines kept per event (the rest are counted in `lineCount` only). */
  maxContinuationLines?: number;
}

// CSI sequences (colours, cursor moves) as written by logrus/colorama to a TTY.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Removes ANSI escape sequences. */
export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

interface OpenEvent {
  event: Omit<LogEvent, 'continuation'> & { continuation: string[] };
  parsed: ParsedLine | null;
}

/** Assembles events from the lines of one file in order. */
export class EventAssembler {
  private open: OpenEvent | null = null;
  private lastTime: EpochMs | null = null;
  private readonly keep: number;

  constructor(
    private readonly format: CompiledFormat | null,
    private readonly context: AssemblerContext,
  ) {
    this.keep = context.maxContinuationLines ?? 500;
  }

  /**
   * Feeds the next physical line (1-based number `line`); returns the event that this line
   * closed, if any.
   */
  push(rawLine: string, line: number): LogEvent | null {
    const text = stripAnsi(rawLine);
    const parsed = this.format ? this.format.parse(text) : null;
    const open = this.open;
    // Without a format every line stands alone; with one, non-head lines continue the open event.
    if (open && this.format && (parsed === null || (open.parsed !== null && this.format.continues(parsed, open.parsed)))) {
      open.event.lineCount++;
      if (open.event.continuation.length < this.keep) open.event.continuation.push(text);
      return null;
    }
    const closed = this.finish();
    this.open = { event: this.startEvent(text, parsed, line), parsed };
    return closed;
  }

  /** Closes and returns the event still open at the end of the file. */
  finish(): LogEvent | null {
    const open = this.open;
    this.open = null;
    return open ? open.event : null;
  }

  private startEvent(text: string, parsed: ParsedLine | null, line: number): OpenEvent['event'] {
    let time: EpochMs | null = null;
    if (parsed?.time) {
      const zone = parsed.timeIsUtc ? 'UTC' : this.context.zone;
      const parts = parsed.time;
      // Parts are fresh per line, so the resolved year can be written into them.
      if (parts.year === null) parts.year = resolveYear(parts, zone, this.context.yearReference);
      time = partsToEpoch(parts as TimeParts & { year: number }, zone);
    }
    const inherited = time === null && this.lastTime !== null;
    if (time !== null) this.lastTime = time;
    return {
      line: lineNo(line),
      lineCount: 1,
      time: time ?? this.lastTime,
      timeInherited: inherited,
      level: parsed?.level ?? 'unknown',
      text,
      message: parsed?.message ?? text,
      fields: parsed?.fields ?? {},
      continuation: [],
    };
  }
}

/** Convenience for tests and small inputs: assembles all events of an array of lines. */
export function assembleEvents(lines: readonly string[], format: CompiledFormat | null, context: AssemblerContext): LogEvent[] {
  const assembler = new EventAssembler(format, context);
  const events: LogEvent[] = [];
  lines.forEach((l, i) => {
    const e = assembler.push(l, i + 1);
    if (e) events.push(e);
  });
  const last = assembler.finish();
  if (last) events.push(last);
  return events;
}
