/**
 * Receives a bundle dropped on the page in a browser. The body is streamed, never buffered, into
 * the data folder's upload store (engine/case/uploadStore.ts: content-addressed, hashed as it is
 * written, kept across runs so that Recent can open it again) under a sanitised version of the
 * original name (so the case shows the name the user knows); nothing is ever written anywhere
 * else. Uploads are bounded one by one, in total for the run, and in number at once.
 */
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import type { UploadStore } from '../engine/case/uploadStore.ts';

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

export type UploadOutcome =
  | { ok: true; path: string; bytes: number; sha256: string; deduplicated: boolean }
  | { ok: false; status: number; error: string };

/** The limits of one run's uploads. */
export interface UploadLimits {
  /** Largest single upload (`--max-upload-mb`). */
  maxBytes: number;
  /** All bytes received by the run together (`--max-upload-total-mb`; bytes already stored do not count). */
  maxTotalBytes: number;
  /** Uploads streaming at the same time. */
  maxConcurrent: number;
}

const MIB = 2 ** 20;
const inMib = (bytes: number): string => `${Math.round((bytes / MIB) * 10) / 10} MiB`;

/**
 * Receives the uploads of one run into the upload store, within {@link UploadLimits}: the bytes
 * of finished uploads stay counted (unless the store had them already), those of uploads in
 * progress are counted as they arrive, so parallel uploads cannot pass the total together.
 */
export class UploadReceiver {
  private active = 0;
  private kept = 0;
  private arriving = 0;

  constructor(
    private readonly store: UploadStore,
    readonly limits: UploadLimits,
  ) {}

  /** Streams `req` into the store as `<sha256>/<name>`; never holds the body in memory. */
  async receive(req: IncomingMessage, rawName: string): Promise<UploadOutcome> {
    const { maxBytes, maxTotalBytes, maxConcurrent } = this.limits;
    if (this.active >= maxConcurrent) {
      return {
        ok: false,
        status: 429,
        error: `upload: ${this.active} uploads are already in progress (at most ${maxConcurrent} at once); send this one when one of them has finished`,
      };
    }
    const totalRefusal = (): UploadOutcome => ({
      ok: false,
      status: 413,
      error: `upload: the uploads of this run would pass their total of ${inMib(maxTotalBytes)} (${inMib(this.kept)} received); restart \`tarsier serve\`, or raise --max-upload-total-mb`,
    });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      return {
        ok: false,
        status: 413,
        error: `upload: ${declared} bytes is more than the limit of ${maxBytes} bytes (--max-upload-mb)`,
      };
    }
    if (Number.isFinite(declared) && this.kept + this.arriving + declared > maxTotalBytes) return totalRefusal();
    this.active++;
    let bytes = 0;
    let refusal: UploadOutcome | null = null;
    const limiter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        bytes += chunk.length;
        this.arriving += chunk.length;
        if (bytes > maxBytes)
          refusal = {
            ok: false,
            status: 413,
            error: `upload: more than the limit of ${maxBytes} bytes (--max-upload-mb)`,
          };
        else if (this.kept + this.arriving > maxTotalBytes) refusal = totalRefusal();
        callback(refusal ? new Error('refused') : null, refusal ? undefined : chunk);
      },
    });
    // A client that goes away mid-body ends the upload (pipe() does not pass that on).
    const cutOff = (): void => {
      if (!req.complete) limiter.destroy(Object.assign(new Error('the upload was cut off'), { code: 'ECONNRESET' }));
    };
    req.once('close', cutOff);
    let stored;
    try {
      // req is piped, not given to pipeline(): a refused body must leave the socket open for the answer.
      stored = await this.store.put(req.pipe(limiter), sanitiseUploadName(rawName));
    } catch (error) {
      if (refusal) return refusal;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC')
        return { ok: false, status: 507, error: 'upload: the data folder is full (no space left on device)' };
      return { ok: false, status: 400, error: `upload: ${code ?? (error as Error).message}` };
    } finally {
      req.off('close', cutOff);
      this.active--;
      this.arriving -= bytes;
    }
    if (!stored.deduplicated) this.kept += bytes;
    return { ok: true, path: stored.path, bytes, sha256: stored.sha256, deduplicated: stored.deduplicated };
  }
}
