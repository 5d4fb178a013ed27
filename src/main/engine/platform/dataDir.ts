/**
 * Where Tarsier keeps data of its own between runs (the index cache) when no Electron app is
 * there to say (`tarsier serve`): `$TARSIER_DATA_DIR` when set, else the platform's usual
 * per-user data folder. Never a folder next to a bundle. Private to the user: folders 0700,
 * files 0600 (see {@link securePrivateDir}).
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, posix, resolve, win32 } from 'node:path';

/** The per-user data folder of Tarsier (not created here). */
export function dataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.TARSIER_DATA_DIR) return resolve(env.TARSIER_DATA_DIR);
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'Tarsier');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Tarsier');
  // XDG: a relative XDG_DATA_HOME is invalid and ignored.
  const xdg = env.XDG_DATA_HOME;
  return posix.join(xdg && isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share'), 'tarsier');
}

/** The sub-folders Tarsier writes in its data folder (the cache holds bundles' text, cases and the library notes, uploads bundles). */
const PRIVATE_CHILDREN = ['index-cache', 'cases', 'library', 'tmp', 'uploads'];

/**
 * Makes the data folder (created if missing) readable by its owner only (0700), and the
 * folders Tarsier keeps in it: an older version made them 0755, while they hold the text of
 * bundles that may be 0600. Returns the folder. Never fails a run: a folder that cannot be
 * changed (another owner, a read-only mount) is left as it is.
 */
export function securePrivateDir(dir: string = dataDir()): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return dir;
  }
  for (const folder of [dir, ...PRIVATE_CHILDREN.map((name) => join(dir, name))]) {
    try {
      const info = statSync(folder);
      if (info.isDirectory() && (info.mode & 0o077) !== 0) chmodSync(folder, info.mode & 0o700);
    } catch {
      // Missing (made 0700 when needed) or not ours to change.
    }
  }
  return dir;
}
