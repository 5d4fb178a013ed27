// What the index cache serves must be what the bundle holds now: an in-place edit that keeps size,
// mtime and inode is caught by the hash, and a diagnosis.json edited by hand is not served.
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseOpened, openCase } from '../../src/main/engine/case/openCase.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-cache-trust-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const line = (n: number, word: string) =>
  `2025-09-18 16:24:${String(n).padStart(2, '0')}.000 ERROR app: volume ${word} failed to attach`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('index cache trust', () => {
  it('reads a bundle again when it changed in place with the same size, mtime and inode, and prints the new hash', async () => {
    const cacheDir = join(dir, 'cache-a');
    const log = join(dir, 'app.log');
    const before = Array.from({ length: 40 }, (_, i) => line(i, 'alpha')).join('\n') + '\n';
    await writeFile(log, before);
    const when = new Date('2025-09-18T16:30:00Z');
    await utimes(log, when, when);
    const first = await openCase([log], { zone: 'UTC', cacheDir });
    if (!first.ok) throw new Error(first.error);
    expect(first.value.inventory.bundles[0].sha256).toBe(sha256(before));
    first.value.close();

    const ino = (await stat(log)).ino;
    const after = before.replaceAll('alpha', 'omega');
    const handle = await open(log, 'r+');
    await handle.write(after, 0);
    await handle.close();
    await utimes(log, when, when);
    const s = await stat(log);
    expect([s.ino, s.size, s.mtimeMs]).toEqual([ino, Buffer.byteLength(before), when.getTime()]);

    const second = await openCase([log], { zone: 'UTC', cacheDir });
    if (!second.ok) throw new Error(second.error);
    expect(second.value.cache.hit).toBe(false);
    expect(second.value.cache.note).toBe(
      `index cache stale, read again: ${log} changed in place since it was read (its sha256 differs)`,
    );
    expect(second.value.inventory.bundles[0].sha256).toBe(sha256(after));
    expect(second.value.index.eventText(0)).toContain('omega');
    second.value.close();

    const third = await openCase([log], { zone: 'UTC', cacheDir });
    if (!third.ok) throw new Error(third.error);
    expect(third.value.cache.hit).toBe(true);
    expect(third.value.inventory.bundles[0].sha256).toBe(sha256(after));
    third.value.close();
  });

  it('does not serve a diagnosis.json edited by hand: the findings are made again from the index', async () => {
    const cacheDir = join(dir, 'cache-b');
    const log = join(dir, 'diag.log');
    await writeFile(log, Array.from({ length: 30 }, (_, i) => line(i, 'beta')).join('\n') + '\n');
    const first = await openCase([log], { zone: 'UTC', cacheDir });
    if (!first.ok) throw new Error(first.error);
    const made = await diagnoseOpened(first.value);
    const key = first.value.cache.key!;
    first.value.close();
    const file = join(cacheDir, key, 'diagnosis.json');
    const kept = JSON.parse(await readFile(file, 'utf8')) as { body: string };
    expect(kept.body).toBe(JSON.stringify(made));
    const forged = JSON.parse(kept.body) as { findings: unknown[] };
    forged.findings = [{ rule: 'forged', title: 'Everything is fine', severity: 'info' }];
    await writeFile(file, JSON.stringify({ ...kept, body: JSON.stringify(forged) }));

    const second = await openCase([log], { zone: 'UTC', cacheDir });
    if (!second.ok) throw new Error(second.error);
    expect(second.value.cache.hit).toBe(true);
    const served = await diagnoseOpened(second.value);
    second.value.close();
    expect(JSON.stringify(served.findings)).not.toContain('Everything is fine');
    expect(served.findings).toEqual(made.findings);
  });

  it("removes what a killed read or save left in the entry (the writer's pid is gone)", async () => {
    const cacheDir = join(dir, 'cache-c');
    const log = join(dir, 'killed.log');
    await writeFile(log, Array.from({ length: 10 }, (_, i) => line(i, 'gamma')).join('\n') + '\n');
    const first = await openCase([log], { zone: 'UTC', cacheDir });
    if (!first.ok) throw new Error(first.error);
    const key = first.value.cache.key!;
    first.value.close();
    // The entry as a SIGKILL during a save leaves it: no index yet, a half-written one, and spool text.
    const entry = join(cacheDir, key);
    await rm(join(entry, 'index.tidx'));
    const dead = 2 ** 22 + 12345;
    const leftovers = [
      `index.tidx.tmp-${dead}-a1b2c3d4e5f6`,
      `spool-${dead}-a1b2c3d4e5f6-0.txt`,
      `diagnosis.json.${dead}.1700000000000.partial`,
    ];
    for (const name of leftovers) await writeFile(join(entry, name), 'x'.repeat(4096));
    const alive = `spool-${process.pid}-0123456789ab-0.txt`;
    await writeFile(join(entry, alive), 'held by a read that still runs');

    const second = await openCase([log], { zone: 'UTC', cacheDir });
    if (!second.ok) throw new Error(second.error);
    expect(second.value.cache.hit).toBe(false);
    second.value.close();
    const names = await readdir(entry);
    for (const name of leftovers) expect(names).not.toContain(name);
    expect(names).toContain(alive);
    expect(names).toContain('index.tidx');
  });

  it('does not call a bundle stale when it is opened once through a link and once by its own path', async () => {
    const cacheDir = join(dir, 'cache-d');
    const log = join(dir, 'target.log');
    const link = join(dir, 'link.log');
    await writeFile(log, Array.from({ length: 10 }, (_, i) => line(i, 'delta')).join('\n') + '\n');
    await symlink(log, link);
    const first = await openCase([link], { zone: 'UTC', cacheDir });
    if (!first.ok) throw new Error(first.error);
    first.value.close();
    const second = await openCase([log], { zone: 'UTC', cacheDir });
    if (!second.ok) throw new Error(second.error);
    expect(second.value.cache).toMatchObject({ hit: true, note: null });
    second.value.close();
  });

  it('does not keep a read that stopped early (memory short now is not the bundle)', async () => {
    const cacheDir = join(dir, 'cache-e');
    const log = join(dir, 'short.log');
    await writeFile(log, Array.from({ length: 10 }, (_, i) => line(i, 'epsilon')).join('\n') + '\n');
    const short = await openCase([log], { zone: 'UTC', cacheDir, memory: { short: () => 'memory short: test' } });
    if (!short.ok) throw new Error(short.error);
    expect(short.value.index.size).toBe(0);
    expect(short.value.cache.note).toBe('not cached: reading stopped early (short.log)');
    short.value.close();
    const again = await openCase([log], { zone: 'UTC', cacheDir });
    if (!again.ok) throw new Error(again.error);
    expect(again.value.cache.hit).toBe(false);
    expect(again.value.index.size).toBe(10);
    again.value.close();
  });
});
