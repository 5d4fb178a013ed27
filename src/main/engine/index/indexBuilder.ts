/**
 * Hands the indexer its input while the bundle streams: compressed text chunks as the store
 * produces them, and a compact record per event, in batches. The indexer runs in a worker
 * thread (or in-line when asked); the ingest never waits for it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Growable } from './growable.ts';
import { IndexJob, type EventBatch, type IndexParts, type StoreChunk } from './indexJob.ts';

/** Main → worker. */
export type WorkerRequest = { type: 'events'; batch: EventBatch } | { type: 'chunk'; chunk: StoreChunk } | { type: 'finish' };
/** Worker → main. */
export type WorkerReply = { type: 'done'; parts: IndexParts };

const BATCH_EVENTS = 16384;

/**
 * Starts the worker from its built file next to the bundle, or from the TypeScript source
 * (development and tests) through tsx's loader, registered inside the worker.
 */
function startWorker(): Worker | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..')]) {
    const built = join(dir, 'indexWorker.js');
    if (existsSync(built)) return new Worker(pathToFileURL(built));
  }
  const source = join(here, 'indexWorker.ts');
  if (!existsSync(source)) return null;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(source).href)}); });`;
  return new Worker(boot, { eval: true });
}

/** How the index is built: in a worker thread (default) or on the calling thread. */
export type IndexMode = 'worker' | 'inline';

/** Collects event records into batches and gets them indexed with the store's chunks. */
export class IndexBuilder {
  private first = 0;
  private file = new Growable(Uint32Array, BATCH_EVENTS);
  private line = new Growable(Uint32Array, BATCH_EVENTS);
  private lines = new Growable(Uint32Array, BATCH_EVENTS);
  private messageStart = new Growable(Int32Array, BATCH_EVENTS);
  private messageLength = new Growable(Int32Array, BATCH_EVENTS);
  private readonly worker: Worker | null;
  private readonly job: IndexJob | null;
  private result: Promise<IndexParts> | null = null;
  private failure: Error | null = null;

  constructor(mode: IndexMode = 'worker') {
    const worker = mode === 'worker' ? startWorker() : null;
    this.worker = worker;
    this.job = worker ? null : new IndexJob();
    worker?.on('error', (error) => {
      this.failure ??= new Error(`index worker: ${error.message}`);
    });
  }

  /** Adds the next event's record (ids are consecutive from 0). */
  push(file: number, line: number, lines: number, messageStart: number, messageLength: number): void {
    this.file.push(file);
    this.line.push(line);
    this.lines.push(lines);
    this.messageStart.push(messageStart);
    this.messageLength.push(messageLength);
    if (this.file.length >= BATCH_EVENTS) this.flush();
  }

  /** Passes on a compressed chunk of the text store. */
  chunk(file: number, firstLine: number, lineCount: number, data: Buffer): void {
    // A copy of its own: the store keeps its buffer, and the copy's memory moves to the worker.
    const chunk: StoreChunk = { file, firstLine, lineCount, data: new Uint8Array(data) };
    if (this.job) {
      this.job.addChunk(chunk);
      return;
    }
    this.worker!.postMessage({ type: 'chunk', chunk } satisfies WorkerRequest, [chunk.data.buffer as ArrayBuffer]);
  }

  /** Indexes what is left (call after the store has flushed) and returns the finished index. */
  finish(): Promise<IndexParts> {
    if (this.result) return this.result;
    this.flush();
    if (this.job) {
      const job = this.job;
      this.result = new Promise((resolve, reject) => {
        try {
          resolve(job.finish());
        } catch (error) {
          reject(error as Error);
        }
      });
      return this.result;
    }
    const worker = this.worker!;
    this.result = new Promise<IndexParts>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      worker.once('message', (reply: WorkerReply) => {
        resolve(reply.parts);
        void worker.terminate();
      });
      worker.once('error', (error) => reject(new Error(`index worker: ${error.message}`)));
      worker.once('exit', (code) => reject(new Error(`index worker stopped (exit ${code})`)));
      worker.postMessage({ type: 'finish' } satisfies WorkerRequest);
    });
    return this.result;
  }

  /** Stops the worker (cancelled case). */
  cancel(): void {
    void this.worker?.terminate();
  }

  private flush(): void {
    if (this.file.length === 0) return;
    const batch: EventBatch = {
      first: this.first,
      file: this.file.done(),
      line: this.line.done(),
      lines: this.lines.done(),
      messageStart: this.messageStart.done(),
      messageLength: this.messageLength.done(),
    };
    this.first += batch.file.length;
    this.file = new Growable(Uint32Array, BATCH_EVENTS);
    this.line = new Growable(Uint32Array, BATCH_EVENTS);
    this.lines = new Growable(Uint32Array, BATCH_EVENTS);
    this.messageStart = new Growable(Int32Array, BATCH_EVENTS);
    this.messageLength = new Growable(Int32Array, BATCH_EVENTS);
    if (this.job) {
      this.job.addEvents(batch);
      return;
    }
    const transfer = [batch.file.buffer, batch.line.buffer, batch.lines.buffer, batch.messageStart.buffer, batch.messageLength.buffer] as ArrayBuffer[];
    this.worker!.postMessage({ type: 'events', batch } satisfies WorkerRequest, transfer);
  }
}
