// No input makes Tarsier die: when memory runs short, reading stops, what was read is kept and
// indexed, and the reason names the figures.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { indexCase, releaseSpool } from '../../src/main/engine/index/indexCase.ts';
import { memoryGuard, type MemoryFigures } from '../../src/main/engine/platform/memoryGuard.ts';
import { buildTarGz } from '../support/archives.ts';

const GIB = 2 ** 30;
const roomy: MemoryFigures = { heapUsed: 1 * GIB, heapLimit: 4 * GIB, rss: 2 * GIB, machine: 16 * GIB };

/** A guard whose figures turn short after `calls` measurements. */
function shortAfter(calls: number) {
  let n = 0;
  return memoryGuard({ everyMs: 0, figures: () => (++n > calls ? { ...roomy, heapUsed: 3.5 * GIB } : roomy) });
}

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-memory-'));
  const line = (i: number) =>
    `2025-09-18 16:24:${String(i % 60).padStart(2, '0')}.000 INFO app: request ${i} served in ${i % 97} ms by worker ${i % 7}\n`;
  const members = Array.from({ length: 12 }, (_, f) => ({
    name: `logs/app-${String(f).padStart(2, '0')}.log`,
    data: Array.from({ length: 4000 }, (_, i) => line(f * 4000 + i)).join(''),
  }));
  bundle = join(dir, 'case.tar.gz');
  await writeFile(bundle, await buildTarGz(members));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('memoryGuard', () => {
  it('says nothing while there is room, then names the figures, and stays short', () => {
    let heapUsed = 1 * GIB;
    let rss = 2 * GIB;
    const guard = memoryGuard({ everyMs: 0, figures: () => ({ ...roomy, heapUsed, rss }) });
    expect(guard.short()).toBeNull();
    rss = 14 * GIB;
    expect(guard.short()).toBe("memory short: Tarsier uses 14.0 GiB of the machine's 16.0 GiB");
    heapUsed = 1 * GIB;
    rss = 1 * GIB;
    expect(guard.short()).toMatch(/^memory short/);
    const heap = memoryGuard({ everyMs: 0, figures: () => ({ ...roomy, heapUsed: 3 * GIB }) });
    expect(heap.short()).toBe('memory short: the heap holds 3.0 GiB of its 4.0 GiB limit');
  });
});

describe('reading under memory pressure', () => {
  it.each(['inline', 'worker'] as const)('stops the bundle, keeps what was read and says why (%s)', async (mode) => {
    const whole = await readInventory([bundle], { zone: 'UTC' });
    if (!whole.ok) throw new Error(whole.error);
    const indexed = await indexCase([bundle], { zone: 'UTC', indexMode: mode, memory: shortAfter(20) });
    if (!indexed.ok) throw new Error(indexed.error);
    const { inventory, index } = indexed.value;
    const stop = inventory.skipped.find((s) => s.path === 'case.tar.gz');
    expect(stop?.reason).toMatch(
      /^reading stopped: memory short: the heap holds 3\.5 GiB of its 4\.0 GiB limit; the rest of the bundle \(after logs\/app-\d\d\.log\) was not read, what was read is kept$/,
    );
    expect(inventory.files.length).toBeGreaterThan(0);
    expect(inventory.files.length).toBeLessThan(whole.value.files.length);
    expect(index.size).toBeGreaterThan(0);
    expect(index.size).toBeLessThan(whole.value.files.reduce((n, f) => n + f.events, 0));
    releaseSpool(indexed.value);
  });
});
