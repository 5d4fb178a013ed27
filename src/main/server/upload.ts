/**
 * Receives a bundle dropped on the page in a browser. The body is streamed, never buffered, to
 * a fresh sub-folder of the server's own temp folder under a sanitised version of the original
 * name (so the case shows the name the user knows); nothing is ever written anywhere else.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Reduces a client-supplied file name to a safe single path segment. */
export function sanitiseUploadName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
    .replace(/^[\s._-]+|\s+$/g, '')
    .replace(/_+/g, '_')
    .replace(/\s+/g, ' ');
  if (name.length > 120) {
    const ext = /(\.tar\.gz|\.[A-Za-z0-9]{1,8})$/.exec(name)?.[0] ?? '';
    name = name.slice(0, 120 - ext.length) + ext;
  }
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  return name || 'bundle';
}

export type UploadOutcome = { ok: true; path: string; bytes: number } | { ok: false; status: number; error: string };

/** Streams `req` into `uploadDir/<random>/<name>`, refusing more than `maxBytes`. */
export async function receiveUpload(req: IncomingMessage, uploadDir: string, rawName: string, maxBytes: number): Promise<UploadOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return { ok: false, status: 413, error: `upload: ${declared} bytes is more than the limit of ${maxBytes} bytes` };
  }
  const folder = join(uploadDir, randomBytes(12).toString('hex'));
  const file = join(folder, sanitiseUploadName(rawName));
  let bytes = 0;
  let tooLarge = false;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        tooLarge = true;
        callback(new Error('too large'));
      } else callback(null, chunk);
    },
  });
  try {
    await mkdir(folder, { mode: 0o700 });
    await pipeline(req, limiter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    if (tooLarge) return { ok: false, status: 413, error: `upload: more than the limit of ${maxBytes} bytes` };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') return { ok: false, status: 507, error: 'upload: the temp folder is full (no space left on device)' };
    return { ok: false, status: 400, error: `upload: ${code ?? (error as Error).message}` };
  }
  return { ok: true, path: file, bytes };
}
