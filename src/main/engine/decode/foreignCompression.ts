/**
 * Compressed formats Tarsier recognises by their first bytes but does not open (RAR, lz4, lzip,
 * .Z, lzma…; xz, bzip2, zstd and 7z are read by the walk): a file in one is named as such, with
 * the command that extracts it.
 */

/** A compressed format Tarsier recognises but does not open, and the command that opens it. */
interface ForeignFormat {
  /** How the reason names it: `xz-compressed file`, `7z archive`. */
  name: string;
  /** The usual command that extracts it. */
  command: string;
  matches(head: Uint8Array): boolean;
}

const startsWith = (head: Uint8Array, magic: readonly number[]): boolean =>
  head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** An lzma-alone header: properties byte 0x5D, a dictionary of 2^n or 2^n + 2^(n-1) bytes, a size or "unknown". */
function lzmaAlone(head: Uint8Array): boolean {
  if (head.length < 13 || head[0] !== 0x5d) return false;
  const dictionary = (head[1] | (head[2] << 8) | (head[3] << 16)) + head[4] * 2 ** 24;
  const high = 2 ** Math.floor(Math.log2(Math.max(1, dictionary)));
  if (dictionary < 4096 || (dictionary !== high && dictionary !== high + high / 2)) return false;
  const unknownSize = head.subarray(5, 13).every((b) => b === 0xff);
  return unknownSize || head[12] === 0;
}

const FOREIGN_FORMATS: readonly ForeignFormat[] = [
  // zstd's skippable frame (magic 0x184D2A50–5F) before a frame: the walk reads a zstd frame only.
  {
    name: 'zstd-compressed file',
    command: 'zstd -d',
    matches: (h) => h.length >= 4 && (h[0] & 0xf0) === 0x50 && h[1] === 0x2a && h[2] === 0x4d && h[3] === 0x18,
  },
  { name: 'RAR archive', command: 'unrar x', matches: (h) => startsWith(h, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) },
  {
    name: 'lz4-compressed file',
    command: 'lz4 -d',
    matches: (h) => startsWith(h, [0x04, 0x22, 0x4d, 0x18]) || startsWith(h, [0x02, 0x21, 0x4c, 0x18]),
  },
  { name: 'lzip-compressed file', command: 'lzip -d', matches: (h) => startsWith(h, [0x4c, 0x5a, 0x49, 0x50, 0x01]) },
  { name: 'compress (.Z) file', command: 'uncompress', matches: (h) => startsWith(h, [0x1f, 0x9d]) },
  { name: 'lzma-compressed file', command: 'xz -d', matches: lzmaAlone },
];

/**
 * Why a file that is compressed in a format Tarsier does not read is not read, naming the
 * format and what to do; `null` when the leading bytes are none of them.
 */
export function foreignCompressionReason(head: Uint8Array): string | null {
  const format = FOREIGN_FORMATS.find((f) => f.matches(head));
  return format
    ? `${format.name}: Tarsier reads gzip, xz, bzip2, zstd, zip, 7z and tar; extract it (${format.command}) and open the result`
    : null;
}
