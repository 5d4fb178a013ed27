/**
 * Splits streamed text into lines. Chunk boundaries may fall anywhere (inside `\r\n`, inside
 * a line); `\n`, `\r\n` and a lone `\r` (old Mac files, progress output) each end a line; a
 * final line without a line end is still a line. A line longer than the limit keeps its first
 * `maxLineChars` characters and is reported as cut, so a 100 MB single line never sits in
 * memory.
 */

/** Receives each complete line (terminator removed) and whether it was cut to the limit. */
export type LineHandler = (line: string, cut: boolean) => void;

/** Default line limit: 64 Ki characters. */
export const DEFAULT_MAX_LINE_CHARS = 65_536;

const LF = 10;

/** Incremental line splitter; see the module comment. */
export class LineSplitter {
  private pending = '';
  private cut = false;
  /** The last chunk ended with `\r`: a `\n` opening the next one belongs to that line end. */
  private afterCr = false;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS,
  ) {}

  /** Feeds the next chunk of decoded text. */
  push(chunk: string): void {
    if (chunk.length === 0) return;
    let start = 0;
    if (this.afterCr) {
      this.afterCr = false;
      if (chunk.charCodeAt(0) === LF) start = 1;
    }
    // Most text has no CR at all: one search per line on that path.
    let cr = chunk.indexOf('\r', start);
    if (cr < 0) {
      for (;;) {
        const nl = chunk.indexOf('\n', start);
        if (nl < 0) break;
        this.append(chunk, start, nl);
        this.emit();
        start = nl + 1;
      }
    } else {
      let nl = chunk.indexOf('\n', start);
      for (;;) {
        if (nl >= 0 && nl < start) nl = chunk.indexOf('\n', start);
        if (cr >= 0 && cr < start) cr = chunk.indexOf('\r', start);
        if (nl < 0 && cr < 0) break;
        const end = cr < 0 || (nl >= 0 && nl < cr) ? nl : cr;
        this.append(chunk, start, end);
        this.emit();
        start = end + 1;
        if (end === cr) {
          if (start === chunk.length) this.afterCr = true;
          else if (chunk.charCodeAt(start) === LF) start++;
        }
      }
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length);
  }

  /** Flushes the last line if the text did not end with a line end. */
  end(): void {
    if (this.pending.length > 0 || this.cut) this.emit();
    this.afterCr = false;
  }

  private append(chunk: string, from: number, to: number): void {
    if (this.cut || to === from) return;
    const room = this.maxLineChars - this.pending.length;
    if (to - from <= room) {
      this.pending =
        this.pending.length === 0 && from === 0 && to === chunk.length ? chunk : this.pending + chunk.slice(from, to);
    } else {
      this.pending += chunk.slice(from, from + room);
      this.cut = true;
    }
  }

  private emit(): void {
    const line = this.pending;
    const cut = this.cut;
    this.pending = '';
    this.cut = false;
    this.onLine(line, cut);
  }
}
