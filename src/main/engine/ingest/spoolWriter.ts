/**
 * The working copy of a case's text: every line of every file, decoded to UTF-8 and joined by
 * '\n', appended to a spool file in Tarsier's own folder (never next to the bundle). Text is
 * read back from there by line offsets (index/spoolStore.ts), so no line is held in memory
 * after it was indexed: the operating system's page cache keeps what is read often.
 *
 * One writer per ingest thread; a segment (one file, or one part of a big file) is a range of
 * one spool file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const BUFFER_BYTES = 1 << 20;

/** Appends lines to one spool file through a 1 MiB buffer. */
export class SpoolWriter {
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  /** Bytes written so far (flushed or buffered): the offset of the next line. */
  position = 0;
  /** The UTF-8 bytes of the line just written are `bytes[lineStart, lineEnd)` (until the next write). */
  lineStart = 0;
  lineEnd = 0;

  /** The buffer holding the line just written. */
  get bytes(): Buffer {
    return this.buffer;
  }

  /** Creates (or truncates) the spool file at `path`, private to the user. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }

  /** Appends `line` and a '\n'; returns the line's byte offset in the file. */
  writeLine(line: string): number {
    const at = this.position;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a line that may not fit goes through a buffer of its own.
    const worst = line.length * 3 + 1;
    if (this.used + worst > this.buffer.length) {
      this.flush();
      if (worst > this.buffer.length) this.buffer = Buffer.allocUnsafe(worst);
    }
    const n = line.length === 0 ? 0 : this.buffer.write(line, this.used, 'utf8');
    this.lineStart = this.used;
    this.lineEnd = this.used + n;
    this.buffer[this.used + n] = 10;
    this.used += n + 1;
    this.position += n + 1;
    return at;
  }

  /** Writes the buffered bytes to the file; after a failed write, what was written stays written. */
  flush(): void {
    let done = 0;
    try {
      while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done);
    } finally {
      // Keep what is not written yet at the front, so that a retry does not write the rest twice.
      this.buffer.copyWithin(0, done, this.used);
      this.used -= done;
    }
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
