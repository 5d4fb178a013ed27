/**
 * Streams xz, bzip2 and zstd entries (Node's zlib reads none of them) through decompressors
 * written in JS or WASM, with the same bounds and the same reasons as gunzipSource: a bomb is
 * stopped at the first limit crossed as bytes come out, a truncated or corrupt stream yields
 * everything before the break and then throws an {@link EntryError} naming the compression.
 * A cancelled read stops between chunks, also while one compressed chunk is still coming out.
 *
 * zstd: fzstd does not check a frame's content checksum (XXH64), so damage that still decodes
 * goes unnoticed; a corrupt or cut zstd says so in its reason.
 */
import { Readable } from 'node:stream';
import * as xzModule from 'xz-decompress';
import { Decompress as ZstdDecompress } from 'fzstd';
import unbzip2Stream from 'unbzip2-stream';
import { checkInflated, EntryError, type ByteSource, type InflateBounds } from './byteSource.ts';

/** The stream compressions read here (gzip has its own reader, on Node's zlib). */
export type StreamCompression = 'xz' | 'bzip2' | 'zstd';

/** A decompressor: compressed chunks in, plain chunks out; throws on bad data. */
type Inflater = (input: AsyncIterable<Buffer>) => AsyncIterable<Uint8Array>;

/**
 * Compressed bytes handed to a zstd push at once. fzstd returns every block a push completes
 * before we can count them: 16 KiB of RLE blocks (4 bytes per 128 KiB) is at most 512 MiB, so
 * the slice is kept small enough that one push stays within memory.
 */
const ZSTD_SLICE = 1024;

/** Compressed bytes written to unbzip2-stream at once (a block of 900 kB holds at most ~45 MB). */
const BZIP2_SLICE = 4096;

// A CommonJS module: Node's ESM loader gives its exports as `default`, a bundler as named exports.
const { XzReadableStream } = ((xzModule as { default?: typeof xzModule }).default ?? xzModule) as typeof xzModule;

const inflaters: Record<StreamCompression, Inflater> = {
  xz: (input) => new XzReadableStream(Readable.toWeb(Readable.from(input)) as ReadableStream<Uint8Array>),
  zstd: async function* (input) {
    const out: Uint8Array[] = [];
    const decoder = new ZstdDecompress((chunk) => out.push(chunk));
    for await (const chunk of input) {
      for (let at = 0; at < chunk.length; at += ZSTD_SLICE) {
        decoder.push(chunk.subarray(at, at + ZSTD_SLICE));
        yield* out.splice(0);
      }
    }
    decoder.push(new Uint8Array(0), true);
    yield* out.splice(0);
  },
  // unbzip2-stream is a `through` stream that decodes synchronously as it is written to.
  bzip2: async function* (input) {
    const out: Buffer[] = [];
    let failure: Error | null = null;
    const decoder = unbzip2Stream();
    decoder.on('data', (chunk: Buffer) => out.push(chunk));
    decoder.on('error', (error: Error) => (failure ??= error));
    for await (const chunk of input) {
      // In slices, so that what one write decodes (synchronously) stays small and a cancel lands between them.
      for (let at = 0; at < chunk.length; at += BZIP2_SLICE) {
        decoder.write(chunk.subarray(at, at + BZIP2_SLICE));
        yield* out.splice(0);
        if (failure) throw failure;
      }
    }
    decoder.end();
    yield* out.splice(0);
    if (failure) throw failure;
  },
};

/** xz-embedded's return codes, as its WASM build reports them ("get_next_output failed with error code 8"). */
const XZ_CODES: Record<string, string> = {
  '2': 'unsupported integrity check',
  '3': 'out of memory',
  '4': 'dictionary above the memory limit',
  '5': 'not an xz stream',
  '6': 'unsupported xz options',
  '7': 'the compressed data is corrupt',
  '8': 'the compressed data ends early',
};

/**
 * True when a decompressor's error says that its input ended in the middle of the stream.
 * unbzip2-stream throws its data errors as `Bzip2Error`; a cut stream makes it read past its
 * input (a TypeError) or say "input stream ended prematurely".
 */
function saysTruncated(compression: StreamCompression, error: unknown, inputDone: boolean): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (compression === 'xz') return /error code 8\b/.test(message);
  if (compression === 'zstd') return /unexpected EOF/i.test(message);
  return /ended prematurely/.test(message) || (inputDone && (error as Error)?.name !== 'Bzip2Error');
}

/** The decompressor's message made readable (xz reports a number, unbzip2-stream jokes). */
function describeError(compression: StreamCompression, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = compression === 'xz' ? /error code (\d+)/.exec(message)?.[1] : undefined;
  if (code && XZ_CODES[code]) return XZ_CODES[code];
  if ((error as Error)?.name === 'Bzip2Error' && !/crc32/.test(message))
    return `the compressed data is corrupt (decoder: "${message}")`;
  return message;
}

/**
 * Plain bytes produced without the event loop turning, after which the read waits one turn: the
 * decoders push what one compressed chunk holds through promise jobs alone (a 16 KiB zstd chunk
 * can hold gigabytes), and a cancel, a timer or an IPC message can only land between turns.
 */
const TURN_BYTES = 8 << 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Said of a zstd stream that fails: what was not checked in what came out before. */
const ZSTD_UNCHECKED = "; zstd's content checksum is not verified, so the lines before are not checked either";

/**
 * Decompresses a source of the given compression, bounded like {@link gunzipSource}: the
 * per-entry size and ratio tiers are judged on every chunk that comes out, and `signal` between
 * chunks (an aborted read ends with the `cancelled` entry error).
 */
export function decompressSource(
  compression: StreamCompression,
  source: ByteSource,
  bounds: InflateBounds,
  signal?: AbortSignal,
): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      let compressed = 0;
      let produced = 0;
      let inputDone = false;
      let sinceTurn = 0;
      const counted = async function* () {
        for await (const chunk of source) {
          compressed += chunk.length;
          sinceTurn = 0;
          yield chunk;
        }
        inputDone = true;
      };
      try {
        for await (const out of inflaters[compression](counted())) {
          if (signal?.aborted) throw new EntryError('cancelled');
          if (out.length === 0) continue;
          produced += out.length;
          sinceTurn += out.length;
          if (sinceTurn >= TURN_BYTES) {
            sinceTurn = 0;
            await nextTurn();
            if (signal?.aborted) throw new EntryError('cancelled');
          }
          checkInflated(bounds, produced, compressed);
          yield Buffer.isBuffer(out) ? out : Buffer.from(out.buffer, out.byteOffset, out.length);
        }
      } catch (error) {
        if (error instanceof EntryError) throw error;
        const unchecked = compression === 'zstd' ? ZSTD_UNCHECKED : '';
        if (saysTruncated(compression, error, inputDone)) {
          throw new EntryError(
            `truncated ${compression}: the compressed data ends after ${compressed} bytes (${produced} bytes decompressed before the cut)${unchecked}`,
          );
        }
        throw new EntryError(
          `corrupt ${compression} after ${compressed} compressed bytes (${produced} decompressed): ${describeError(compression, error)}${unchecked}`,
        );
      }
    },
  };
}
