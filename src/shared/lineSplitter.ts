/**
 * Splits streamed text into lines. Chunk boundaries may fall anywhere (inside `\r\n`, inside
 * a line); `\n` and `\r\n` end a line; a final line without a newline is still a line. A line
 * longer than the limit keeps its first `maxLineChars` characters and is reported as cut, so
 * a 100 MB single line never sits in memory.
 */

/** Receives each complete line (terminator removed) and whether it was cut to the limit. */
export type LineHandler = (line: string, cut: boolean) => void;

/** Default line limit: 64 Ki characters. */
export const DEFAULT_MAX_LINE_CHARS = 65_536;

/** Incremental line splitter; see the module comment. */
export class LineSplitter {
  private pending = '';
  private cut = false;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS,
  ) {}

  /** Feeds the next chunk of decoded text. */
  push(chunk: string): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      this.append(chunk, start, nl);
      this.emit();
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length);
  }

  /** Flushes the last line if the text did not end with a newline. */
  end(): void {
    if (this.pending.length > 0 || this.cut) this.emit();
  }

  private append(chunk: string, from: number, to: number): void {
    if (this.cut) {
      // Keep a trailing \r visible so that "\r\n" split across chunks is still stripped.
      if (to > from && chunk.charCodeAt(to - 1) === 13) this.pending = this.pending.slice(0, this.maxLineChars) + '\r';
      return;
    }
    const room = this.maxLineChars + 1 - this.pending.length;
    if (to - from <= room) {
      this.pending = this.pending.length === 0 && from === 0 && to === chunk.length ? chunk : this.pending + chunk.slice(from, to);
    } else {
      this.pending += chunk.slice(from, from + room);
      this.cut = true;
      if (chunk.charCodeAt(to - 1) === 13) this.pending = this.pending.slice(0, this.maxLineChars) + '\r';
    }
  }

  private emit(): void {
    let line = this.pending;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    let cut = this.cut;
    if (line.length > this.maxLineChars) {
      line = line.slice(0, this.maxLineChars);
      cut = true;
    }
    this.pending = '';
    this.cut = false;
    this.onLine(line, cut);
  }
}
