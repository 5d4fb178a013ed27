/**
 * Where Tarsier keeps data of its own between runs (the index cache) when no Electron app is
 * there to say (`tarsier serve`): `$TARSIER_DATA_DIR` when set, else the platform's usual
 * per-user data folder. Never a folder next to a bundle.
 */
import { homedir } from 'node:os';
import { isAbsolute, posix, resolve, win32 } from 'node:path';

/** The per-user data folder of Tarsier (not created here). */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.TARSIER_DATA_DIR) return resolve(env.TARSIER_DATA_DIR);
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'Tarsier');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Tarsier');
  // XDG: a relative XDG_DATA_HOME is invalid and ignored.
  const xdg = env.XDG_DATA_HOME;
  return posix.join(xdg && isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share'), 'tarsier');
}
