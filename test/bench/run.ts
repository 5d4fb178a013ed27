/**
 * `npm run bench [-- --size 500MB]`: figures, not tests. Generates (or reuses) a bundle under
 * bench-data/, then measures in the same run: `gzip -dc`, `lnav -n` opening the archive (when
 * installed), and `tarsier analyze` (wall time and peak RSS of the built CLI), and prints ratios.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBytes } from '../../src/shared/format.ts';
import { generateBundle } from '../fixtures/generateBundle.ts';

const { values } = parseArgs({ options: { size: { type: 'string', default: '500MB' }, seed: { type: 'string', default: '1' } } });
const units: Record<string, number> = { KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30 };
const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)$/i.exec(values.size!);
if (!m) throw new Error(`bench: --size wants e.g. 500MB, got ${values.size}`);
const targetBytes = Math.round(Number(m[1]) * units[m[2].toUpperCase()]);
const root = join(import.meta.dirname, '..', '..');
const dataDir = join(root, 'bench-data');
const bundle = join(dataDir, `bundle-${values.seed}-${values.size}.tar.gz`);

interface Run {
  seconds: number;
  peakRssKb: number | null;
  code: number;
}

/** Runs a command; peak RSS comes from GNU time when it is installed. */
function run(command: string, args: string[]): Promise<Run> {
  const gnuTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const child = gnuTime
    ? spawn('/usr/bin/time', ['-f', '%M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const last = stderr.trim().split('\n').pop() ?? '';
      resolve({ seconds, peakRssKb: gnuTime && /^\d+$/.test(last) ? Number(last) : null, code: code ?? -1 });
    }),
  );
}

const which = (name: string) => ['/usr/bin', '/usr/local/bin', '/bin'].map((d) => join(d, name)).find((p) => existsSync(p));

await mkdir(dataDir, { recursive: true });
if (!existsSync(bundle)) {
  process.stdout.write(`generating ${values.size} bundle (seed ${values.seed})…\n`);
  await generateBundle({ seed: Number(values.seed), targetBytes, outPath: bundle });
}
const manifest = JSON.parse(readFileSync(`${bundle}.manifest.json`, 'utf8')) as { totals: { bytes: number; lines: number; files: number } };
const cli = join(root, 'out', 'cli', 'main.js');
if (!existsSync(cli)) throw new Error('bench: run `npm run build` first (out/cli/main.js is missing)');

process.stdout.write(`bundle ${bundle}: ${formatBytes(manifest.totals.bytes)} uncompressed, ${manifest.totals.lines.toLocaleString('en-US')} lines, ${manifest.totals.files} files\n\n`);
const rows: [string, Run][] = [];
const gzip = which('gzip');
if (gzip) rows.push(['gzip -dc', await run('/bin/sh', ['-c', `${gzip} -dc '${bundle}' > /dev/null`])]);
const lnav = which('lnav');
if (lnav) rows.push(['lnav -n (open archive)', await run(lnav, ['-n', bundle])]);
rows.push(['tarsier analyze', await run(process.execPath, [join(root, 'bin', 'tarsier.js'), 'analyze', bundle, '--quiet'])]);

const mbs = manifest.totals.bytes / 2 ** 20;
const ours = rows[rows.length - 1][1];
for (const [name, r] of rows) {
  const rss = r.peakRssKb === null ? 'n/a' : formatBytes(r.peakRssKb * 1024);
  const ratio = name === 'tarsier analyze' ? '' : `   tarsier is ${(ours.seconds / r.seconds).toFixed(2)}× its time`;
  process.stdout.write(`${name.padEnd(26)} ${r.seconds.toFixed(2).padStart(7)} s  ${(mbs / r.seconds).toFixed(0).padStart(5)} MB/s  peak RSS ${rss.padStart(8)}  exit ${r.code}${ratio}\n`);
}
if (!lnav) process.stdout.write('(lnav not installed: apt-get install lnav for the comparison)\n');
