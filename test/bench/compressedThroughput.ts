/**
 * Throughput of the xz, zstd, bzip2 and 7z readers against the native tools (printed, never
 * asserted): `npx tsx test/bench/compressedThroughput.ts [MiB]`. Needs xz, zstd and bzip2 on
 * PATH to make the archives (Debian: xz-utils, zstd, bzip2); says so and stops when one is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readableSource } from '../../src/main/engine/bundle/byteSource.ts';
import { decompressSource, type StreamCompression } from '../../src/main/engine/bundle/decompressSource.ts';
import { readSevenZip } from '../../src/main/engine/bundle/readSevenZip.ts';
import { DEFAULT_LIMITS } from '../../src/main/engine/platform/limits.ts';
import { build7z } from '../support/sevenZip.ts';

const mib = Number(process.argv[2] ?? 100);
const missing = ['xz', 'zstd', 'bzip2'].filter((tool) => spawnSync(tool, ['--version']).error);
if (missing.length > 0) {
  console.log(`skipped: ${missing.join(', ')} not on PATH (needed to make the archives)`);
  process.exit(0);
}

const dir = await mkdtemp(join(tmpdir(), 'tarsier-throughput-'));
try {
  // Log-like text that compresses like real logs (~10:1), not like one repeated line.
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < mib * 2 ** 20; i++) {
    const line = `2025-09-19 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${i % 1000} ${i % 17 ? 'INFO' : 'WARN'} porter.api [req-${(i * 2654435761) % 1e9}] volume ${i % 4093} state ${i % 7 ? 'attaching' : 'available'} took ${(i * 7919) % 10000} ms\n`;
    lines.push(line);
    size += line.length;
  }
  const log = join(dir, 'app.log');
  await writeFile(log, lines.join(''));
  const tarFile = join(dir, 'logs.tar');
  execFileSync('tar', ['-cf', tarFile, '-C', dir, 'app.log']);
  const plainBytes = (await stat(tarFile)).size;
  const rows: string[] = [];
  const rate = (ms: number) => `${((plainBytes / 2 ** 20 / ms) * 1000).toFixed(0)} MiB/s`;
  const tools: [StreamCompression, string, string[]][] = [
    ['xz', 'xz', ['-6', '-T2']],
    ['zstd', 'zstd', ['-q', '-3']],
    ['bzip2', 'bzip2', ['-9']],
  ];
  for (const [kind, tool, options] of tools) {
    const packed = join(dir, `logs.tar.${kind}`);
    execFileSync('sh', ['-c', `${tool} ${options.join(' ')} -c "${tarFile}" > "${packed}"`]);
    let start = performance.now();
    execFileSync('sh', ['-c', `${tool} -dc "${packed}" > /dev/null`]);
    const native = performance.now() - start;
    start = performance.now();
    let out = 0;
    const source = readableSource(createReadStream(packed), 'destroy');
    for await (const chunk of decompressSource(kind, source, { ...DEFAULT_LIMITS })) out += chunk.length;
    const ours = performance.now() - start;
    if (out !== plainBytes) throw new Error(`${kind}: ${out} bytes out, ${plainBytes} expected`);
    rows.push(
      `${kind.padEnd(6)} ${tool} -dc ${rate(native).padStart(10)} | decompressSource ${rate(ours).padStart(10)}`,
    );
  }
  const archive = join(dir, 'logs.7z');
  await writeFile(archive, await build7z({ 'app.log': await readFile(log) }));
  const start = performance.now();
  let read = 0;
  const context = {
    limits: DEFAULT_LIMITS,
    state: { entries: 0 },
    skip: (path: string, reason: string) => console.log(`skipped ${path}: ${reason}`),
    problem: (path: string, reason: string) => console.log(`problem ${path}: ${reason}`),
    tempDir: async () => dir,
  };
  await readSevenZip('logs.7z', archive, '', context, async (_path, source) => {
    for await (const chunk of source) read += chunk.length;
  });
  if (read !== (await stat(log)).size) throw new Error(`7z: ${read} bytes read`);
  rows.push(
    `7z     readSevenZip (7z-wasm, one pass spooled to temp, then read back) ${rate(performance.now() - start)}`,
  );
  console.log(`${(plainBytes / 2 ** 20).toFixed(0)} MiB of log text:\n${rows.join('\n')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
