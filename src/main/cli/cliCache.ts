/** Where the CLI keeps its index cache: the data folder's `index-cache/` (as `serve` and the app do). */
import { join } from 'node:path';
import { dataDir } from '../engine/dataDir.ts';

/** The index cache folder of the CLI. */
export function cliCacheDir(): string {
  return join(dataDir(), 'index-cache');
}
