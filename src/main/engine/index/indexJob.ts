/**
 * The indexing work proper, free of threads so that it runs the same in a worker thread
 * (normally) and in-line (tests, tiny bundles). Its input is what the ingest already produced:
 * the compressed chunks of the text store and a small record per event (file, line, line
 * count, where the message sits) — so the ingest never waits for it and never copies text for
 * it. Output: tokens and ids of every event into postings, every message into the template miner.
 */
import { inflateRawSync } from 'node:zlib';
import { extractIds, idKeys } from '../../../shared/ids/extractIds.ts';
import { TemplateMiner, type MinedTemplate } from '../../../shared/patterns/templateMiner.ts';
import { forEachToken, indexKey, isIndexed, isUuid } from '../../../shared/search/tokenize.ts';
import { Growable } from './growable.ts';
import { Postings, PostingsBuilder, type PostingsData } from './postings.ts';

/** Ids live in the same postings as words, behind this prefix so that they never meet. */
export const ID_PREFIX = '\u0001';

/** Consecutive events from `first`: where each one's text is in the store. */
export interface EventBatch {
  first: number;
  /** Text-store file id. */
  file: Uint32Array;
  line: Uint32Array;
  /** Lines to index (the event's line count, capped). */
  lines: Uint32Array;
  /** Message = first line from messageStart, messageLength characters; -1: the whole line. */
  messageStart: Int32Array;
  messageLength: Int32Array;
}

/** One compressed chunk of the text store. */
export interface StoreChunk {
  file: number;
  firstLine: number;
  lineCount: number;
  data: Uint8Array;
}

/** The request ids of a case, compactly: term positions in the postings and role codes. */
export interface RequestIds {
  /** Position in `postings.terms` of each request id's key (with the id prefix). */
  term: Uint32Array;
  /** Index into `roles`, per request id. */
  role: Uint8Array;
  /** Role names; index 0 is "none". */
  roles: (string | null)[];
}

/** Everything the indexer produced. */
export interface IndexParts {
  postings: PostingsData;
  /** Template id of each event. */
  templateOf: Uint32Array;
  templates: MinedTemplate[];
  /** Request ids (other kinds are classified again from the text when needed). */
  requests: RequestIds;
  stats: { events: number; terms: number; postings: number; chars: number };
}

interface FileChunks {
  starts: number[];
  chunks: Map<number, { lineCount: number; data: Uint8Array | null; lines: string[] | null }>;
}

/** Indexes events as their chunks and records arrive, in event order. */
export class IndexJob {
  private readonly postings = new PostingsBuilder();
  private readonly miner = new TemplateMiner();
  private readonly templateOf = new Growable(Uint32Array, 1 << 16);
  /** Request id key → role code. */
  private readonly requests = new Map<string, number>();
  private readonly roles: (string | null)[] = [null];
  private readonly batches: EventBatch[] = [];
  private at = 0;
  private readonly files = new Map<number, FileChunks>();
  private currentFile = -1;
  private events = 0;
  private chars = 0;

  /** Queues event records. */
  addEvents(batch: EventBatch): void {
    this.batches.push(batch);
  }

  /** Stores a chunk (chunks may arrive out of order). */
  addChunk(chunk: StoreChunk): void {
    // Store file ids rise in reading order; a late chunk of a finished file holds only lines
    // past the indexed part of its last (very long) event.
    if (chunk.file < this.currentFile) return;
    let f = this.files.get(chunk.file);
    if (!f) {
      f = { starts: [], chunks: new Map() };
      this.files.set(chunk.file, f);
    }
    let i = f.starts.length;
    while (i > 0 && f.starts[i - 1] > chunk.firstLine) i--;
    f.starts.splice(i, 0, chunk.firstLine);
    f.chunks.set(chunk.firstLine, { lineCount: chunk.lineCount, data: chunk.data, lines: null });
  }

  /** Indexes every queued event whose lines have arrived; returns how many. */
  process(): number {
    let done = 0;
    while (this.batches.length > 0) {
      const batch = this.batches[0];
      for (; this.at < batch.file.length; this.at++) {
        const i = this.at;
        const text = this.linesOf(batch.file[i], batch.line[i], batch.lines[i]);
        if (text === null) return done;
        const start = batch.messageStart[i];
        const first = text[0] ?? '';
        const message = start < 0 ? first : first.substr(start, batch.messageLength[i]);
        this.index(batch.first + i, text.length === 1 ? first : text.join('\n'), message);
        done++;
      }
      this.batches.shift();
      this.at = 0;
    }
    return done;
  }

  /** Events queued but not yet indexed (their chunks have not arrived). */
  get waiting(): number {
    return this.batches.reduce((n, b) => n + b.file.length, 0) - this.at;
  }

  private linesOf(file: number, line: number, count: number): string[] | null {
    if (file !== this.currentFile) {
      // Files are read one after another: the previous one's chunks are no longer needed.
      this.files.delete(this.currentFile);
      this.currentFile = file;
    }
    const f = this.files.get(file);
    if (!f) return null;
    const out: string[] = [];
    let l = line;
    const last = line + count - 1;
    while (l <= last) {
      let i = f.starts.length - 1;
      while (i >= 0 && f.starts[i] > l) i--;
      if (i < 0) return null;
      const start = f.starts[i];
      const chunk = f.chunks.get(start)!;
      if (l >= start + chunk.lineCount) return null;
      chunk.lines ??= inflateRawSync(chunk.data!).toString('utf8').split('\n');
      chunk.data = null;
      const end = Math.min(last, start + chunk.lineCount - 1);
      for (; l <= end; l++) out.push(chunk.lines[l - start]);
      // Chunks wholly before this event are done with.
      while (f.starts.length > 0 && f.starts[0] + f.chunks.get(f.starts[0])!.lineCount <= line) f.chunks.delete(f.starts.shift()!);
    }
    return out;
  }

  private index(id: number, text: string, message: string): void {
    this.chars += text.length;
    // UUID tokens go to the id postings (with the ids found below): one list per UUID, not two.
    forEachToken(text.toLowerCase(), (token) => {
      if (isUuid(token)) this.postings.add(ID_PREFIX + token, id);
      else if (isIndexed(token)) this.postings.add(indexKey(token), id);
    });
    for (const found of extractIds(text)) {
      const keys = idKeys(found);
      for (const key of keys) this.postings.add(ID_PREFIX + key, id);
      if (found.kind === 'request' && !this.requests.has(keys[0])) {
        let role = this.roles.indexOf(found.role);
        if (role < 0) role = this.roles.push(found.role) - 1;
        this.requests.set(keys[0], role);
      }
    }
    this.templateOf.push(this.miner.add(message));
    this.events++;
  }

  finish(): IndexParts {
    this.process();
    if (this.waiting > 0) throw new Error(`indexer: ${this.waiting} events never got their text (chunks missing)`);
    const postings = this.postings.finish();
    const read = new Postings(postings);
    const term = new Uint32Array(this.requests.size);
    const role = new Uint8Array(this.requests.size);
    let k = 0;
    for (const [key, code] of this.requests) {
      term[k] = read.termId(ID_PREFIX + key)!;
      role[k++] = code;
    }
    this.requests.clear();
    return {
      postings,
      templateOf: this.templateOf.done(),
      templates: this.miner.templates(),
      requests: { term, role, roles: this.roles },
      stats: { events: this.events, terms: postings.terms.length, postings: this.postings.postings, chars: this.chars },
    };
  }
}
