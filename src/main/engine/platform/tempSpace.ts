/**
 * Tarsier's scratch space: every temporary folder (a spooled nested zip, a spool of a case read
 * without the cache, serve's uploads) lives under `<dataDir>/tmp/` as `<kind>-<pid>-<random>`,
 * private to the user (0700). A folder is removed when its work ends and when the process exits;
 * one left by a process that was killed (SIGKILL, a crash, power loss) is removed by the next
 * run's {@link sweepStaleTemp}, which knows it is stale because its pid is no longer alive.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './dataDir.ts';

/** The folder all of Tarsier's temporary folders are made in. */
export function tempRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'tmp');
}

const live = new Set<string>();
let exitHook = false;

/**
 * A new private folder `<root>/<kind>-<pid>-XXXXXX`, removed at the latest when this process
 * exits (call {@link removeTempDir} sooner when the work ends).
 */
export function makeTempDir(kind: string, root: string = tempRoot()): string {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = mkdtempSync(join(root, `${kind}-${process.pid}-`));
  live.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const d of live) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

/** Removes a folder made by {@link makeTempDir} (and everything in it). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** True while a process with this pid runs (a process of another user counts as running). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what dead processes left in the scratch space, and returns the names removed. A name
 * that does not carry a pid is not Tarsier's and is left alone.
 */
export function sweepStaleTemp(root: string = tempRoot()): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
    if (!match || pidAlive(Number(match[1]))) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
