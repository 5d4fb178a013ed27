/**
 * `tarsier serve` never hangs on what it is given (issue 13): a FIFO on the command line or
 * through the API is refused without being opened (five of them used to wedge the bridge: no page,
 * Ctrl+C ignored), and Ctrl+C stops the process even when every I/O thread is stuck in a read
 * that cannot be interrupted (simulated by support/wedgeThreads.mjs).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, startServe, type Served } from './serveHarness.ts';

let dir: string;
const running: Served[] = [];

function mkfifo(path: string): string {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path}: ${made.stderr.toString()}`);
  return path;
}

const waitFor = async (what: () => boolean): Promise<void> => {
  while (!what()) await new Promise((r) => setTimeout(r, 50));
};

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-stop-'));
});

afterAll(async () => {
  for (const served of running)
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('tarsier serve and what never returns', () => {
  it('refuses a FIFO given on the command line, without opening it', async () => {
    const fifo = mkfifo(join(dir, 'bundle.tar.gz'));
    await expect(startServe([fifo, '--port', '0'])).rejects.toThrow(`${fifo}: FIFO (named pipe), not a regular file`);
  });

  it('refuses five FIFOs through the API, still serves the page, and stops on Ctrl+C', async () => {
    const folder = join(dir, 'pipes');
    await mkdir(folder);
    const pipes = [1, 2, 3, 4, 5].map((i) => mkfifo(join(folder, `case-${i}.tar.gz`)));
    const served = await startServe(['--port', '0', '--allow', folder]);
    running.push(served);
    const headers = { 'Content-Type': 'application/json', 'X-Tarsier-Token': served.token };
    for (const pipe of pipes) {
      const answer = await fetch(`${served.origin}/api/openCase`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ paths: [pipe] }),
      });
      expect(await answer.json()).toEqual({
        ok: false,
        error: `openCase: ${pipe}: FIFO (named pipe), not a regular file`,
      });
    }
    expect((await fetch(`${served.origin}/`, { headers: { 'X-Tarsier-Token': served.token } })).status).toBe(200);
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
  });

  it('stops on Ctrl+C even when every I/O thread is stuck in a read', async () => {
    const wedge = join(dir, 'wedge');
    await mkdir(wedge);
    const served = await startServe(['--port', '0'], {
      nodeArgs: ['--import', join(ROOT, 'test', 'e2e', 'support', 'wedgeThreads.mjs')],
      env: { WEDGE_DIR: wedge },
    });
    running.push(served);
    served.child.kill('SIGUSR2');
    await waitFor(() => served.output().includes('wedged'));
    served.child.kill('SIGINT');
    // process.exit() would wait for ever on libuv joining the stuck threads: the signal ends it instead.
    expect(await served.exited).toBe('SIGINT');
    expect(served.output()).toContain('stopping now');
  });

  it('stops at once on a second Ctrl+C', async () => {
    const wedge = join(dir, 'wedge-2');
    await mkdir(wedge);
    const served = await startServe(['--port', '0'], {
      nodeArgs: ['--import', join(ROOT, 'test', 'e2e', 'support', 'wedgeThreads.mjs')],
      env: { WEDGE_DIR: wedge },
    });
    running.push(served);
    served.child.kill('SIGUSR2');
    await waitFor(() => served.output().includes('wedged'));
    served.child.kill('SIGINT');
    await waitFor(() => served.output().includes('SIGINT, stopping'));
    served.child.kill('SIGINT');
    expect(await served.exited).toBe('SIGINT');
  });
});
