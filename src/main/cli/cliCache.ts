/**
 * Where the CLI keeps its index cache and finds the user's formats: the data folder's
 * `index-cache/` and `formats/` (as `serve` and the app do), or a formats folder given.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { securePrivateDir } from '../engine/platform/dataDir.ts';
import { loadUserFormats, userFormatsDir } from '../engine/platform/userFormats.ts';

/** The index cache folder of the CLI, in the data folder (made private to the user first). */
export function cliCacheDir(): string {
  return join(securePrivateDir(), 'index-cache');
}

/**
 * The user's formats folder: `given` (`--formats DIR`, which must be a folder), else the data
 * folder's `formats/`. Formats in it that do not load are told on stderr and left out: a broken
 * format must not stop a read. A wrong `--formats` is an error, told before any read.
 */
export function cliFormatsDir(
  command: string,
  given: string | undefined,
): { ok: true; dir: string } | { ok: false; error: string } {
  let dir: string;
  if (given === undefined) dir = userFormatsDir(securePrivateDir());
  else {
    dir = resolve(given);
    let folder: boolean;
    try {
      folder = statSync(dir).isDirectory();
    } catch {
      return { ok: false, error: `--formats ${given}: no such folder` };
    }
    if (!folder) return { ok: false, error: `--formats ${given}: not a folder` };
  }
  for (const problem of loadUserFormats(dir).problems)
    process.stderr.write(`tarsier ${command}: ${problem}; left out\n`);
  return { ok: true, dir };
}
