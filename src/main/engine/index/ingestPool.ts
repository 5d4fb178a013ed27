/**
 * The threads that read and index a case's files in parallel. The main thread walks the bundle
 * (archives are sequential streams) and hands each file's bytes to the least busy thread, which
 * decodes, splits, parses, cuts events and indexes them while the main thread goes on to the
 * next file. A thread that falls behind makes the walk wait (bytes in flight are bounded), so
 * memory stays flat whatever the bundle's size.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EntryError, type ByteSource } from '../bundle/byteSource.ts';
import { formatsWithUser } from '../platform/userFormats.ts';
import type { FileTask } from '../bundle/fileReader.ts';
import { IngestJob, type FileResult, type IngestReply, type IngestRequest } from './ingestJob.ts';

/** Bytes handed to one thread and not yet read by it, before the walk waits. */
const MAX_IN_FLIGHT = 24 << 20;
/** Bytes per message to a thread. */
const BATCH_BYTES = 1 << 20;

/** Threads in workers (default) or one in-line job on the calling thread (tests, tiny inputs). */
export type IngestMode = 'worker' | 'inline';

/** Options of {@link IngestPool}. */
export interface IngestPoolOptions {
  mode?: IngestMode;
  /** Worker threads (default: the machine's parallelism, at least 1, at most 16). */
  threads?: number;
  /** Lines read so far by all threads, as they report them (called on each batch a thread finishes). */
  onLines?: (lines: number) => void;
  /** Queries every thread answers while it reads (standingQueries.ts), with the case's zone. */
  standing?: { queries: readonly string[]; zone: string };
  /** Text per segment (default {@link SEGMENT_BYTES}; tests make it small). */
  segmentBytes?: number;
  /** The user's formats folder, read by every thread next to `resources/formats` (null: none). */
  userFormatsDir?: string | null;
}

interface Pending {
  resolve: (result: FileResult) => void;
}

interface Thread {
  number: number;
  worker: Worker | null;
  inline: IngestJob | null;
  inFlight: number;
  files: number;
  pending: Map<number, Pending>;
  rejected: Map<number, string>;
  drained: (() => void)[];
  closed: (() => void) | null;
  dead: string | null;
}

/**
 * Starts an ingest worker from its built file next to the bundle, or from the TypeScript
 * source (development and tests) through tsx's loader, registered inside the worker.
 */
function startWorker(workerData: unknown): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..')]) {
    const built = join(dir, 'ingestWorker.js');
    if (existsSync(built)) return new Worker(pathToFileURL(built), { workerData });
  }
  const source = join(here, 'ingestWorker.ts');
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(source).href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** The spool file of thread `n` in `dir`. */
export function spoolFileName(token: string, n: number): string {
  return `spool-${token}-${n}.txt`;
}

/** Reads files on a set of threads, each into its own spool file. */
export class IngestPool {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private linesRead = 0;
  private sent = 0;
  private indexed = 0;
  /** Spool file names, by thread number. */
  readonly spoolFiles: string[] = [];

  constructor(
    readonly spoolDir: string,
    token: string,
    private readonly options: IngestPoolOptions = {},
  ) {
    const mode = options.mode ?? 'worker';
    const count = mode === 'inline' ? 1 : Math.max(1, Math.min(16, options.threads ?? availableParallelism()));
    for (let n = 0; n < count; n++) {
      const name = spoolFileName(token, n);
      this.spoolFiles.push(name);
      const path = join(spoolDir, name);
      const thread: Thread = {
        number: n,
        worker: null,
        inline: null,
        inFlight: 0,
        files: 0,
        pending: new Map(),
        rejected: new Map(),
        drained: [],
        closed: null,
        dead: null,
      };
      if (mode === 'inline') {
        thread.inline = new IngestJob(
          formatsWithUser(options.userFormatsDir ?? null),
          path,
          n,
          (message) => this.onReply(thread, message),
          options.standing,
          options.segmentBytes,
        );
      } else {
        const worker = startWorker({
          spoolPath: path,
          spoolNumber: n,
          standing: options.standing ?? { queries: [], zone: 'UTC' },
          segmentBytes: options.segmentBytes,
          userFormatsDir: options.userFormatsDir ?? null,
        });
        thread.worker = worker;
        worker.on('message', (message: IngestReply) => this.onReply(thread, message));
        worker.on('error', (error) => this.die(thread, `ingest thread ${n} failed: ${error.message}`));
        worker.on('exit', (code) => this.die(thread, `ingest thread ${n} stopped (exit ${code})`));
      }
      this.threads.push(thread);
    }
  }

  /** Lines read so far by all threads. */
  get lines(): number {
    return this.linesRead;
  }

  /** Bytes handed to the threads so far, and how many of them they have read and indexed. */
  get bytes(): { sent: number; indexed: number } {
    return { sent: this.sent, indexed: this.indexed };
  }

  /**
   * Streams one file to a thread. Resolves once the source is consumed (or the thread refused
   * the file), with the promise of the file's result: the walk goes on to the next entry while
   * the thread is still reading this one.
   */
  async readFile(job: FileTask, source: ByteSource, signal?: AbortSignal): Promise<{ result: Promise<FileResult> }> {
    const thread = this.pick();
    if (!thread) throw new Error(`ingest: no thread left to read ${job.path}`);
    const id = this.nextId++;
    thread.files++;
    const result = new Promise<FileResult>((resolve) => thread.pending.set(id, { resolve }));
    this.post(thread, { type: 'begin', job: { ...job, id } });
    let failure: string | null = null;
    // Chunks are gathered into batches of their own memory (a stream's chunk may share its memory
    // with others; the batch moves to the thread): one message per MiB, not per 16 KiB chunk.
    let batch: Uint8Array | null = null;
    let used = 0;
    let sent = 0;
    const known = job.meta.size;
    const send = async () => {
      if (!batch || used === 0) return;
      const chunk = used === batch.length ? batch : batch.slice(0, used);
      batch = null;
      used = 0;
      thread.inFlight += chunk.byteLength;
      this.sent += chunk.byteLength;
      this.post(thread, { type: 'bytes', id, chunk }, [chunk.buffer as ArrayBuffer]);
      while (thread.inFlight > MAX_IN_FLIGHT && !thread.dead)
        await new Promise<void>((resolve) => thread.drained.push(resolve));
    };
    try {
      for await (const chunk of source) {
        if (signal?.aborted) throw new EntryError('cancelled');
        if (thread.rejected.has(id) || thread.dead) break;
        if (thread.inline) {
          this.sent += chunk.byteLength;
          this.post(thread, { type: 'bytes', id, chunk });
          continue;
        }
        let at = 0;
        while (at < chunk.length) {
          // Sized to what is left of a file of known size: a 1 MiB batch per one-line file cost
          // 0.2 ms of zeroing each (100,000 small files: 20 s).
          batch ??= new Uint8Array(
            Math.max(chunk.length - at, Math.min(BATCH_BYTES, known === null ? BATCH_BYTES : known - sent)),
          );
          const n = Math.min(chunk.length - at, batch.length - used);
          batch.set(chunk.subarray(at, at + n), used);
          used += n;
          at += n;
          sent += n;
          if (used === batch.length) await send();
        }
      }
      await send();
    } catch (error) {
      if (error instanceof EntryError && error.reason === 'cancelled') {
        this.post(thread, { type: 'end', id, failure: 'cancelled' });
        throw error;
      }
      failure = error instanceof EntryError ? error.reason : `read error: ${(error as Error).message}`;
      // What was read before the break is kept.
      await send();
    }
    this.post(thread, { type: 'end', id, failure });
    return { result };
  }

  /** Flushes and closes every spool file; the threads stop. */
  async close(): Promise<void> {
    await Promise.all(
      this.threads.map(
        (thread) =>
          new Promise<void>((resolve) => {
            if (thread.dead) return resolve();
            thread.closed = resolve;
            this.post(thread, { type: 'close' });
          }),
      ),
    );
    for (const thread of this.threads) {
      thread.dead ??= 'closed';
      await thread.worker?.terminate();
    }
  }

  /** Stops every thread at once (a cancelled or failed case). */
  terminate(): void {
    for (const thread of this.threads) {
      thread.dead ??= 'terminated';
      void thread.worker?.terminate();
      this.settle(thread, 'cancelled');
    }
  }

  private pick(): Thread | null {
    let best: Thread | null = null;
    for (const t of this.threads) {
      if (t.dead) continue;
      if (!best || t.inFlight < best.inFlight || (t.inFlight === best.inFlight && t.pending.size < best.pending.size))
        best = t;
    }
    return best;
  }

  private post(thread: Thread, message: IngestRequest, transfer: ArrayBuffer[] = []): void {
    if (thread.dead) return;
    if (thread.inline) thread.inline.handle(message);
    else thread.worker!.postMessage(message, transfer);
  }

  private onReply(thread: Thread, message: IngestReply): void {
    switch (message.type) {
      case 'ack':
        if (thread.worker) thread.inFlight -= message.bytes;
        this.linesRead += message.lines;
        this.indexed += message.bytes;
        this.options.onLines?.(this.linesRead);
        if (thread.inFlight <= MAX_IN_FLIGHT / 2) this.wake(thread);
        return;
      case 'rejected':
        thread.rejected.set(message.id, message.reason);
        return;
      case 'done': {
        const pending = thread.pending.get(message.id);
        thread.pending.delete(message.id);
        thread.rejected.delete(message.id);
        pending?.resolve(message.result);
        return;
      }
      case 'failed': {
        const pending = thread.pending.get(message.id);
        thread.pending.delete(message.id);
        pending?.resolve({
          read: false,
          reason: `internal error while reading (${message.error}); the rest of the bundle was read`,
        });
        return;
      }
      case 'closed':
        thread.closed?.();
    }
  }

  private wake(thread: Thread): void {
    const waiters = thread.drained;
    thread.drained = [];
    for (const w of waiters) w();
  }

  private die(thread: Thread, reason: string): void {
    if (thread.dead) {
      thread.closed?.();
      return;
    }
    thread.dead = reason;
    this.settle(thread, reason);
    thread.closed?.();
  }

  private settle(thread: Thread, reason: string): void {
    for (const pending of thread.pending.values()) pending.resolve({ read: false, reason });
    thread.pending.clear();
    this.wake(thread);
  }
}
