/** Recognises containers by their first bytes (never by name alone). */

/** What an entry's leading bytes say it is. */
export type ContainerKind = 'gzip' | 'zip' | 'tar' | 'none';

/** Bytes needed to recognise every container (the tar magic sits at offset 257). */
export const SNIFF_BYTES = 512;

/** Classifies leading bytes. */
export function sniffContainer(head: Uint8Array): ContainerKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
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
