/**
 * Helpers for the browser E2E: bundles built with tar-stream + zlib in a temp folder, the
 * `tarsier serve` child process with its URL read from stdout (no sleeps), and Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import tar from 'tar-stream';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'e2e');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Fails early, with the fix, when `npm run build` has not run. */
export function assertBuilt(): void {
  for (const file of ['out/renderer/index.html', 'out/cli/main.js']) {
    if (!existsSync(join(ROOT, file)))
      throw new Error(`${file} is missing: run \`npm run build\` before the e2e tests`);
  }
}

export const OSLO_LINES = [
  '2025-09-18 16:24:30.002 1234 INFO porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Attaching volume 5f1c to instance vm-web01',
  '2025-09-18 16:24:31.123 1234 ERROR porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Failed to attach volume',
  '2025-09-18 16:24:31.500 1234 WARNING porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Retrying attach in 5 seconds',
  '2025-09-18 16:24:36.618 1234 INFO porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Volume attached',
];

/** A rotated unicloud log, gzip-compressed and cut in the middle (the reader must say so). */
export function truncatedGzipLog(): Buffer {
  let text = '';
  for (let i = 0; i < 3000; i++) {
    const minute = String(10 + Math.floor(i / 600)).padStart(2, '0');
    const second = String(Math.floor(i / 10) % 60).padStart(2, '0');
    text += `2025-09-18 16:${minute}:${second}.${String(i % 1000).padStart(3, '0')} 99 INFO unicloud.engine [req-${i}] sync step ${i} for host vm-web01 block ${(i * 7919) % 100003}\n`;
  }
  const gz = gzipSync(text);
  return gz.subarray(0, Math.floor(gz.length / 2));
}

export interface Entry {
  name: string;
  body: string | Buffer;
  /** The member's modification time (default now). */
  mtime?: Date;
}

/** Writes a .tar.gz holding `entries`. */
export async function writeTarGz(file: string, entries: Entry[]): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip(), createWriteStream(file));
  for (const entry of entries) {
    await new Promise<void>((ok, fail) =>
      pack.entry({ name: entry.name, mtime: entry.mtime }, entry.body, (error) => (error ? fail(error) : ok())),
    );
  }
  pack.finalize();
  await done;
}

/** Writes a .tar.gz with one large oslo log (≈150 bytes a line), streamed, for a read that takes a few seconds. */
export async function writeLargeTarGz(file: string, lineCount: number): Promise<void> {
  const line = (i: number): string =>
    `2025-09-18 16:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} 1234 INFO porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Step ${i} of the volume attach flow\n`;
  let size = 0;
  for (let i = 0; i < lineCount; i++) size += Buffer.byteLength(line(i));
  const pack = tar.pack();
  const done = pipeline(pack, createGzip({ level: 1 }), createWriteStream(file));
  const entry = pack.entry({ name: 'opt/installer/production/logs/porter/porter-api.log', size });
  for (let i = 0; i < lineCount; i += 2000) {
    let chunk = '';
    for (let j = i; j < Math.min(lineCount, i + 2000); j++) chunk += line(j);
    if (!entry.write(chunk)) await new Promise<void>((ok) => entry.once('drain', () => ok()));
  }
  await new Promise<void>((ok) => entry.end(() => ok()));
  pack.finalize();
  await done;
}

export interface Served {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  port: number;
  /** Its data folder (index cache, saved cases, scratch space with the uploads). */
  dataDir: string;
  output: () => string;
  /** The exit code (or signal name) once it has exited. */
  exited: Promise<number | string | null>;
  /** SIGTERM, then the exit code (or signal name). */
  stop: () => Promise<number | string | null>;
}

/** Options of {@link startServe}. */
export interface ServeOptions {
  /** Arguments for node before the script (e.g. `--import` of a test module). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** A data folder to use and keep (default: a temp folder of its own, removed at exit). */
  dataDir?: string;
  /**
   * A first run: the data folder has no preferences, so the walkthrough is offered. Otherwise
   * (the default) an engineer who has seen the tour: its corner card stays out of the tests' way.
   */
  firstRun?: boolean;
}

/**
 * Starts `node bin/tarsier.js serve <args>` and resolves once it prints its URL. Its data folder
 * (the index cache) is a temp folder of its own, removed when it exits: tests never write into
 * the real home.
 */
export function startServe(args: string[], options: ServeOptions = {}): Promise<Served> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tarsier-e2e-data-'));
  const preferencesFile = join(dataDir, 'preferences.json');
  if (!options.firstRun && !existsSync(preferencesFile)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(preferencesFile, JSON.stringify({ tourSeen: true }), { mode: 0o600 });
  }
  const env = { ...process.env, ...options.env, TARSIER_DATA_DIR: dataDir };
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(ROOT, 'bin', 'tarsier.js'), 'serve', ...args],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<number | string | null>((ok) =>
    child.once('exit', (code, signal) => {
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      ok(code ?? signal);
    }),
  );
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`tarsier serve printed no URL in 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = /Tarsier is serving on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      ok({
        child,
        url: match[1],
        origin: `http://127.0.0.1:${match[2]}`,
        port: Number(match[2]),
        token: match[3],
        dataDir,
        exited,
        output: () => out,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`tarsier serve exited (${code}) before printing its URL:\n${out}`));
    });
  });
}

/** Tries a TCP connection; resolves to 'connected' or the error code. */
export function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((ok) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000, () => {
      socket.destroy();
      ok('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      ok('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => ok(error.code ?? error.message));
  });
}

/**
 * Collects the page's console errors and uncaught exceptions into `problems` (a missing Monaco
 * worker shows up there); each test file checks the list is empty after every test.
 */
export function collectPageProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}
