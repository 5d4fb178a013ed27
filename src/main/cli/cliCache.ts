/** Where the CLI keeps its index cache: the data folder's `index-cache/` (as `serve` and the app do). */
import { join } from 'node:path';
import { securePrivateDir } from '../engine/platform/dataDir.ts';

/** The index cache folder of the CLI, in the data folder (made private to the user first). */
export function cliCacheDir(): string {
  return join(securePrivateDir(), 'index-cache');
}
