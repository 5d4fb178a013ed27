/**
 * What one ingest thread does, free of the thread itself so that it runs the same in a worker
 * (normally) and in-line (tests, a case with one small file): it takes a file's bytes as
 * messages, reads them with {@link FileIngest} and indexes them with {@link SegmentBuilder}
 * into its own spool file, and answers with the file's record and its segments.
 *
 * Messages of one file arrive contiguously (begin, bytes…, end): the reader hands a file to one
 * thread at a time, so each segment is one contiguous range of the thread's spool.
 */
import type { CompiledFormat } from '../../../shared/formats/compileFormat.ts';
import type { FileRecord } from '../../../shared/model.ts';
import type { EventCutter } from '../../../shared/formats/eventAssembler.ts';
import type { FileTask } from '../bundle/fileReader.ts';
import { FileIngest, type LineSink } from '../ingest/fileIngest.ts';
import { SpoolWriter } from '../ingest/spoolWriter.ts';
import { SegmentBuilder, segmentTransfer, type SegmentData } from './segmentBuilder.ts';
import { candidatesForFile, compileStanding, type StandingQuery } from './standingQueries.ts';

/** A file to read, numbered by the pool. */
export interface FileJob extends FileTask {
  id: number;
}

/** Main → ingest thread. */
export type IngestRequest =
  | { type: 'begin'; job: FileJob }
  | { type: 'bytes'; id: number; chunk: Uint8Array }
  | { type: 'end'; id: number; failure: string | null }
  | { type: 'close' };

/** Ingest thread → main. */
export type IngestReply =
  | { type: 'ack'; id: number; bytes: number; lines: number }
  | { type: 'rejected'; id: number; reason: string }
  | { type: 'done'; id: number; result: FileResult }
  | { type: 'closed' }
  | { type: 'failed'; id: number; error: string };

/** A read file with its segments (in file order), or the reason it was not read. */
export type FileResult = { read: true; record: FileRecord; segments: SegmentData[] } | { read: false; reason: string };

/**
 * Text a segment holds before the next event starts a new one: a term table stays small enough
 * to be fast (a table of a few hundred thousand terms no longer fits the caches), and a file of
 * any size is indexed in bounded memory.
 */
export const SEGMENT_BYTES = 16 << 20;

/** The sink of one file: segments of at most {@link SEGMENT_BYTES}, each starting with an event. */
class SegmentedSink implements LineSink {
  readonly done: SegmentData[] = [];
  private current: SegmentBuilder;

  constructor(
    private readonly make: () => SegmentBuilder,
    private readonly limit: number,
  ) {
    this.current = make();
  }

  line(text: string, number: number, head: boolean, cutter: EventCutter): void {
    if (head && this.current.bytes >= this.limit) {
      this.done.push(this.current.finish());
      this.current = this.make();
    }
    this.current.line(text, number, head, cutter);
  }

  finish(): SegmentData[] {
    this.done.push(this.current.finish());
    return this.done;
  }
}

interface Open {
  job: FileJob;
  ingest: FileIngest;
  sink: SegmentedSink;
  lines: number;
}

/** The state of one ingest thread. */
export class IngestJob {
  private readonly spool: SpoolWriter;
  private open: Open | null = null;
  private readonly standing: StandingQuery[];
  private readonly segmentBytes: number;

  constructor(
    private readonly formats: readonly CompiledFormat[],
    spoolPath: string,
    private readonly spoolNumber: number,
    private readonly reply: (message: IngestReply, transfer?: ArrayBuffer[]) => void,
    /** Queries to answer while reading (see standingQueries.ts), and the case's zone for their times. */
    standing: { queries: readonly string[]; zone: string } = { queries: [], zone: 'UTC' },
    segmentBytes?: number,
  ) {
    this.segmentBytes = segmentBytes ?? SEGMENT_BYTES;
    this.spool = new SpoolWriter(spoolPath);
    this.standing = compileStanding(standing.queries, standing.zone);
  }

  handle(message: IngestRequest): void {
    switch (message.type) {
      case 'begin': {
        const { job } = message;
        const file = { module: job.component.module, component: job.component.component, path: job.path };
        const standing =
          this.standing.length > 0
            ? { queries: this.standing, candidates: candidatesForFile(this.standing, file), file }
            : null;
        const sink = new SegmentedSink(
          () => new SegmentBuilder(this.spool, this.spoolNumber, standing),
          this.segmentBytes,
        );
        const ingest = new FileIngest(job, { formats: this.formats }, sink);
        this.open = { job, ingest, sink, lines: 0 };
        return;
      }
      case 'bytes': {
        const open = this.open;
        if (!open || open.job.id !== message.id)
          return this.reply({ type: 'ack', id: message.id, bytes: message.chunk.byteLength, lines: 0 });
        const wasRejected = open.ingest.rejected;
        try {
          open.ingest.push(message.chunk);
        } catch (error) {
          this.open = null;
          // The bytes are counted as read, or the reader would wait for them for ever.
          this.reply({ type: 'ack', id: message.id, bytes: message.chunk.byteLength, lines: 0 });
          this.reply({ type: 'failed', id: message.id, error: (error as Error).message });
          return;
        }
        const lines = open.ingest.record.lines - open.lines;
        open.lines = open.ingest.record.lines;
        this.reply({ type: 'ack', id: message.id, bytes: message.chunk.byteLength, lines });
        if (!wasRejected && open.ingest.rejected)
          this.reply({ type: 'rejected', id: message.id, reason: open.ingest.rejected });
        return;
      }
      case 'end': {
        const open = this.open;
        if (!open || open.job.id !== message.id) return;
        this.open = null;
        let outcome;
        try {
          outcome = open.ingest.end(message.failure);
        } catch (error) {
          this.reply({ type: 'failed', id: message.id, error: (error as Error).message });
          return;
        }
        if (!outcome.read) {
          this.reply({ type: 'done', id: message.id, result: outcome });
          return;
        }
        let segments;
        try {
          segments = open.sink.finish();
          // The file's text is on disk before its segments leave: a thread that dies later loses none of it.
          this.spool.flush();
        } catch (error) {
          this.reply({ type: 'failed', id: message.id, error: (error as Error).message });
          return;
        }
        this.reply(
          { type: 'done', id: message.id, result: { read: true, record: outcome.record, segments } },
          segments.flatMap(segmentTransfer),
        );
        return;
      }
      case 'close':
        this.spool.close();
        this.reply({ type: 'closed' });
    }
  }
}
