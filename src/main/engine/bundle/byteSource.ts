/**
 * Byte sources: the async-iterable streams that carry an archive entry's bytes through the
 * layers (tar entry → gunzip → nested tar → file). Each layer can stop early (a bomb limit,
 * a binary file) without breaking the container around it.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { describeTier, ratioExceeded, type RatioTier } from '../platform/limits.ts';

/** The bytes of one entry, in order. */
export type ByteSource = AsyncIterable<Buffer>;

/** An entry that cannot be read (further); `reason` is shown to the user as is. */
export class EntryError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Minimal view of a Node or streamx readable, as used here. */
type StreamLike = Pick<Readable, 'on' | 'off' | 'once' | 'pause' | 'resume' | 'destroy'>;

/**
 * Adapts a readable stream. When the consumer stops early the stream is either drained
 * (`drain`: a tar entry, whose destruction would destroy the whole tar) or destroyed
 * (`destroy`: an independent zip member or file stream).
 */
export function readableSource(stream: StreamLike, abandon: 'drain' | 'destroy'): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      const queue: Buffer[] = [];
      let ended = false;
      let error: Error | null = null;
      let wake: (() => void) | null = null;
      const notify = () => {
        const w = wake;
        wake = null;
        w?.();
      };
      const onData = (chunk: Buffer) => {
        queue.push(chunk);
        if (queue.length >= 16) stream.pause();
        notify();
      };
      const onEnd = () => {
        ended = true;
        notify();
      };
      const onError = (e: Error) => {
        error = e;
        notify();
      };
      const onClose = () => {
        if (!ended && !error) error = new Error('stream closed before its end');
        notify();
      };
      stream.on('data', onData);
      stream.once('end', onEnd);
      stream.on('error', onError);
      stream.once('close', onClose);
      try {
        for (;;) {
          const chunk = queue.shift();
          if (chunk) {
            if (queue.length < 4) stream.resume();
            yield chunk;
            continue;
          }
          if (error) throw error;
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        stream.off('data', onData);
        stream.off('end', onEnd);
        stream.off('close', onClose);
        if (!ended && !error) {
          if (abandon === 'drain') stream.resume();
          else stream.destroy();
        }
        // Keep a late error from becoming an unhandled 'error' event.
        stream.off('error', onError);
        stream.on('error', () => {});
      }
    },
  };
}

/** Reads up to `n` leading bytes and returns them with a source that still yields everything. */
export async function peek(
  source: ByteSource,
  n: number,
): Promise<{ head: Buffer; ended: boolean; source: ByteSource }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < n) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  return {
    head: head.subarray(0, n),
    ended,
    source: {
      async *[Symbol.asyncIterator]() {
        try {
          if (head.length > 0) yield head;
          if (ended) return;
          for (;;) {
            const next = await iterator.next();
            if (next.done) return;
            yield next.value;
          }
        } finally {
          if (!ended) await iterator.return?.();
        }
      },
    },
  };
}

/** Bounds on decompression, checked while bytes flow. */
export interface InflateBounds {
  maxEntryBytes: number;
  ratioTiers: RatioTier[];
}

/**
 * Throws when a stream inflated so far (`produced` bytes out of `compressed` in) passes the
 * per-entry limit or a ratio tier: the bomb check of every streamed decoder.
 */
export function checkInflated(bounds: InflateBounds, produced: number, compressed: number): void {
  if (produced > bounds.maxEntryBytes)
    throw new EntryError(
      `decompressed size exceeds the per-entry limit maxEntryBytes=${bounds.maxEntryBytes} (possible decompression bomb)`,
    );
  const tier = ratioExceeded(bounds.ratioTiers, produced, compressed);
  if (tier)
    throw new EntryError(
      `compression ratio above ${describeTier(tier)} (${produced} bytes from ${compressed}; possible decompression bomb)`,
    );
}

/**
 * Gunzips a source. A truncated stream yields everything before the cut and then throws an
 * {@link EntryError} saying where it broke; a decompression bomb is stopped at the first limit
 * crossed, and the reason names that limit.
 */
export function gunzipSource(source: ByteSource, bounds: InflateBounds): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      const gunzip = createGunzip();
      let compressed = 0;
      let produced = 0;
      let abandoned = false;
      let inputDone = false;
      const waitDrain = () =>
        new Promise<void>((resolve) => {
          const done = () => {
            gunzip.off('drain', done);
            gunzip.off('close', done);
            resolve();
          };
          gunzip.once('drain', done);
          gunzip.once('close', done);
        });
      const feeding = (async () => {
        try {
          for await (const chunk of source) {
            if (abandoned) return;
            compressed += chunk.length;
            if (!gunzip.write(chunk)) await waitDrain();
            if (abandoned) return;
          }
          inputDone = true;
          gunzip.end();
        } catch (error) {
          gunzip.destroy(error as Error);
        }
      })();
      try {
        for await (const out of gunzip as AsyncIterable<Buffer>) {
          produced += out.length;
          checkInflated(bounds, produced, compressed);
          yield out;
        }
      } catch (error) {
        if (error instanceof EntryError) throw error;
        const message = (error as Error).message;
        if (/unexpected end of file/i.test(message) || inputDone) {
          throw new EntryError(
            `truncated gzip: the compressed data ends after ${compressed} bytes (${produced} bytes decompressed before the cut)`,
          );
        }
        throw new EntryError(
          `corrupt gzip after ${compressed} compressed bytes (${produced} decompressed): ${message}`,
        );
      } finally {
        abandoned = true;
        gunzip.destroy();
        await feeding;
      }
    },
  };
}
