/**
 * Collects what the index needs while a bundle streams through the ingest: every line into the
 * text store, every event's facts into typed arrays and a record of where its text is to the
 * indexer. `seal()` turns
 * the collection into a searchable {@link CaseIndex} (literal search works from then on) and
 * `indexed` resolves when the worker's full-text index has been attached.
 */
import { LEVELS, type FileRecord, type LogEvent } from '../../../shared/model.ts';
import { stripAnsi } from '../../../shared/formats/eventAssembler.ts';
import { CaseIndex, MAX_EVENT_LINES, type IndexedFile } from './caseIndex.ts';
import { Growable } from './growable.ts';
import { IndexBuilder, type IndexMode } from './indexBuilder.ts';
import { TextStore } from './textStore.ts';
import { mergeTimeline } from './timeline.ts';

/** Characters waiting for compression before the ingest is made to wait. */
const MAX_STORE_BACKLOG = 64 << 20;

interface Pending {
  record: FileRecord;
  store: number;
  first: number;
  count: number;
}

/** Hooks for `analyzeBundles` that build the index of a case as it is read. */
export class IndexRecorder {
  private readonly store: TextStore;
  private readonly builder: IndexBuilder;
  private readonly pending: Pending[] = [];
  private current: Pending | null = null;
  private readonly file = new Growable(Uint32Array, 1 << 16);
  private readonly line = new Growable(Uint32Array, 1 << 16);
  private readonly lineCount = new Growable(Uint32Array, 1 << 16);
  private readonly time = new Growable(Float64Array, 1 << 16);
  private readonly level = new Growable(Uint8Array, 1 << 16);
  private readonly levelIndex = new Map(LEVELS.map((l, i) => [l, i]));

  constructor(mode: IndexMode = 'worker') {
    const builder = new IndexBuilder(mode);
    this.builder = builder;
    this.store = new TextStore({ onChunk: (file, firstLine, lineCount, data) => builder.chunk(file, firstLine, lineCount, data) });
  }

  /** `onLine` hook. */
  readonly onLine = (record: FileRecord, line: string): void => {
    this.store.addLine(this.fileFor(record).store, stripAnsi(line));
  };

  /** `onEvent` hook. */
  readonly onEvent = (record: FileRecord, event: LogEvent): void => {
    const file = this.fileFor(record);
    file.count++;
    const at = event.message === event.text ? -1 : event.text.indexOf(event.message);
    this.builder.push(file.store, event.line, Math.min(event.lineCount, MAX_EVENT_LINES), at, at < 0 ? 0 : event.message.length);
    this.file.push(this.pending.length - 1);
    this.line.push(event.line);
    this.lineCount.push(event.lineCount);
    this.time.push(event.time ?? Number.NaN);
    this.level.push(this.levelIndex.get(event.level) ?? 0);
  };

  /** `pace` hook: wait while the compressor is behind. */
  readonly pace = (): Promise<void> | undefined => {
    return this.store.backlogChars > MAX_STORE_BACKLOG ? this.store.flushed() : undefined;
  };

  private fileFor(record: FileRecord): Pending {
    if (this.current?.record === record) return this.current;
    if (this.current) this.store.endFile(this.current.store);
    this.current = { record, store: this.store.beginFile(), first: this.time.length, count: 0 };
    this.pending.push(this.current);
    return this.current;
  }

  /**
   * Builds the searchable index from what was read. `files` is the inventory's file list:
   * entries that were begun but not kept (none, normally) are dropped from it.
   */
  async seal(files: readonly FileRecord[], zone: string): Promise<CaseIndex> {
    if (this.current) this.store.endFile(this.current.store);
    this.current = null;
    await this.store.flushed();
    const inventoryIndex = new Map(files.map((f, i) => [f, i]));
    const components: string[] = [];
    const componentIndex = new Map<string, number>();
    const indexed: IndexedFile[] = files.map((record) => {
      const key = `${record.module}/${record.component}`;
      let c = componentIndex.get(key);
      if (c === undefined) {
        c = components.length;
        components.push(key);
        componentIndex.set(key, c);
      }
      return { record, store: -1, first: 0, count: 0, component: c };
    });
    for (const p of this.pending) {
      const at = inventoryIndex.get(p.record);
      if (at === undefined) continue;
      Object.assign(indexed[at], { store: p.store, first: p.first, count: p.count });
    }
    // Event → inventory file index (the pending list and the inventory are both in reading order).
    const fileOfEvent = this.file.done();
    const remap = this.pending.map((p) => inventoryIndex.get(p.record) ?? 0);
    for (let e = 0; e < fileOfEvent.length; e++) fileOfEvent[e] = remap[fileOfEvent[e]];
    const time = this.time.done();
    const timeline = mergeTimeline(indexed, time);
    return new CaseIndex(indexed, components, { file: fileOfEvent, line: this.line.done(), lineCount: this.lineCount.done(), time, level: this.level.done() }, this.store, timeline, zone);
  }

  /** Waits for the full-text index and attaches it. */
  async complete(index: CaseIndex): Promise<void> {
    index.attach(await this.builder.finish());
  }

  /** Stops the indexer (cancelled or failed case). */
  cancel(): void {
    this.builder.cancel();
  }
}
