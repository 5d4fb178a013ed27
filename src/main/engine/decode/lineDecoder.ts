/**
 * Turns a file's bytes into text in the file's encoding, line by line where the file is mixed.
 * A Windows agent log in GBK can hold a UTF-8 block (a message relayed from a Linux host), and a
 * UTF-8 log can hold one Latin-1 line (a Western user name): decoding the whole file one way
 * turns those lines into mojibake (`café` → `caf茅`) with no sign of it. Here the bytes are cut at
 * line ends, and a block that is plainly in the file's encoding (all UTF-8 for a UTF-8 file, all
 * ASCII for the others) is decoded in one call; only a block that is not is looked at line by
 * line, and each of its lines is decoded in the encoding it is valid in. The handler learns which
 * text came from another encoding, so that the file can say so.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { EncodingName } from '../../../shared/model.ts';
import { decoderLabel, detectEncoding, looksChinese } from './detectEncoding.ts';

/** The encodings a line can be decoded in on its own. */
export type LineEncoding = 'utf-8' | 'gb18030' | 'latin1';

/** Lines of a piece of text that were decoded in another encoding than the file's. */
export interface OtherLines {
  encoding: LineEncoding;
  /** How many lines of the piece were (the ASCII lines between them are not counted). */
  count: number;
  /** 0-based positions of the first few of them among the piece's lines. */
  first: number[];
}

/** Receives decoded text in file order; `other` is set when the text is in another encoding than the file's. */
export type TextHandler = (text: string, other: OtherLines | null) => void;

/** A line longer than this (in bytes) is decoded in pieces, in the file's encoding, without a per-line look. */
const MAX_CARRY_BYTES = 64 * 1024;
/** Line positions kept per piece for the file's note. */
const FIRST_KEPT = 3;
const LF = 0x0a;
const CR = 0x0d;

const lineEncodingOf = (encoding: EncodingName): LineEncoding | null =>
  encoding === 'utf-8' || encoding === 'utf-8-bom'
    ? 'utf-8'
    : encoding === 'gb18030' || encoding === 'latin1'
      ? encoding
      : null;

function firstLineEnd(bytes: Uint8Array): number {
  const lf = bytes.indexOf(LF);
  const cr = (lf < 0 ? bytes : bytes.subarray(0, lf)).indexOf(CR);
  return cr >= 0 ? cr : lf;
}

function lastLineEnd(bytes: Uint8Array): number {
  const lf = bytes.lastIndexOf(LF);
  const cr = bytes.subarray(lf + 1).lastIndexOf(CR);
  return cr >= 0 ? lf + 1 + cr : lf;
}

/**
 * The lines of `bytes` that are valid UTF-8 and not ASCII, as [start, end) byte ranges (flat;
 * `end` past the line end), adjacent ones merged. A line is given up at its first invalid
 * sequence (a GBK line usually at its first Chinese character) and skipped to its end.
 */
function utf8Lines(bytes: Uint8Array): number[] {
  const found: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lineStart = i;
    let high = false;
    let valid = true;
    while (i < n) {
      const b = bytes[i];
      if (b < 0x80) {
        if (b === LF || b === CR) break;
        i++;
        continue;
      }
      high = true;
      const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
      let k = 1;
      while (k <= need && i + k < n && (bytes[i + k] & 0xc0) === 0x80) k++;
      if (need === 0 || k <= need) {
        valid = false;
        break;
      }
      i += k;
    }
    if (!valid) while (i < n && bytes[i] !== LF && bytes[i] !== CR) i++;
    if (i < n) i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
    if (valid && high) {
      if (found.length > 0 && found[found.length - 1] === lineStart) found[found.length - 1] = i;
      else found.push(lineStart, i);
    }
  }
  return found;
}

/** Incremental decoder of one file; see the module comment. */
export class LineDecoder {
  private decoder: TextDecoder;
  private readonly others = new Map<LineEncoding, TextDecoder>();
  /** Bytes of an unfinished line, waiting for its end. */
  private carry: Buffer | null = null;
  /** A line too long to carry was started in the file's decoder: the rest of it goes there too. */
  private midLine = false;

  /**
   * `encoding` is the file's; `tentative` says it is UTF-8 only because everything so far was
   * ASCII, and the first non-ASCII line decides it (a Windows agent log may turn to GBK later).
   */
  constructor(
    public encoding: EncodingName,
    private tentative: boolean,
    private readonly onText: TextHandler,
  ) {
    this.decoder = new TextDecoder(decoderLabel(encoding));
  }

  /** Feeds the next bytes of the file. */
  push(chunk: Buffer): void {
    if (lineEncodingOf(this.encoding) === null) {
      // UTF-16: its line ends are two bytes; it is never mixed with a byte encoding line by line.
      this.emitOwn(chunk);
      return;
    }
    let data = chunk;
    if (this.midLine) {
      const end = firstLineEnd(data);
      if (end < 0) {
        this.emitOwn(data);
        return;
      }
      this.emitOwn(data.subarray(0, end + 1));
      data = data.subarray(end + 1);
      this.midLine = false;
    }
    const last = lastLineEnd(data);
    if (last < 0) {
      if (data.length === 0) return;
      this.carry = this.carry ? Buffer.concat([this.carry, data]) : Buffer.from(data);
      if (this.carry.length > MAX_CARRY_BYTES) {
        this.emitOwn(this.carry);
        this.carry = null;
        this.midLine = true;
      }
      return;
    }
    let from = 0;
    if (this.carry) {
      from = firstLineEnd(data) + 1;
      this.piece(Buffer.concat([this.carry, data.subarray(0, from)]));
      this.carry = null;
    }
    if (from <= last) this.piece(data.subarray(from, last + 1));
    // Copied: the chunk's memory may belong to a larger buffer.
    if (last + 1 < data.length) this.carry = Buffer.from(data.subarray(last + 1));
  }

  /** The file ended: decodes its last line and whatever the decoder still holds. */
  end(): void {
    if (this.carry) this.piece(this.carry);
    this.carry = null;
    const rest = this.decoder.decode();
    if (rest.length > 0) this.onText(rest, null);
  }

  private emitOwn(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, { stream: true });
    if (text.length > 0) this.onText(text, null);
  }

  /** Whole lines (the last may lack its end only at the end of the file). */
  private piece(bytes: Buffer): void {
    if (this.tentative) {
      if (isAscii(bytes)) return this.emitOwn(bytes);
      this.settle(bytes);
    }
    const own = lineEncodingOf(this.encoding);
    if (own === 'utf-8' ? isUtf8(bytes) : isAscii(bytes)) return this.emitOwn(bytes);
    if (own === 'gb18030') return this.gbkPiece(bytes);
    this.byLine(bytes, own!);
  }

  /**
   * A GBK file: its lines are not UTF-8, so no cheap check of the whole piece can clear it (as
   * isUtf8 does for a UTF-8 file). One pass over the bytes finds the lines that are valid UTF-8
   * with a non-ASCII byte (cheaper than a slice and a native call per line: measured); a piece
   * without any is decoded whole, as before. A per-block check would be cheaper still, but
   * misses a UTF-8 line among GBK ones and depends on where the chunks fall.
   */
  private gbkPiece(bytes: Buffer): void {
    const found = utf8Lines(bytes);
    if (found.length === 0) return this.emitOwn(bytes);
    let from = 0;
    for (let i = 0; i < found.length; i += 2) {
      // Whole lines: from the line start before the first to the line end after the last.
      const start = found[i];
      const end = found[i + 1];
      if (start > from) this.emitOwn(bytes.subarray(from, start));
      this.byLine(bytes.subarray(start, end), 'gb18030');
      from = end;
    }
    if (from < bytes.length) this.emitOwn(bytes.subarray(from));
  }

  /** The first non-ASCII line of a file that was ASCII so far decides its encoding. */
  private settle(bytes: Buffer): void {
    this.tentative = false;
    let high = 0;
    while (bytes[high] < 0x80) high++;
    const lineStart = Math.max(bytes.lastIndexOf(LF, high), bytes.lastIndexOf(CR, high)) + 1;
    const later = detectEncoding(bytes.subarray(lineStart), false);
    if (!later.binary && (later.encoding === 'gb18030' || later.encoding === 'latin1')) {
      // Everything decoded so far was ASCII, and it ended at a line end: nothing is lost.
      this.encoding = later.encoding;
      this.decoder = new TextDecoder(decoderLabel(later.encoding));
    }
  }

  /** The encoding one line is in, or `null` for ASCII (the same in all of them). */
  private classify(line: Buffer, own: LineEncoding): LineEncoding | null {
    if (isUtf8(line)) {
      if (isAscii(line)) return null;
      // Short GBK text can be valid UTF-8 too (失 = CA A7); as in detectEncoding, misread GBK lands in U+0100–U+07FF.
      if (own === 'gb18030' && looksChinese(line) && /[\u0100-\u07ff]/.test(this.other('utf-8').decode(line)))
        return 'gb18030';
      return 'utf-8';
    }
    // A GBK file's lines that are not UTF-8 are its own; no per-line guess against it.
    if (own === 'gb18030') return 'gb18030';
    return looksChinese(line) ? 'gb18030' : 'latin1';
  }

  private other(encoding: LineEncoding): TextDecoder {
    let decoder = this.others.get(encoding);
    if (!decoder) {
      decoder = new TextDecoder(decoderLabel(encoding));
      this.others.set(encoding, decoder);
    }
    return decoder;
  }

  private byLine(bytes: Buffer, own: LineEncoding): void {
    const n = bytes.length;
    let runStart = 0;
    let run: OtherLines | null = null;
    let index = 0;
    let pos = 0;
    let lf = -2;
    let cr = -2;
    const flush = (to: number) => {
      if (to <= runStart) return;
      const slice = bytes.subarray(runStart, to);
      if (run) {
        const text = this.other(run.encoding).decode(slice);
        if (text.length > 0) this.onText(text, run);
      } else this.emitOwn(slice);
    };
    while (pos < n) {
      if (lf !== -1 && lf < pos) lf = bytes.indexOf(LF, pos);
      if (cr !== -1 && cr < pos) cr = bytes.indexOf(CR, pos);
      const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf >= 0 ? lf : n;
      const next = end >= n ? n : bytes[end] === CR && bytes[end + 1] === LF ? end + 2 : end + 1;
      const encoding = this.classify(bytes.subarray(pos, end), own);
      if (encoding !== null) {
        const current: LineEncoding = run ? run.encoding : own;
        if (encoding !== current) {
          flush(pos);
          runStart = pos;
          index = 0;
          run = encoding === own ? null : { encoding, count: 0, first: [] };
        }
        if (run) {
          run.count++;
          if (run.first.length < FIRST_KEPT) run.first.push(index);
        }
      }
      index++;
      pos = next;
    }
    flush(n);
  }
}
