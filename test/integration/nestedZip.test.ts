// A nested zip is streamed to a temp file as it arrives (never held whole in memory), bounded
// while it streams, and removed once read.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitEntry, type WalkContext } from '../../src/main/engine/bundle/walkBundle.ts';
import type { ByteSource } from '../../src/main/engine/bundle/byteSource.ts';
import { DEFAULT_LIMITS } from '../../src/main/engine/platform/limits.ts';
import { buildZip } from '../fixtures/zipWriter.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-nested-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function contextFor(temp: string, maxEntryBytes = DEFAULT_LIMITS.maxEntryBytes) {
  const read: string[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const context: WalkContext = {
    limits: { ...DEFAULT_LIMITS, maxEntryBytes },
    state: { entries: 0 },
    leaf: async (path, source) => {
      for await (const chunk of source) void chunk;
      read.push(path);
    },
    skip: (path, reason) => skipped.push({ path, reason }),
    problem: (path, reason) => skipped.push({ path, reason }),
    tempDir: async () => temp,
  };
  return { context, read, skipped };
}

const spoolSizes = async (temp: string) =>
  Promise.all((await readdir(temp)).map(async (name) => (await stat(join(temp, name))).size));

describe('a nested zip', () => {
  const zip = buildZip([
    { name: 'logs/a.log', data: 'alpha\n'.repeat(2000), method: 'store' },
    { name: 'logs/b.log', data: 'beta\n'.repeat(2000), method: 'store' },
  ]);

  it('is on disk up to the bytes received while it still streams, and gone once read', async () => {
    const temp = await mkdtemp(join(dir, 'spool-'));
    const { context, read } = contextFor(temp);
    const seen: { yielded: number; onDisk: number[] }[] = [];
    const source: ByteSource = {
      async *[Symbol.asyncIterator]() {
        let yielded = 0;
        for (let i = 0; i < zip.length; i += 4096) {
          if (i > 0) seen.push({ yielded, onDisk: await spoolSizes(temp) });
          const chunk = zip.subarray(i, i + 4096);
          yielded += chunk.length;
          yield chunk;
        }
      },
    };
    await visitEntry('bundle/inner.zip', source, { size: zip.length, mtime: null }, context, 1);
    expect(read).toEqual(['bundle/inner.zip!/logs/a.log', 'bundle/inner.zip!/logs/b.log']);
    expect(seen.length).toBeGreaterThan(2);
    for (const { yielded, onDisk } of seen) expect(onDisk).toEqual([yielded]);
    expect(await readdir(temp)).toEqual([]);
  });

  it('is bounded by maxEntryBytes while it streams, and its partial spool removed', async () => {
    const temp = await mkdtemp(join(dir, 'spool-'));
    const { context, read, skipped } = contextFor(temp, 10_000);
    let yielded = 0;
    const source: ByteSource = {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < zip.length; i += 4096) {
          yielded += Math.min(4096, zip.length - i);
          yield zip.subarray(i, i + 4096);
        }
      },
    };
    await visitEntry('bundle/inner.zip', source, { size: null, mtime: null }, context, 1);
    expect(read).toEqual([]);
    expect(skipped).toEqual([{ path: 'bundle/inner.zip', reason: 'zip larger than maxEntryBytes=10000; not opened' }]);
    expect(yielded).toBeLessThan(zip.length);
    expect(await readdir(temp)).toEqual([]);
  });
});
