/**
 * Groups physical lines into events, one line at a time: a head line of the file's format starts
 * an event, anything else (traceback, stack, wrapped text) continues the one before it.
 * Incremental so that a file of any size streams through it.
 *
 * {@link EventCutter} is the decision alone (head or continuation, and the head's time, level and
 * message), with nothing allocated per line beyond what the format's regex returns: the ingest
 * runs it over every line of a bundle. {@link EventAssembler} builds {@link LogEvent} objects on
 * top of it, for tests and small inputs.
 */
import { epochMs, lineNo, type EpochMs, type Level, type LogEvent, type ZoneSpec } from '../model.ts';
import { EpochConverter } from '../time/epochConverter.ts';
import type { CompiledFormat, ParsedLine } from './compileFormat.ts';
import { RecordReader } from './recordReader.ts';

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

/** Decides, line by line, where events start, and reads each head line's facts. */
export class EventCutter {
  /** The current event's time (inherited from an earlier event when it has none). */
  time: EpochMs | null = null;
  /** True when {@link EventCutter.time} was inherited. */
  timeInherited = false;
  level: Level = 'unknown';
  /** The current event's message: its head line's message part, or the whole head line. */
  message = '';
  /** The parsed head line of the current event (null: the event started without one). */
  parsed: ParsedLine | null = null;
  /** True once a time without an offset was read in the case's zone (not one its writer declares). */
  zoneAssumed = false;
  /**
   * True when the last line, a continuation, changed the current event's time, level or message
   * (a record format: its facts come after the head). Never set for other formats.
   */
  revised = false;
  /** The current record's fields, for formats with a `record` block (null: the head's fields). */
  recordFields: Record<string, string> | null = null;
  private open = false;
  private lastTime: EpochMs | null = null;
  /** For a record format: a blank line was last, so the next non-blank line starts a record. */
  private afterBlank = false;
  private readonly epochs: EpochConverter;
  private readonly record: RecordReader | null;

  constructor(
    readonly format: CompiledFormat | null,
    private readonly zone: ZoneSpec,
    yearReference: EpochMs,
    private readonly withFields = false,
  ) {
    this.epochs = new EpochConverter(yearReference);
    this.record = format?.record ? new RecordReader(format.record, withFields) : null;
  }

  /** True when events may learn their time, level or message after the head line (see `revised`). */
  get provisional(): boolean {
    return this.record !== null;
  }

  /** True once a time without a year was read: its year was taken from the file's reference time. */
  get yearGuessed(): boolean {
    return this.epochs.yearGuessed;
  }

  /**
   * Feeds the next line (ANSI removed); true when it starts a new event. False also for a
   * directive line before the first event, which belongs to none.
   */
  next(text: string): boolean {
    if (this.record !== null) return this.nextInRecord(text, this.record);
    const format = this.format;
    const parsed = format ? (this.withFields ? format.parse(text) : format.parseHead(text)) : null;
    // Directive, comment and blank lines before the first event (`#Fields:` of W3C and Zeek
    // logs) are no event: the file's lines keep them, the timeline does not.
    if (!this.open && format && parsed === null && (text.startsWith('#') || text.trim() === '')) return false;
    // Without a format every line stands alone; with one, non-head lines continue the open event.
    if (this.open && format && (parsed === null || (this.parsed !== null && format.continues(parsed, this.parsed))))
      return false;
    this.startEvent(parsed, text);
    return true;
  }

  /** A head line opens an event: its time (or the last one, inherited), level and message. */
  private startEvent(parsed: ParsedLine | null, text: string): void {
    this.open = true;
    this.parsed = parsed;
    // Parts are fresh per line, so the converter may write the resolved year into them.
    const time = parsed?.time ? this.epochs.epoch(parsed.time, parsed.timeIsUtc ? 'UTC' : this.zone) : null;
    if (time !== null && !parsed!.timeIsUtc && parsed!.time!.offsetMinutes === null) this.zoneAssumed = true;
    this.timeInherited = time === null && this.lastTime !== null;
    if (time !== null) this.lastTime = time;
    this.time = time ?? this.lastTime;
    this.level = parsed?.level ?? 'unknown';
    this.message = parsed?.message ?? text;
  }

  /** {@link EventCutter.next} for a format whose facts may come after the head (a `record` block). */
  private nextInRecord(text: string, record: RecordReader): boolean {
    this.revised = false;
    const format = this.format!;
    let parsed: ParsedLine | null = null;
    if (record.spec.blankStart) {
      // A binary-safe value's lines are data, blank ones too.
      if (record.inBinary) {
        if (record.read(text)) this.revise(record);
        return false;
      }
      if (text.trim() === '') {
        if (this.open) this.afterBlank = true;
        return false;
      }
      if (this.open && !this.afterBlank) {
        if (record.read(text)) this.revise(record);
        return false;
      }
      this.afterBlank = false;
    } else {
      parsed = this.withFields ? format.parse(text) : format.parseHead(text);
      if (!this.open && parsed === null && (text.startsWith('#') || text.trim() === '')) return false;
      if (this.open && (parsed === null || (this.parsed !== null && format.continues(parsed, this.parsed)))) {
        if (record.read(text)) this.revise(record);
        return false;
      }
    }
    this.startEvent(parsed, text);
    const said = record.start(text);
    this.recordFields = this.withFields ? Object.assign(record.fields, parsed?.fields) : record.fields;
    if (said) this.revise(record);
    // The head's own facts are the event's first: `revised` speaks of continuation lines only.
    this.revised = false;
    return true;
  }

  /** Applies what the record's last line said to the current event. */
  private revise(record: RecordReader): void {
    const fact = record.fact;
    if (fact.time !== null) {
      const { time: parts, utc } = fact.time;
      const time = this.epochs.epoch(parts, utc ? 'UTC' : this.zone);
      if (!utc && parts.offsetMinutes === null) this.zoneAssumed = true;
      this.time = time;
      this.timeInherited = false;
      this.lastTime = time;
    }
    if (fact.level !== null) this.level = fact.level;
    if (fact.message !== null) this.message = fact.message;
    this.revised = true;
  }
}

/** An event whose continuation lines are still coming. */
export type OpenEvent = Omit<LogEvent, 'continuation'> & { continuation: string[] };

/** The event a head line starts, with what the cutter read from it. */
export function openEvent(cutter: EventCutter, line: number, text: string): OpenEvent {
  return {
    line: lineNo(line),
    lineCount: 1,
    time: cutter.time,
    timeInherited: cutter.timeInherited,
    level: cutter.level,
    text,
    message: cutter.message,
    fields: cutter.recordFields ?? cutter.parsed?.fields ?? {},
    continuation: [],
  };
}

/** Takes into an open event what a continuation line revised (see {@link EventCutter.revised}). */
export function reviseEvent(event: OpenEvent | LogEvent, cutter: EventCutter): void {
  event.time = cutter.time;
  event.timeInherited = cutter.timeInherited;
  event.level = cutter.level;
  event.message = cutter.message;
}

/** Assembles events from the lines of one file in order. */
export class EventAssembler {
  private open: OpenEvent | null = null;
  private readonly keep: number;
  private readonly cutter: EventCutter;

  constructor(format: CompiledFormat | null, context: AssemblerContext) {
    this.keep = context.maxContinuationLines ?? 500;
    this.cutter = new EventCutter(format, context.zone, context.yearReference, true);
  }

  /**
   * Feeds the next physical line (1-based number `line`); returns the event that this line
   * closed, if any.
   */
  push(rawLine: string, line: number): LogEvent | null {
    const text = stripAnsi(rawLine);
    const cutter = this.cutter;
    if (!cutter.next(text)) {
      const open = this.open;
      if (!open) return null;
      if (cutter.revised) reviseEvent(open, cutter);
      open.lineCount++;
      if (open.continuation.length < this.keep) open.continuation.push(text);
      return null;
    }
    const closed = this.finish();
    this.open = openEvent(cutter, line, text);
    return closed;
  }

  /** Closes and returns the event still open at the end of the file. */
  finish(): LogEvent | null {
    const open = this.open;
    this.open = null;
    return open;
  }
}

/** Convenience for tests and small inputs: assembles all events of an array of lines. */
export function assembleEvents(
  lines: readonly string[],
  format: CompiledFormat | null,
  context: AssemblerContext,
): LogEvent[] {
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

/** Lines of an event read again for its message (a record's message is near its head). */
export const RECORD_MESSAGE_LINES = 64;

/**
 * The message of an event of a record format when a line after the head gives it (the level
 * line of java.util.logging, journal export's MESSAGE, wevtutil's description), read again from
 * the event's first lines; null when the head's own message stands or the format has no record.
 */
export function recordMessage(format: CompiledFormat, lines: readonly string[]): string | null {
  if (!format.record || lines.length < 2) return null;
  const cutter = new EventCutter(format, 'UTC', epochMs(0));
  let message: string | null = null;
  for (let i = 0; i < lines.length && i < RECORD_MESSAGE_LINES; i++) {
    const head = cutter.next(stripAnsi(lines[i]));
    if (head && i > 0) break;
    if (cutter.revised) message = cutter.message;
  }
  return message;
}
