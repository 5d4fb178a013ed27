/**
 * Reads a case's text back from its spool files (ingest/spoolWriter.ts): every segment knows
 * the byte offset of each of its lines, so a line range is one read of the bytes between two
 * offsets. Reads go through a few cached windows of the files, so that walking events in order
 * (search verification, a rule over its candidates, a page of the file viewer) reads each part
 * of a spool once. The files stay open while the case is.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

/** Where one segment's text is. */
export interface SpoolSegment {
  spool: number;
  textStart: number;
  /** Byte offset of each line from `textStart`; one more entry marks the end. */
  lineOffsets: Float64Array;
}

const WINDOW_BYTES = 256 * 1024;
const WINDOWS = 16;

interface Window {
  spool: number;
  start: number;
  end: number;
  bytes: Buffer;
}

/** Line access to the spooled text of a case. */
export class SpoolStore {
  private fds: (number | null)[];
  private windows: Window[] = [];

  /**
   * `files` are the spool file names in `dir`, by writer number; `segments` say where each
   * segment's lines are (the store's file ids are segment numbers).
   */
  constructor(
    readonly dir: string,
    readonly files: readonly string[],
    readonly segments: readonly SpoolSegment[],
    /** Bytes read at once, and kept for reuse (tests make it small to cross many windows). */
    private readonly windowBytes = WINDOW_BYTES,
  ) {
    // Opened now: a file deleted later (another process's cache eviction) stays readable here.
    this.fds = files.map((name) => {
      try {
        return openSync(join(dir, name), 'r');
      } catch {
        return null;
      }
    });
  }

  /** Lines stored for a segment. */
  lineCount(segment: number): number {
    return this.segments[segment].lineOffsets.length - 1;
  }

  /** Bytes of text of all segments. */
  get bytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.lineOffsets[s.lineOffsets.length - 1];
    return n;
  }

  /** Lines `from` … `from + count - 1` (1-based) of a segment, fewer at its end. */
  readLines(segment: number, from: number, count: number): string[] {
    const text = this.readText(segment, from, count);
    return text === null ? [] : text.split('\n');
  }

  /**
   * Lines `from` … `from + count - 1` of a segment joined by '\n' (what an event's text is), or
   * null when the range is empty.
   */
  readText(segment: number, from: number, count: number): string | null {
    const s = this.segments[segment];
    if (!s) return null;
    const lines = s.lineOffsets.length - 1;
    const first = Math.max(1, from);
    const last = Math.min(from + count - 1, lines);
    if (last < first) return null;
    const start = s.textStart + s.lineOffsets[first - 1];
    // The last line's '\n' is left out.
    const end = s.textStart + s.lineOffsets[last] - 1;
    return this.read(s.spool, start, end);
  }

  /** Closes the spool files (the case is closed); reading opens them again. */
  close(): void {
    for (const [i, fd] of this.fds.entries()) {
      if (fd !== null) closeSync(fd);
      this.fds[i] = null;
    }
    this.windows = [];
  }

  private fd(spool: number): number {
    let fd = this.fds[spool];
    if (fd === null || fd === undefined) {
      fd = openSync(join(this.dir, this.files[spool]), 'r');
      this.fds[spool] = fd;
    }
    return fd;
  }

  private read(spool: number, start: number, end: number): string {
    if (end <= start) return '';
    for (let i = 0; i < this.windows.length; i++) {
      const w = this.windows[i];
      if (w.spool === spool && start >= w.start && end <= w.end) {
        if (i > 0) {
          this.windows.splice(i, 1);
          this.windows.unshift(w);
        }
        return w.bytes.toString('utf8', start - w.start, end - w.start);
      }
    }
    const length = Math.max(end - start, this.windowBytes);
    const bytes = Buffer.allocUnsafe(length);
    let got = 0;
    const fd = this.fd(spool);
    while (got < length) {
      const n = readSync(fd, bytes, got, length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    if (got < end - start)
      throw new Error(`spool ${this.files[spool]}: ${end - start} bytes wanted at ${start}, ${got} there`);
    const window = { spool, start, end: start + got, bytes };
    // A huge event is read for itself, not kept.
    if (length <= this.windowBytes * 4) {
      this.windows.unshift(window);
      if (this.windows.length > WINDOWS) this.windows.pop();
    }
    return bytes.toString('utf8', 0, end - start);
  }
}
