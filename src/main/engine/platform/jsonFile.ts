/**
 * Writes a JSON file of Tarsier's data folder whole or not at all: to a temp file of its own,
 * then renamed over the target, private to the user (0600 in a 0700 folder); reads one back,
 * saying why it does not load.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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

/** Why a JSON file did not load: `not valid JSON: …` or `could not be read: …`. */
export function jsonFileProblem(error: unknown): string {
  const why = error instanceof SyntaxError ? 'not valid JSON' : 'could not be read';
  return `${why}: ${(error as Error).message}`;
}

/** The parsed content of a JSON file, or why it does not load ({@link jsonFileProblem}). */
export async function readJsonFile(
  path: string,
): Promise<{ ok: true; value: unknown } | { ok: false; problem: string }> {
  try {
    return { ok: true, value: JSON.parse(await readFile(path, 'utf8')) as unknown };
  } catch (error) {
    return { ok: false, problem: jsonFileProblem(error) };
  }
}
