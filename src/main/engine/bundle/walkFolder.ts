/**
 * Walks a folder bundle: entries in name order, symbolic links listed and never followed, and
 * only regular files opened (a FIFO, socket or device is named and refused, never read); every
 * file then goes through the same walk as an archive member.
 */
import { constants as fsConstants, type Stats } from 'node:fs';
import { lstat, open, opendir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { EpochMs } from '../../../shared/model.ts';
import { readableSource, type ByteSource } from './byteSource.ts';
import { mtimeOf } from './entryMeta.ts';
import { admit, checkAbort, halted, visitEntry, type WalkContext } from './walkBundle.ts';

/** What a non-regular file is, for the reason it is not read. */
export function specialFileKind(stat: Stats): string {
  if (stat.isFIFO()) return 'FIFO (named pipe)';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isSymbolicLink()) return 'symbolic link';
  if (stat.isDirectory()) return 'folder';
  return 'special file';
}

/**
 * Opens a file for reading only if it is a regular file, without ever blocking: opening a FIFO
 * for reading waits for a writer for ever, and a device can stream without end. The open does
 * not follow a symbolic link and does not wait; what was opened is then checked, so that a file
 * swapped for a FIFO or a link after it was listed is refused too. `expected` is the listing's
 * lstat: the opened file must be that one.
 */
export async function openRegularFile(
  path: string,
  expected?: Stats,
): Promise<{ ok: true; source: ByteSource } | { ok: false; reason: string }> {
  const flags = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOFOLLOW ?? 0);
  let handle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // O_NOFOLLOW on a link: ELOOP (Linux), EMLINK (FreeBSD).
    if (code === 'ELOOP' || code === 'EMLINK') return { ok: false, reason: 'symbolic link not followed' };
    return { ok: false, reason: `cannot read: ${code ?? (error as Error).message}` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return { ok: false, reason: `${specialFileKind(stat)}: not a regular file; not read` };
    }
    if (expected && (stat.ino !== expected.ino || stat.dev !== expected.dev)) {
      await handle.close();
      return { ok: false, reason: 'file replaced while the bundle was being read; not read' };
    }
  } catch (error) {
    await handle.close().catch(() => {});
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  return { ok: true, source: readableSource(handle.createReadStream(), 'destroy') };
}

/** Walks a folder; symbolic links are listed, never followed, and only regular files are opened. */
export async function walkFolder(root: string, context: WalkContext): Promise<void> {
  const visit = async (dir: string): Promise<void> => {
    let handle;
    try {
      handle = await opendir(dir);
    } catch (error) {
      context.skip(
        relative(root, dir).split(sep).join('/') || '.',
        `cannot list folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return;
    }
    const names: string[] = [];
    for await (const dirent of handle) names.push(dirent.name);
    names.sort();
    for (const name of names) {
      checkAbort(context);
      if (halted(context)) return;
      const full = join(dir, name);
      const rel = relative(root, full).split(sep).join('/');
      let stat;
      try {
        stat = await lstat(full);
      } catch (error) {
        context.skip(rel, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        continue;
      }
      if (stat.isDirectory()) {
        await visit(full);
        continue;
      }
      if (!admit(rel, context)) continue;
      if (stat.isSymbolicLink()) {
        context.skip(rel, 'symbolic link not followed');
        continue;
      }
      if (!stat.isFile()) {
        context.skip(rel, `${specialFileKind(stat)}: not a regular file; not read`);
        continue;
      }
      const opened = await openRegularFile(full, stat);
      if (!opened.ok) {
        context.skip(rel, opened.reason);
        continue;
      }
      const meta = { size: null, mtime: mtimeOf(stat.mtime) as EpochMs | null };
      await visitEntry(rel, opened.source, meta, context, 0);
    }
  };
  await visit(root);
}
