import { execFileSync } from 'node:child_process';
import { link, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReader } from '../../src/main/engine/bundle/fileReader.ts';
import { readBundles } from '../../src/main/engine/bundle/readBundles.ts';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { buildZip } from '../fixtures/zipWriter.ts';

let dir: string;
let log: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-inputs-'));
  log = join(dir, 'app.log');
  await writeFile(log, ['2025-09-18 16:24:30 ERROR one', '2025-09-18 16:24:31 INFO two', ''].join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function eventsOf(paths: string[]) {
  let events = 0;
  const outcome = await readInventory(paths, { zone: 'UTC', onEvent: () => events++ });
  return { outcome, events };
}

describe('top-level inputs', () => {
  it('refuses a FIFO without opening it (reading one blocks until a writer comes), and reads the rest', async () => {
    const fifo = join(dir, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    const { outcome, events } = await eventsOf([fifo, log]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(events).toBe(2);
    expect(outcome.value.problems).toContainEqual({
      path: fifo,
      reason: `${fifo}: FIFO (named pipe), not a regular file or folder; not opened`,
    });
    const alone = await readInventory([fifo]);
    expect(alone.ok).toBe(false);
    if (!alone.ok) expect(alone.error).toMatch(/FIFO/);
  });

  it('refuses a character device', async () => {
    const outcome = await readInventory(['/dev/zero']);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.error).toBe('/dev/zero: character device, not a regular file or folder; not opened');
  });

  it('reads a bundle given twice (same path, a hard link, a symlink) once, and says so', async () => {
    const hard = join(dir, 'hard.log');
    const soft = join(dir, 'soft.log');
    await link(log, hard);
    await symlink(log, soft);
    const { outcome, events } = await eventsOf([log, log, hard, soft]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(events).toBe(2);
    expect(outcome.value.bundles).toHaveLength(1);
    expect(outcome.value.problems.map((p) => p.reason)).toEqual([
      `${log} is the same file as ${log}, given twice; read once`,
      `${hard} is the same file as ${log}, given twice; read once`,
      `${soft} is the same file as ${log}, given twice; read once`,
    ]);
  });

  it('names a compression format it does not open, without calling it "not an archive"', async () => {
    const lz4 = join(dir, 'bundle.tar.lz4');
    await writeFile(
      lz4,
      Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7]), Buffer.alloc(600, 7)]),
    );
    const outcome = await readInventory([lz4]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.error).toMatch(
        new RegExp(
          `^${lz4.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: lz4-compressed file: Tarsier reads gzip, xz, bzip2, zstd, zip, 7z and tar; extract it \\(lz4 -d\\)`,
        ),
      );
  });

  it('ends a zip read cancelled between two members as cancelled (it used to wait for ever)', async () => {
    const zip = join(dir, 'case.zip');
    await writeFile(
      zip,
      buildZip(['a', 'b', 'c'].map((n) => ({ name: `logs/${n}.log`, data: '2025-09-18 16:24:30 ERROR one\n' }))),
    );
    const controller = new AbortController();
    const reader: FileReader = async (task, source) => {
      for await (const chunk of source) void chunk;
      // The member is read whole; the cancel comes before the next one is asked for.
      if (task.path.endsWith('a.log')) controller.abort();
      return { outcome: Promise.resolve({ read: false as const, reason: 'test' }) };
    };
    const outcome = await readBundles([zip], { signal: controller.signal, reader });
    expect(outcome).toEqual({ ok: false, error: 'cancelled' });
  });
});
