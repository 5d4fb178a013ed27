/**
 * Writes a JSON file of Tarsier's data folder whole or not at all: to a temp file of its own,
 * then renamed over the target, private to the user (0600 in a 0700 folder).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Replaces `target` with `value` as JSON; a crash leaves the old file or the new one, never half. */
export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  // A name of its own per write: two processes (two windows) never share a temp file.
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
