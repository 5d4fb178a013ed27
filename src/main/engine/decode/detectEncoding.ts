/**
 * Decides how a file's bytes are text: by BOM, by the NUL pattern of BOM-less UTF-16, by UTF-8
 * validity, then GB18030 (Windows agents on Chinese systems) when the non-ASCII bytes read as
 * Chinese, and Latin-1 as the last resort. Binary content is recognised and named, and so are
 * compressed formats that Tarsier does not open (xz, bzip2, zstd, 7z, RAR…).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { EncodingName } from '../../../shared/model.ts';
import { foreignCompressionReason } from './foreignCompression.ts';

/** The verdict on a file's first bytes. */
export type EncodingVerdict =
  { binary: false; encoding: EncodingName; bomLength: number } | { binary: true; reason: string };

/** How many leading bytes detection looks at. */
export const DETECT_BYTES = 64 * 1024;

/** True when the bytes are valid UTF-8; a sequence cut by the end of a partial sample is allowed. */
function utf8Valid(bytes: Uint8Array, wholeFile: boolean): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    const end = Math.min(n, i + need + 1);
    for (let k = i + 1; k < end; k++) if ((bytes[k] & 0xc0) !== 0x80) return false;
    if (i + need >= n) return !wholeFile;
    i += need + 1;
  }
  return true;
}

/**
 * True when the non-ASCII bytes form valid GBK/GB18030 characters that look like Chinese text:
 * no invalid sequence (except one cut by the end of the sample), and most trail bytes high
 * (common hanzi are 0xA1–0xFE twice; Latin-1 accents are followed by ASCII letters instead).
 */
export function looksChinese(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let pairs = 0;
  let highTrail = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return false;
    if (i + 1 >= n) break;
    const t = bytes[i + 1];
    if (t >= 0x30 && t <= 0x39) {
      // GB18030 four-byte sequence.
      if (i + 3 >= n) break;
      if (bytes[i + 2] < 0x81 || bytes[i + 2] > 0xfe || bytes[i + 3] < 0x30 || bytes[i + 3] > 0x39) return false;
      pairs++;
      highTrail++;
      i += 4;
      continue;
    }
    if (t < 0x40 || t === 0x7f || t === 0xff) return false;
    pairs++;
    if (t >= 0x80) highTrail++;
    i += 2;
  }
  return pairs > 0 && highTrail * 2 >= pairs;
}

/**
 * Looks at the first bytes of a file (up to {@link DETECT_BYTES}); `wholeFile` says the sample
 * is the entire file (so a sequence cut at its end is an error, not a chunk boundary).
 */
export function detectEncoding(sample: Uint8Array, wholeFile: boolean): EncodingVerdict {
  // xz, bzip2, zstd, 7z… would otherwise be "binary (NUL byte at offset 5)", which says nothing useful.
  const foreign = foreignCompressionReason(sample);
  if (foreign) return { binary: true, reason: foreign };
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { binary: false, encoding: 'utf-8-bom', bomLength: 3 };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe)
    return { binary: false, encoding: 'utf-16le', bomLength: 2 };
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff)
    return { binary: false, encoding: 'utf-16be', bomLength: 2 };

  const n = Math.min(sample.length, DETECT_BYTES);
  let zeroEven = 0;
  let zeroOdd = 0;
  let control = 0;
  let firstNul = -1;
  for (let i = 0; i < n; i++) {
    const b = sample[i];
    if (b === 0) {
      if (firstNul < 0) firstNul = i;
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control++;
  }
  const half = n / 2;
  // BOM-less UTF-16: ASCII text puts a NUL in every other byte.
  if (n >= 16 && zeroOdd > half * 0.4 && zeroEven < half * 0.05)
    return { binary: false, encoding: 'utf-16le', bomLength: 0 };
  if (n >= 16 && zeroEven > half * 0.4 && zeroOdd < half * 0.05)
    return { binary: false, encoding: 'utf-16be', bomLength: 0 };
  if (firstNul >= 0) return { binary: true, reason: `binary file (NUL byte at offset ${firstNul})` };
  if (n > 0 && control / n > 0.1)
    return {
      binary: true,
      reason: `binary file (${Math.round((control / n) * 100)}% control bytes in the first ${n} bytes)`,
    };

  const head = sample.subarray(0, n);
  if (utf8Valid(head, wholeFile && n === sample.length)) {
    // Short GBK text can also be valid UTF-8 (失 = CA A7, which UTF-8 reads as U+02A7). Real UTF-8 logs rarely hold
    // U+0100–U+07FF (IPA, Greek, Cyrillic, Hebrew, Arabic); misread GBK always lands there.
    if (looksChinese(head) && /[\u0100-\u07ff]/.test(new TextDecoder('utf-8').decode(head))) {
      return { binary: false, encoding: 'gb18030', bomLength: 0 };
    }
    return { binary: false, encoding: 'utf-8', bomLength: 0 };
  }
  return { binary: false, encoding: voteByLine(head, wholeFile && n === sample.length), bomLength: 0 };
}

/**
 * The encoding most non-ASCII lines of a sample that is not all UTF-8 are in. A file can mix them
 * (a UTF-8 log with one Latin-1 line, a GBK log with a UTF-8 block): the file's encoding is the
 * one most of it is in, and the reader decodes the other lines on their own.
 */
function voteByLine(sample: Uint8Array, wholeFile: boolean): 'utf-8' | 'gb18030' | 'latin1' {
  const votes = { 'utf-8': 0, gb18030: 0, latin1: 0 };
  // Lines valid in both UTF-8 and GBK (失 = CA A7 reads as U+02A7): they side with GBK when the file has plain GBK lines.
  let either = 0;
  let start = 0;
  while (start < sample.length) {
    let end = start;
    while (end < sample.length && sample[end] !== 0x0a && sample[end] !== 0x0d) end++;
    // The last line of a partial sample may be cut inside a character: it does not vote.
    if (end === sample.length && !wholeFile && start > 0) break;
    const line = sample.subarray(start, end);
    if (!isAscii(line)) {
      if (!isUtf8(line)) votes[looksChinese(line) ? 'gb18030' : 'latin1']++;
      else if (looksChinese(line) && /[\u0100-\u07ff]/.test(new TextDecoder('utf-8').decode(line))) either++;
      else votes['utf-8']++;
    }
    start = end + 1;
  }
  // Without a plain GBK line, a valid UTF-8 line (Cyrillic, Greek…) is UTF-8 in a mixed file.
  votes[votes.gb18030 > 0 ? 'gb18030' : 'utf-8'] += either;
  if (votes['utf-8'] > votes.gb18030 && votes['utf-8'] > votes.latin1) return 'utf-8';
  return votes.gb18030 >= votes.latin1 ? 'gb18030' : 'latin1';
}

/** The WHATWG label to decode an encoding with. */
export function decoderLabel(encoding: EncodingName): string {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return 'utf-8';
    case 'latin1':
      return 'windows-1252';
    default:
      return encoding;
  }
}
