// Bundle-wide bounds: a bundle of members each below the per-entry limits can still expand far
// beyond any real bundle, or take for ever; reading stops, what was read is kept, and the reason
// names the limit. Small limits prove the mechanism (the realistic size is test/bench/amplification.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { indexCase, releaseSpool } from '../../src/main/engine/index/indexCase.ts';
import { buildTar } from '../support/archives.ts';

let dir: string;
let bomb: string;
const MEMBERS = 10;
const line = '2025-09-18 16:24:31.120 2001 INFO porter.api [-] Polling volume status: attaching\n';
const member = Buffer.from(line.repeat(Math.ceil(2 ** 20 / line.length)));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-bounds-'));
  const packed = gzipSync(member, { level: 9 });
  bomb = join(dir, 'amplified.tar');
  await writeFile(
    bomb,
    await buildTar(Array.from({ length: MEMBERS }, (_, i) => ({ name: `logs/part-${i}.log.gz`, data: packed }))),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const limits = { bundleRatio: { afterBytes: 2 * 2 ** 20, maxRatio: 50 } };

describe('bundle-wide bounds', () => {
  it('stops a bundle whose total expansion passes bundleRatio, keeping what was read', async () => {
    const outcome = await readInventory([bomb], { zone: 'UTC', limits });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { files, skipped, problems, bundles } = outcome.value;
    expect(bundles.map((b) => b.name)).toEqual(['amplified.tar']);
    const stop = skipped.filter((s) => s.path === 'amplified.tar');
    expect(stop).toHaveLength(1);
    expect(stop[0]!.reason).toMatch(
      /^reading stopped: the bundle expanded to \d+ bytes from \d+ read from disk \(\d+:1, above bundleRatio maxRatio=50:1 beyond 2 MiB; possible decompression bomb\); the rest of the bundle \(after logs\/part-2\.log\.gz\) was not read$/,
    );
    // Two members whole, the third cut where the bound was crossed, none after it.
    expect(files.map((f) => f.path)).toEqual(['logs/part-0.log.gz', 'logs/part-1.log.gz', 'logs/part-2.log.gz']);
    expect(files[0]!.bytes).toBe(member.length);
    expect(files[2]!.incomplete).toMatch(/^reading stopped: .*; the lines before were read$/);
    expect(problems.map((p) => p.path)).toContain('logs/part-2.log.gz');
  });

  it('reads the same through the ingest threads', async () => {
    const inline = await readInventory([bomb], { zone: 'UTC', limits });
    const threaded = await indexCase([bomb], { zone: 'UTC', threads: 2, limits });
    expect(inline.ok && threaded.ok).toBe(true);
    if (!inline.ok || !threaded.ok) return;
    expect(threaded.value.inventory.files).toEqual(inline.value.files);
    expect(threaded.value.inventory.skipped).toEqual(inline.value.skipped);
    releaseSpool(threaded.value);
  });

  it('stops a bundle that takes longer than maxBundleMs, naming the limit', async () => {
    const outcome = await readInventory([bomb], { zone: 'UTC', limits: { maxBundleMs: 0 } });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const stop = outcome.value.skipped.filter((s) => s.path === 'amplified.tar');
    expect(stop.map((s) => s.reason)).toEqual([
      'reading stopped: the bundle took longer than maxBundleMs=0 (0 min); the rest of the bundle (from its start) was not read',
    ]);
    expect(outcome.value.files).toEqual([]);
  });
});
