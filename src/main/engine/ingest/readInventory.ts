/**
 * Reads bundles into a case inventory with every file ingested here, on this thread, and no
 * index: for tests, benches and small tools. The app, `serve` and the CLI read through
 * engine/index/indexCase.ts, which hands the files to its threads instead.
 */
import type { ApiResult, Inventory } from '../../../shared/api.ts';
import { openEvent, reviseEvent, type EventCutter } from '../../../shared/formats/eventAssembler.ts';
import { epochMs, type FileRecord, type LogEvent } from '../../../shared/model.ts';
import { settleYears } from '../../../shared/time/yearEvidence.ts';
import type { FileReader } from '../bundle/fileReader.ts';
import { readBundles, type ReadBundlesOptions } from '../bundle/readBundles.ts';
import { loadFormats } from '../platform/resources.ts';
import { FileIngest, ingestSource, type LineSink } from './fileIngest.ts';

/** Options of {@link readInventory}. */
export interface ReadInventoryOptions extends Omit<ReadBundlesOptions, 'reader' | 'linesRead'> {
  /**
   * Every event of every file, in file order; the events of files whose year was guessed come
   * after all the others, once their year is settled (shared/time/yearEvidence.ts).
   */
  onEvent?: (file: FileRecord, event: LogEvent) => void;
}

/**
 * The events of the files whose year was guessed, kept until every file is read: their times
 * (for the file's span once re-timed) and, with `onEvent`, the events themselves.
 */
class YearlessFiles {
  readonly times = new Map<FileRecord, number[]>();
  readonly events = new Map<FileRecord, LogEvent[]>();

  /** Re-times a held file's events with `remap`; its new span. */
  retime(file: FileRecord, remap: (time: number) => number): { first: number; last: number } | null {
    let first = Infinity;
    let last = -Infinity;
    for (const time of this.times.get(file) ?? []) {
      const at = remap(time);
      if (at < first) first = at;
      if (at > last) last = at;
    }
    for (const event of this.events.get(file) ?? []) if (event.time !== null) event.time = epochMs(remap(event.time));
    return first <= last ? { first, last } : null;
  }
}

/**
 * A sink that keeps the times of year-guessed events and, with `onEvent`, turns lines back into
 * {@link LogEvent} objects: given at once, or held in `yearless` once the file's year was guessed.
 */
class EventSink implements LineSink {
  private open: (LogEvent & { continuation: string[] }) | null = null;
  private held = false;

  constructor(
    private readonly record: FileRecord,
    private readonly yearless: YearlessFiles,
    private readonly onEvent: ((file: FileRecord, event: LogEvent) => void) | undefined,
  ) {}

  line(text: string, number: number, head: boolean, cutter: EventCutter): void {
    if (head && cutter.yearGuessed) {
      this.held = true;
      if (cutter.time !== null && !cutter.timeInherited) {
        const times = this.yearless.times.get(this.record) ?? [];
        if (times.length === 0) this.yearless.times.set(this.record, times);
        times.push(cutter.time);
      }
    }
    if (!this.onEvent) return;
    if (!head) {
      // A line before the first event (a directive) belongs to none.
      if (!this.open) return;
      if (cutter.revised) reviseEvent(this.open, cutter);
      this.open.lineCount++;
      if (this.open.continuation.length < 500) this.open.continuation.push(text);
      return;
    }
    this.flush();
    this.open = openEvent(cutter, number, text);
  }

  flush(): void {
    const open = this.open;
    this.open = null;
    if (!open || !this.onEvent) return;
    if (!this.held) return this.onEvent(this.record, open);
    const events = this.yearless.events.get(this.record) ?? [];
    if (events.length === 0) this.yearless.events.set(this.record, events);
    events.push(open);
  }
}

/** A reader that ingests each file in-line, for the inventory (and `onEvent` when given). */
function inlineReader(yearless: YearlessFiles, onEvent?: (file: FileRecord, event: LogEvent) => void): FileReader {
  const formats = loadFormats();
  return async (task, source, signal) => {
    let sink: EventSink | null = null;
    const ingest = new FileIngest(
      task,
      { formats, withFields: onEvent !== undefined },
      { line: (text, number, head, cutter) => sink!.line(text, number, head, cutter) },
    );
    sink = new EventSink(ingest.record, yearless, onEvent);
    const outcome = await ingestSource(ingest, source, { signal });
    sink.flush();
    return { outcome: Promise.resolve(outcome) };
  };
}

/**
 * Reads bundles (archives, single `.gz`, folders, or a plain text log) into their inventory.
 * Fails only when no input could be opened at all; every lesser problem is in the inventory.
 * Year-less times are re-timed once every file is read, from the bundle's best evidence.
 */
export async function readInventory(
  paths: string[],
  options: ReadInventoryOptions = {},
): Promise<ApiResult<Inventory>> {
  const { onEvent, ...rest } = options;
  const yearless = new YearlessFiles();
  const result = await readBundles(paths, { ...rest, reader: inlineReader(yearless, onEvent) });
  if (!result.ok) return result;
  settleYears(result.value, (file, remap) => yearless.retime(file, remap));
  if (onEvent) for (const [file, events] of yearless.events) for (const event of events) onEvent(file, event);
  return result;
}
