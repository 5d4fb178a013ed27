/**
 * Reads one file of a bundle, pushed chunk by chunk: detects its encoding, splits lines, decides
 * what the file is and in which format, cuts events and counts what the inventory reports.
 * Every line goes to a {@link LineSink} (the index's segment builder, or an event collector in
 * tests) with whether it starts an event. Push-based, so the same code runs in a worker thread
 * fed by messages and in-line fed by an async byte source ({@link ingestSource}).
 */
import { isAscii } from 'node:buffer';
import { detectFile, DETECT_SAMPLE_LINES } from '../../../shared/formats/detectFormat.ts';
import { EventCutter, stripAnsi } from '../../../shared/formats/eventAssembler.ts';
import type { CompiledFormat } from '../../../shared/formats/compileFormat.ts';
import { HAR_FORMAT_ID, HAR_MAX_CHARS, harLines, looksLikeHar } from '../../../shared/formats/harEntries.ts';
import { LineSplitter } from '../../../shared/lineSplitter.ts';
import { emptyLevelCounts, type EpochMs, type FileRecord, type Level } from '../../../shared/model.ts';
import { EntryError, type ByteSource } from '../bundle/byteSource.ts';
import type { EntryMeta } from '../bundle/entryMeta.ts';
import type { FileTask, IngestOutcome } from '../bundle/fileReader.ts';
import { detectEncoding, DETECT_BYTES } from '../decode/detectEncoding.ts';
import { LineDecoder, type LineEncoding, type OtherLines } from '../decode/lineDecoder.ts';

/** What the ingest of one file needs besides its task. */
export interface FileContext {
  formats: readonly CompiledFormat[];
  /** Parse the formats' named fields of every head line (the cutter then keeps them); off by default. */
  withFields?: boolean;
}

/** Receives every line of a file, in order. */
export interface LineSink {
  /**
   * One physical line (ANSI removed, cut to the line limit), 1-based `number`; `head` is true
   * when it starts an event, whose facts `cutter` then holds (time, level, message).
   */
  line(text: string, number: number, head: boolean, cutter: EventCutter): void;
}

const MIN_PLAUSIBLE_MTIME = Date.UTC(1995, 0, 1);

function countReplacement(text: string): number {
  let n = 0;
  let i = text.indexOf('\ufffd');
  while (i >= 0) {
    n++;
    i = text.indexOf('\ufffd', i + 1);
  }
  return n;
}

/** `mixed encodings: 1 line decoded as latin1 (line 17); the rest as utf-8`. */
function mixedNote(mixed: Map<LineEncoding, { count: number; lines: number[] }>, encoding: string): string {
  const parts = [...mixed].map(([other, { count, lines }], i) => {
    const where = `${lines.length === 1 && count === 1 ? 'line' : 'lines'} ${lines.join(', ')}${count > lines.length ? ', …' : ''}`;
    return `${count} ${i === 0 ? (count === 1 ? 'line ' : 'lines ') : ''}decoded as ${other} (${where})`;
  });
  return `mixed encodings: ${parts.join(', ')}; the rest as ${encoding}`;
}

/** One file being read. */
export class FileIngest {
  readonly record: FileRecord;
  /** Why the file is not read at all (binary, empty), once known; the caller stops pushing. */
  rejected: string | null = null;
  private head: Buffer[] = [];
  private headBytes = 0;
  private decoder: LineDecoder | null = null;
  /** Lines decoded in another encoding than the file's: how many, and the first few line numbers. */
  private mixed: Map<LineEncoding, { count: number; lines: number[] }> | null = null;
  private splitter: LineSplitter | null = null;
  private pending: string[] | null = [];
  private nonEmpty = 0;
  private cutter: EventCutter | null = null;
  /** The level the current event is counted under in the record's levels. */
  private eventLevel: Level = 'unknown';
  /** A HAR document's lines, held until its end (it is one JSON value); its size in characters. */
  private document: { lines: string[]; chars: number } | null = null;
  private readonly reference: EpochMs;
  /** Whether the reference for year-less times is the file's own modification time. */
  private readonly fileTime: boolean;

  private readonly meta: EntryMeta;

  constructor(
    private readonly task: FileTask,
    private readonly context: FileContext,
    private readonly sink: LineSink,
  ) {
    const meta = task.meta;
    this.meta = meta;
    this.record = {
      path: task.path,
      bundle: task.bundle,
      bytes: 0,
      kind: 'text',
      module: task.component.module,
      component: task.component.component,
      format: 'none',
      encoding: 'utf-8',
      lines: 0,
      events: 0,
      firstTime: null,
      lastTime: null,
      levels: emptyLevelCounts(),
      linesCut: 0,
      invalidBytes: 0,
      incomplete: null,
      modifiedTime: meta.mtime,
    };
    this.fileTime = meta.mtime !== null && meta.mtime > MIN_PLAUSIBLE_MTIME;
    this.reference = this.fileTime ? meta.mtime! : task.fallbackReference;
  }

  /** Feeds the next bytes of the file. */
  push(chunk: Uint8Array): void {
    if (this.rejected) return;
    if (!this.decoder) {
      this.head.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.headBytes += chunk.byteLength;
      if (this.headBytes >= DETECT_BYTES) this.start(false);
      return;
    }
    this.feed(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /**
   * The file ended (`failure`: why it ended early, if it did). Returns the outcome; a file that
   * broke keeps what was read before the break.
   */
  end(failure: string | null = null): IngestOutcome {
    if (!this.rejected && !this.decoder) {
      if (this.headBytes === 0) return { read: false, reason: failure ?? 'empty file (0 bytes)' };
      this.start(true);
    }
    if (this.rejected) return { read: false, reason: this.rejected };
    this.decoder!.end();
    this.record.encoding = this.decoder!.encoding;
    this.splitter!.end();
    if (this.mixed) this.record.notes = [mixedNote(this.mixed, this.record.encoding)];
    if (this.pending) this.startCutting();
    if (this.document) this.cutDocument();
    const record = this.record;
    const cutter = this.cutter;
    if (cutter && (cutter.yearGuessed || cutter.zoneAssumed)) {
      record.timeGuess = {};
      if (cutter.yearGuessed) {
        record.timeGuess.year = this.fileTime ? 'file-time' : 'bundle-time';
        // What a later, better reference needs to re-time the file (shared/time/yearEvidence.ts).
        record.timeGuess.yearReference = { time: this.reference, zone: cutter.zoneAssumed ? this.task.zone : 'UTC' };
      }
      if (cutter.zoneAssumed) record.timeGuess.zone = 'assumed';
      // What the engineer set, where it applied: the year is given in settleYears (yearEvidence.ts).
      const set = this.task.set;
      const setZone = cutter.zoneAssumed ? set?.zone : undefined;
      const setYear = cutter.yearGuessed ? set?.year : undefined;
      if (setZone !== undefined || setYear !== undefined)
        record.timeGuess.set = {
          ...(setZone !== undefined ? { zone: setZone } : {}),
          ...(setYear !== undefined ? { year: setYear } : {}),
        };
    }
    if (failure) record.incomplete = failure;
    const size = this.meta.size;
    if (size !== null && !failure && record.bytes !== size && size > 0) {
      record.incomplete = `read ${record.bytes} bytes but the archive declares ${size}`;
    }
    return { read: true, record };
  }

  private start(ended: boolean): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    const verdict = detectEncoding(head, ended);
    if (verdict.binary) {
      this.rejected = verdict.reason;
      return;
    }
    this.record.encoding = verdict.encoding;
    // A file whose first 64 KiB are ASCII is only tentatively UTF-8: a Windows agent log may turn
    // to GBK later, and its first non-ASCII line decides.
    const tentative = verdict.encoding === 'utf-8' && !ended && isAscii(head.subarray(0, DETECT_BYTES));
    this.decoder = new LineDecoder(verdict.encoding, tentative, (text, other) => this.onText(text, other));
    this.splitter = new LineSplitter((line, cut) => this.onLine(line, cut), this.task.maxLineChars);
    this.feed(head);
  }

  private feed(chunk: Buffer): void {
    this.record.bytes += chunk.length;
    this.decoder!.push(chunk);
  }

  private onText(text: string, other: OtherLines | null): void {
    if (text.includes('\ufffd')) this.record.invalidBytes += countReplacement(text);
    if (other) {
      // Text arrives in whole lines here, so the splitter has emitted every line before it.
      const first = this.record.lines + 1;
      this.mixed ??= new Map();
      const seen = this.mixed.get(other.encoding) ?? { count: 0, lines: [] };
      seen.count += other.count;
      for (const index of other.first) if (seen.lines.length < 3) seen.lines.push(first + index);
      this.mixed.set(other.encoding, seen);
    }
    this.splitter!.push(text);
  }

  private onLine(raw: string, cut: boolean): void {
    const record = this.record;
    record.lines++;
    if (cut) record.linesCut++;
    const line = stripAnsi(raw);
    if (this.document) {
      this.holdDocumentLine(line);
      return;
    }
    if (this.pending) {
      this.pending.push(line);
      if (line.trim() !== '') this.nonEmpty++;
      if (this.nonEmpty >= DETECT_SAMPLE_LINES || this.pending.length >= DETECT_SAMPLE_LINES * 8) this.startCutting();
      return;
    }
    this.cut(line, record.lines);
  }

  private startCutting(): void {
    const lines = this.pending ?? [];
    this.pending = null;
    const har = this.context.formats.find((format) => format.spec.id === HAR_FORMAT_ID);
    if (har && looksLikeHar(this.record.path, lines)) {
      this.document = { lines: [], chars: 0 };
      for (const line of lines) this.holdDocumentLine(line);
      return;
    }
    const detection = detectFile(this.record.path, lines, this.context.formats);
    this.record.kind = detection.kind;
    this.record.format = detection.format?.id ?? 'none';
    this.cutter = new EventCutter(detection.format, this.task.zone, this.reference, this.context.withFields);
    lines.forEach((line, i) => this.cut(line, i + 1));
  }

  /** Holds a line of a HAR document; past the size limit the file is read as the JSON it is. */
  private holdDocumentLine(line: string): void {
    const document = this.document!;
    document.lines.push(line);
    document.chars += line.length + 1;
    if (document.chars > HAR_MAX_CHARS)
      this.cutDocumentAsText(`HAR document over ${HAR_MAX_CHARS} characters: read as JSON`);
  }

  /**
   * Reads a whole HAR document: its entries become the file's lines, one event each, so the
   * requests land on the timeline and failed ones among the findings. The line numbers and
   * the line count are then those of the rendered entries.
   */
  private cutDocument(): void {
    const rendered = harLines(this.document!.lines.join('\n'));
    if (rendered === null) {
      this.cutDocumentAsText(null);
      return;
    }
    this.document = null;
    const record = this.record;
    record.kind = 'har';
    record.format = HAR_FORMAT_ID;
    record.lines = rendered.length;
    const har = this.context.formats.find((format) => format.spec.id === HAR_FORMAT_ID)!;
    this.cutter = new EventCutter(har, this.task.zone, this.reference, this.context.withFields);
    rendered.forEach((line, i) => this.cut(line, i + 1));
  }

  /** Not a HAR document after all (or too big): the held lines are read as any file's. */
  private cutDocumentAsText(note: string | null): void {
    const lines = this.document!.lines;
    this.document = null;
    if (note) this.record.notes = [...(this.record.notes ?? []), note];
    const detection = detectFile(this.record.path, lines, this.context.formats);
    this.record.kind = detection.kind;
    this.record.format = detection.format?.id ?? 'none';
    this.cutter = new EventCutter(detection.format, this.task.zone, this.reference, this.context.withFields);
    lines.forEach((line, i) => this.cut(line, i + 1));
  }

  private cut(line: string, number: number): void {
    const cutter = this.cutter!;
    const head = cutter.next(line);
    if (head) {
      const record = this.record;
      record.events++;
      record.levels[cutter.level]++;
      this.eventLevel = cutter.level;
      this.noteTime(cutter);
    } else if (cutter.revised) {
      // A record format's event learnt its level or time from this line.
      const levels = this.record.levels;
      levels[this.eventLevel]--;
      levels[cutter.level]++;
      this.eventLevel = cutter.level;
      this.noteTime(cutter);
    }
    this.sink.line(line, number, head, cutter);
  }

  /** Widens the file's time range to the current event's own time. */
  private noteTime(cutter: EventCutter): void {
    const time = cutter.time;
    if (time !== null && !cutter.timeInherited) {
      const record = this.record;
      if (record.firstTime === null || time < record.firstTime) record.firstTime = time;
      if (record.lastTime === null || time > record.lastTime) record.lastTime = time;
    }
  }
}

/**
 * Reads a whole byte source into `ingest` (in-line use): waits on `pace` between chunks, stops
 * on `signal`, and turns a broken source into the file's `incomplete` reason.
 */
export async function ingestSource(
  ingest: FileIngest,
  source: ByteSource,
  options: { signal?: AbortSignal; pace?: () => Promise<void> | undefined } = {},
): Promise<IngestOutcome> {
  const iterator = source[Symbol.asyncIterator]();
  let failure: string | null = null;
  try {
    for (;;) {
      if (options.signal?.aborted) throw new EntryError('cancelled');
      const wait = options.pace?.();
      if (wait) await wait;
      const next = await iterator.next();
      if (next.done) break;
      ingest.push(next.value);
      if (ingest.rejected) {
        await iterator.return?.();
        break;
      }
    }
  } catch (error) {
    if (error instanceof EntryError && error.reason === 'cancelled') throw error;
    failure = error instanceof EntryError ? error.reason : `read error: ${(error as Error).message}`;
    await iterator.return?.();
  }
  return ingest.end(failure);
}
