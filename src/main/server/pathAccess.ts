/**
 * Which paths `tarsier serve` may open for a browser: the bundles given on its command line,
 * the files uploaded to it, and anything under a folder the user allowed with `--allow DIR`.
 * Everything else — `/etc/shadow`, another user's home, a path typed by whoever holds the
 * token — is refused before the engine reads a byte of it (and so before its text could land in
 * the index cache). Paths are compared after realpath(), so a link under an allowed folder that
 * leads outside it is refused too. The Electron app does not use this: there the user picks
 * files in the system's Open dialog.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { unreadableKindOf } from '../engine/platform/inputKind.ts';

export interface PathAccess {
  /** Lets everything under `folder` be opened (the bridge's upload folder). */
  allowFolder(folder: string): Promise<void>;
  /**
   * Null when every path may be opened and is a regular file or a folder; else the refusal,
   * naming the path and how to allow it. Never opens a path.
   */
  check(paths: readonly string[]): Promise<string | null>;
}

/** The allowed set: exact `paths` (files or folders) and everything under `folders`; both must exist. */
export async function createPathAccess(options: {
  paths?: readonly string[];
  folders?: readonly string[];
}): Promise<PathAccess> {
  const exact = new Set<string>();
  const folders: string[] = [];
  for (const path of options.paths ?? []) exact.add(await realpath(resolve(path)));
  const allowFolder = async (folder: string): Promise<void> => {
    folders.push(await realpath(resolve(folder)));
  };
  for (const folder of options.folders ?? []) await allowFolder(folder);

  const allowed = (path: string): boolean =>
    exact.has(path) ||
    folders.some((folder) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep));

  const refusal = (given: string, real: string): string =>
    `${given} is not open to this server: \`tarsier serve\` reads only the bundles given on its command line, ` +
    `files dropped on the page, and what is under a folder given with --allow (links are followed first). ` +
    `To open it, restart with \`tarsier serve --allow ${dirname(real)}\`, or drop the file on the page`;

  async function checkOne(given: string): Promise<string | null> {
    const absolute = resolve(given);
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      // Whether a path outside the allowed folders exists is not this page's business either.
      if (!allowed(absolute)) return refusal(given, absolute);
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT'
        ? `no such file or folder: ${given}`
        : `cannot open ${given}: ${code ?? (error as Error).message}`;
    }
    if (!allowed(real)) return refusal(given, real);
    try {
      const kind = unreadableKindOf(await stat(real));
      return kind ? `${given}: ${kind}, not a regular file` : null;
    } catch (error) {
      return `cannot open ${given}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }

  return {
    allowFolder,
    async check(paths) {
      for (const path of paths) {
        const problem = await checkOne(path);
        if (problem) return problem;
      }
      return null;
    },
  };
}
