/** Recognises containers by their first bytes (never by name alone). */

/** What an entry's leading bytes say it is. */
export type ContainerKind = 'gzip' | 'xz' | 'bzip2' | 'zstd' | 'zip' | '7z' | 'tar' | 'none';

const startsWith = (head: Uint8Array, magic: readonly number[]): boolean =>
  head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** Bytes needed to recognise every container (the tar magic sits at offset 257). */
export const SNIFF_BYTES = 512;

/** Classifies leading bytes. */
export function sniffContainer(head: Uint8Array): ContainerKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  // "BZh" + block size, then the block magic (pi) or the end-of-stream magic (sqrt pi) of an empty stream.
  if (
    startsWith(head, [0x42, 0x5a, 0x68]) &&
    head[3] >= 0x31 &&
    head[3] <= 0x39 &&
    (startsWith(head.subarray(4), [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) ||
      startsWith(head.subarray(4), [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]))
  ) {
    return 'bzip2';
  }
  // A zstd frame (a skippable frame before one is not read: fzstd does not skip it).
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  // Local file header, or the end-of-central-directory record of an empty archive.
  if (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
  ) {
    return 'zip';
  }
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'tar';
  // Old (v7) tar has no magic: accept a header whose checksum is right.
  if (head.length >= 512 && tarChecksumValid(head)) return 'tar';
  return 'none';
}

function tarChecksumValid(block: Uint8Array): boolean {
  const field = String.fromCharCode(...block.subarray(148, 156))
    .replace(/[\0 ]+$/g, '')
    .trim();
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  // A block of spaces and NULs would also add up; require a name.
  return sum === parseInt(field, 8) && block[0] !== 0;
}

/**
 * Why an archive member name must not be used, or `null` when it is safe. Names are never
 * used to write files, but a bundle that carries such names is suspicious and the member is
 * listed as skipped rather than read.
 */
export function unsafeNameReason(name: string): string | null {
  const posix = name.replace(/\\/g, '/');
  if (posix.startsWith('/') || /^[A-Za-z]:/.test(posix)) return `absolute path "${name}" in archive (not read)`;
  if (posix.split('/').includes('..')) return `path "${name}" climbs out of the archive with ".." (not read)`;
  if (name.includes('\0')) return `path contains a NUL byte (not read)`;
  return null;
}
