import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeTempDir, pidAlive, removeTempDir, sweepStaleTemp } from '../../src/main/engine/platform/tempSpace.ts';

/** A pid that surely ran and ended: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('tempSpace', () => {
  it('makes private folders named with the pid, and removes them', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'tarsier-temp-test-')), 'tmp');
    const dir = makeTempDir('nested', root);
    expect(dir.startsWith(join(root, `nested-${process.pid}-`))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    removeTempDir(dir);
    expect(readdirSync(root)).toEqual([]);
  });

  it('sweeps what a dead process left, keeps what a live one holds and what is not ours', () => {
    const root = mkdtempSync(join(tmpdir(), 'tarsier-temp-test-'));
    const dead = deadPid();
    expect(pidAlive(dead)).toBe(false);
    const stale = join(root, `spool-${dead}-AbC123`);
    mkdirSync(stale);
    writeFileSync(join(stale, 'index.tidx.tmp-1'), 'x'.repeat(1000));
    const mine = makeTempDir('upload', root);
    mkdirSync(join(root, 'someone-elses-folder'));
    expect(sweepStaleTemp(root)).toEqual([`spool-${dead}-AbC123`]);
    expect(readdirSync(root).sort()).toEqual([mine.slice(root.length + 1), 'someone-elses-folder'].sort());
  });
});
