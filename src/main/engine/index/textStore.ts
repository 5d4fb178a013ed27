/**
 * Every line of every file, kept compressed in memory: lines are grouped into chunks of about
 * 256 Ki characters, each deflated on libuv's thread pool (off the ingest thread). Reading a
 * line range inflates only the chunks it touches; recently read chunks stay inflated. Logs
 * compress five- to tenfold, so a 1 GB bundle costs ~100-200 MB here and the bundle is never
 * re-read or extracted to disk.
 */
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';

interface Chunk {
  firstLine: number;
  lineCount: number;
  /** Deflated UTF-8 of the lines joined by '\n'; null while compression is under way. */
  data: Buffer | null;
  /** The lines, until `data` is ready. */
  raw: string[] | null;
}

interface StoredFile {
  id: number;
  chunks: Chunk[];
  lines: number;
  open: string[];
  openChars: number;
}

/**
 * The closed chunks of a store, as plain data: what the index cache (indexCache.ts) writes to
 * disk and reads back. Chunk `data` is the deflated text, shared with the store (not copied).
 */
export interface TextStoreSnapshot {
  files: { lines: number; chunks: { firstLine: number; lineCount: number; data: Buffer }[] }[];
  compressedBytes: number;
  rawChars: number;
}

/** Options of {@link TextStore}. */
export interface TextStoreOptions {
  /** Called with each chunk once compressed (the indexer reads its text from these copies). */
  onChunk?: (file: number, firstLine: number, lineCount: number, data: Buffer) => void;
  /** Characters per chunk before it is closed and compressed. */
  chunkChars?: number;
  /** Inflated chunks kept for reuse. */
  cacheChunks?: number;
}

/** Compressed line storage for the files of one case. */
export class TextStore {
  private readonly files: StoredFile[] = [];
  private readonly chunkChars: number;
  private readonly cacheSize: number;
  private readonly onChunk: TextStoreOptions['onChunk'];
  private readonly cache = new Map<Chunk, string[]>();
  private pending = 0;
  private pendingChars = 0;
  private waiters: (() => void)[] = [];
  compressedBytes = 0;
  rawChars = 0;

  constructor(options: TextStoreOptions = {}) {
    this.chunkChars = options.chunkChars ?? 256 * 1024;
    this.cacheSize = options.cacheChunks ?? 64;
    this.onChunk = options.onChunk;
  }

  /**
   * Every file's compressed chunks (for the index cache). Only a finished store has one: throws
   * while a chunk is being compressed or a file still has lines in its open chunk.
   */
  snapshot(): TextStoreSnapshot {
    if (this.pending > 0) throw new Error('text store: chunks are still being compressed');
    const files = this.files.map((f) => {
      if (f.open.length > 0) throw new Error(`text store: file ${f.id} is not ended`);
      return { lines: f.lines, chunks: f.chunks.map((c) => ({ firstLine: c.firstLine, lineCount: c.lineCount, data: c.data! })) };
    });
    return { files, compressedBytes: this.compressedBytes, rawChars: this.rawChars };
  }

  /** A finished store holding the chunks of a {@link TextStore.snapshot} (no `onChunk` calls). */
  static fromSnapshot(snapshot: TextStoreSnapshot, options: Omit<TextStoreOptions, 'onChunk'> = {}): TextStore {
    const store = new TextStore(options);
    for (const f of snapshot.files) {
      const chunks = f.chunks.map((c) => ({ firstLine: c.firstLine, lineCount: c.lineCount, data: c.data, raw: null }));
      store.files.push({ id: store.files.length, chunks, lines: f.lines, open: [], openChars: 0 });
    }
    store.compressedBytes = snapshot.compressedBytes;
    store.rawChars = snapshot.rawChars;
    return store;
  }

  /** Starts a new file; returns its store id (0, 1, 2… in call order). */
  beginFile(): number {
    this.files.push({ id: this.files.length, chunks: [], lines: 0, open: [], openChars: 0 });
    return this.files.length - 1;
  }

  /** Appends the next line of `file`. */
  addLine(file: number, line: string): void {
    const f = this.files[file];
    f.open.push(line);
    f.openChars += line.length + 1;
    if (f.openChars >= this.chunkChars) this.closeChunk(f);
  }

  /** Closes the last chunk of `file`. */
  endFile(file: number): void {
    const f = this.files[file];
    if (f.open.length > 0) this.closeChunk(f);
  }

  /** Number of files begun. */
  get fileCount(): number {
    return this.files.length;
  }

  /** Lines stored for `file`. */
  lineCount(file: number): number {
    const f = this.files[file];
    return f.lines + f.open.length;
  }

  /** Characters waiting for compression (the ingest slows down when this grows). */
  get backlogChars(): number {
    return this.pendingChars;
  }

  /** Resolves when every closed chunk is compressed. */
  flushed(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Lines `from` … `from + count - 1` (1-based) of `file`, fewer at the end of the file.
   * Works on open and closed chunks alike.
   */
  readLines(file: number, from: number, count: number): string[] {
    const f = this.files[file];
    const out: string[] = [];
    if (!f || count <= 0) return out;
    let line = Math.max(1, from);
    const last = Math.min(from + count - 1, f.lines + f.open.length);
    let c = this.chunkIndex(f, line);
    while (line <= last) {
      if (c >= f.chunks.length) {
        // The rest is in the open (not yet closed) chunk.
        const base = f.lines + 1;
        for (; line <= last; line++) out.push(f.open[line - base]);
        break;
      }
      const chunk = f.chunks[c];
      const lines = this.linesOf(chunk);
      const end = Math.min(last, chunk.firstLine + chunk.lineCount - 1);
      for (; line <= end; line++) out.push(lines[line - chunk.firstLine]);
      c++;
    }
    return out;
  }

  private chunkIndex(f: StoredFile, line: number): number {
    let lo = 0;
    let hi = f.chunks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = f.chunks[mid];
      if (line < chunk.firstLine) hi = mid - 1;
      else if (line >= chunk.firstLine + chunk.lineCount) lo = mid + 1;
      else return mid;
    }
    return lo;
  }

  private linesOf(chunk: Chunk): string[] {
    if (chunk.raw) return chunk.raw;
    const hit = this.cache.get(chunk);
    if (hit) {
      this.cache.delete(chunk);
      this.cache.set(chunk, hit);
      return hit;
    }
    const lines = inflateRawSync(chunk.data!).toString('utf8').split('\n');
    this.cache.set(chunk, lines);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return lines;
  }

  private closeChunk(f: StoredFile): void {
    const chunk: Chunk = { firstLine: f.lines + 1, lineCount: f.open.length, data: null, raw: f.open };
    const chars = f.openChars;
    f.chunks.push(chunk);
    f.lines += f.open.length;
    f.open = [];
    f.openChars = 0;
    this.pending++;
    this.pendingChars += chars;
    this.rawChars += chars;
    const text = Buffer.from(chunk.raw!.join('\n'), 'utf8');
    deflateRaw(text, { level: 1 }, (error, compressed) => {
      this.pending--;
      this.pendingChars -= chars;
      // An asynchronous failure (out of memory in the pool) gets one synchronous retry.
      const data = error ? deflateRawSync(text, { level: 1 }) : compressed;
      chunk.data = data;
      chunk.raw = null;
      this.compressedBytes += data.length;
      this.onChunk?.(f.id, chunk.firstLine, chunk.lineCount, data);
      if (this.pending === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    });
  }
}
