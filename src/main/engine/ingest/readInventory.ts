/**
 * Reads bundles into a case inventory with every file ingested here, on this thread, and no
 * index: for tests, benches and small tools. The app, `serve` and the CLI read through
 * engine/index/indexCase.ts, which hands the files to its threads instead.
 */
import type { ApiResult, Inventory } from '../../../shared/api.ts';
import { openEvent, reviseEvent, type EventCutter } from '../../../shared/formats/eventAssembler.ts';
import type { FileRecord, LogEvent } from '../../../shared/model.ts';
import type { FileReader } from '../bundle/fileReader.ts';
import { readBundles, type ReadBundlesOptions } from '../bundle/readBundles.ts';
import { loadFormats } from '../platform/resources.ts';
import { FileIngest, ingestSource, type LineSink } from './fileIngest.ts';

/** Options of {@link readInventory}. */
export interface ReadInventoryOptions extends Omit<ReadBundlesOptions, 'reader' | 'linesRead'> {
  /** Every event of every file, in file order. */
  onEvent?: (file: FileRecord, event: LogEvent) => void;
}

/** A sink that turns lines back into {@link LogEvent} objects (for `onEvent`). */
class EventSink implements LineSink {
  private open: (LogEvent & { continuation: string[] }) | null = null;
  record: FileRecord | null = null;

  constructor(private readonly onEvent: (file: FileRecord, event: LogEvent) => void) {}

  line(text: string, number: number, head: boolean, cutter: EventCutter): void {
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
    if (this.open && this.record) this.onEvent(this.record, this.open);
    this.open = null;
  }
}

/** A reader that ingests each file in-line, for the inventory (and `onEvent` when given). */
function inlineReader(onEvent?: (file: FileRecord, event: LogEvent) => void): FileReader {
  const formats = loadFormats();
  return async (task, source, signal) => {
    const sink: LineSink & { flush?: () => void; record?: FileRecord | null } = onEvent
      ? new EventSink(onEvent)
      : { line: () => undefined };
    const ingest = new FileIngest(task, { formats, withFields: onEvent !== undefined }, sink);
    if (sink instanceof EventSink) sink.record = ingest.record;
    const outcome = await ingestSource(ingest, source, { signal });
    if (sink instanceof EventSink) sink.flush();
    return { outcome: Promise.resolve(outcome) };
  };
}

/**
 * Reads bundles (archives, single `.gz`, folders, or a plain text log) into their inventory.
 * Fails only when no input could be opened at all; every lesser problem is in the inventory.
 */
export async function readInventory(
  paths: string[],
  options: ReadInventoryOptions = {},
): Promise<ApiResult<Inventory>> {
  const { onEvent, ...rest } = options;
  return readBundles(paths, { ...rest, reader: inlineReader(onEvent) });
}
