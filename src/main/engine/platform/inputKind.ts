/**
 * What kind of thing an input path is, asked with stat() only: stat never opens the path, so a
 * FIFO (whose open() waits for a writer, for ever, holding one of libuv's four I/O threads), a
 * device or a socket is refused before anything tries to read it. A bundle is a regular file or
 * a folder; anything else is named in the refusal.
 */
import type { BigIntStats, Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** The name of a kind of file that is not a regular file or a folder, or null when it is one of those. */
export function unreadableKindOf(info: Stats | BigIntStats): string | null {
  if (info.isFile() || info.isDirectory()) return null;
  if (info.isFIFO()) return 'FIFO (named pipe)';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  return 'special file';
}

/**
 * The first input that exists but is not a regular file or a folder, as
 * `"<path>: FIFO (named pipe), not a regular file"`, or null. A path that cannot be stat'ed is
 * left to the read, which says why (no such file, permission).
 */
export async function checkInputKinds(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    let info: Stats;
    try {
      info = await stat(resolve(path));
    } catch {
      continue;
    }
    const kind = unreadableKindOf(info);
    if (kind) return `${path}: ${kind}, not a regular file`;
  }
  return null;
}
