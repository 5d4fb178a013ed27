/**
 * Serves the built renderer (out/renderer) read-only: only files under its root, never a
 * directory listing, hidden file or anything reached through `..`.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { mimeTypeOf, staticRelativePath } from '../../shared/ui/staticFiles.ts';

/** Streams the file for `pathname`; resolves to false when there is no such file (caller sends 404). */
export async function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  headOnly: boolean,
): Promise<boolean> {
  const relative = staticRelativePath(pathname);
  if (relative === null) return false;
  let file: string;
  try {
    file = await realpath(join(root, ...relative.split('/')));
    if (!file.startsWith(root + sep)) return false;
    const info = await stat(file);
    if (!info.isFile()) return false;
    res.statusCode = 200;
    res.setHeader('Content-Type', mimeTypeOf(file));
    res.setHeader('Content-Length', info.size);
    // Vite names assets by content hash; the page itself must always be fresh.
    res.setHeader(
      'Cache-Control',
      relative.startsWith('assets/') ? 'private, max-age=31536000, immutable' : 'no-store',
    );
  } catch {
    return false;
  }
  if (headOnly) {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
  return true;
}
