import { execFileSync } from 'node:child_process';
import { link, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBundles } from '../../src/main/engine/analyzeBundles.ts';

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
  const outcome = await analyzeBundles(paths, { zone: 'UTC', onEvent: () => events++ });
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
    expect(outcome.value.problems).toContainEqual({ path: fifo, reason: `${fifo}: FIFO (named pipe), not a regular file or folder; not opened` });
    const alone = await analyzeBundles([fifo]);
    expect(alone.ok).toBe(false);
    if (!alone.ok) expect(alone.error).toMatch(/FIFO/);
  });

  it('refuses a character device', async () => {
    const outcome = await analyzeBundles(['/dev/zero']);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toBe('/dev/zero: character device, not a regular file or folder; not opened');
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
});
