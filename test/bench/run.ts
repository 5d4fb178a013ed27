/**
 * `npm run bench [-- --size 100MB,1GB]`: figures, not tests. For each size it generates (or
 * reuses) a bundle under bench-data/, then measures in the same run: `gzip -dc`, `rg` over the
 * extracted files, `lnav -n` opening the archive (when installed), and the built
 * `tarsier bench-index`: time until searchable, time until fully indexed, MB/s, peak RSS and
 * p50/p95 latency of a fixed query set. It prints our figures as ratios against the others.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBytes } from '../../src/shared/format.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

const { values } = parseArgs({ options: { size: { type: 'string', default: '100MB,1GB' }, seed: { type: 'string', default: '1' } } });
const units: Record<string, number> = { KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30 };
const root = join(import.meta.dirname, '..', '..');
const dataDir = join(root, 'bench-data');
const cli = join(root, 'out', 'cli', 'main.js');
if (!existsSync(cli)) throw new Error('bench: run `npm run build` first (out/cli/main.js is missing)');

interface Run {
  seconds: number;
  peakRssKb: number | null;
  code: number;
  stdout: string;
}

/** Runs a command; peak RSS comes from GNU time when it is installed. */
function run(command: string, args: string[]): Promise<Run> {
  const gnuTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const child = gnuTime ? spawn('/usr/bin/time', ['-f', '%M', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const last = stderr.trim().split('\n').pop() ?? '';
      resolve({ seconds, peakRssKb: gnuTime && /^\d+$/.test(last) ? Number(last) : null, code: code ?? -1, stdout });
    }),
  );
}

const which = (name: string) => ['/usr/bin', '/usr/local/bin', '/bin'].map((d) => join(d, name)).find((p) => existsSync(p));
const out = (line = '') => process.stdout.write(`${line}\n`);
const s = (seconds: number) => `${seconds.toFixed(2)} s`;

interface BenchResult {
  events: number;
  terms: number;
  postings: number;
  templates: number;
  storeBytes: number;
  searchableMs: number;
  ui: { name: string; p50: number; p95: number }[];
  indexedMs: number;
  literalMs: number | null;
  literalQuery: string | null;
  maxRssBytes: number;
  queries: { name: string; kind: string; text: string; total: number; p50: number; p95: number }[];
  diagnoseMs: number;
  rules: number;
  findings: number;
  slowestRules: { rule: string; ms: number }[];
  cacheSaveMs: number;
  cacheLoadMs: number;
  cacheBytes: number;
}

async function benchSize(size: string): Promise<void> {
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)$/i.exec(size);
  if (!m) throw new Error(`bench: --size wants e.g. 100MB,1GB, got ${size}`);
  const targetBytes = Math.round(Number(m[1]) * units[m[2].toUpperCase()]);
  const bundle = join(dataDir, `bundle-${values.seed}-${size}.tar.gz`);
  if (!existsSync(bundle)) {
    out(`generating ${size} bundle (seed ${values.seed})…`);
    await generateBundle({ seed: Number(values.seed), targetBytes, outPath: bundle });
  }
  const manifest = JSON.parse(readFileSync(`${bundle}.manifest.json`, 'utf8')) as Manifest;
  const bytes = manifest.totals.bytes;
  const mb = bytes / 2 ** 20;
  out(`\n== ${size}: ${bundle}: ${formatBytes(bytes)} uncompressed, ${manifest.totals.lines.toLocaleString('en-US')} lines, ${manifest.totals.files} files`);

  const attach = manifest.incidents.find((i) => i.id === 'attach-volume-404');
  const queries = [
    { name: 'rare word', kind: 'search', text: 'VolumeLimitExceeded' },
    { name: 'common word', kind: 'search', text: 'volume' },
    { name: 'phrase', kind: 'search', text: '"could not be found"' },
    { name: 'field filter + word', kind: 'search', text: 'level:>=warning component:unicloud-* attach' },
    { name: 'Chinese word', kind: 'search', text: '拒绝访问' },
    { name: 'regex', kind: 'search', text: '/Failed to attach volume [0-9a-f-]{36}/' },
    { name: 'ID trace', kind: 'trace', text: attach?.requestIds[0] ?? 'req-00000000-0000-0000-0000-000000000000' },
  ];
  const work = await mkdtemp(join(tmpdir(), 'tarsier-bench-'));
  try {
    const queryFile = join(work, 'queries.json');
    await writeFile(queryFile, JSON.stringify(queries));
    const gzip = which('gzip');
    const gz = gzip ? await run('/bin/sh', ['-c', `${gzip} -dc '${bundle}' > /dev/null`]) : null;
    const rgPath = which('rg');
    let rg: Run | null = null;
    if (rgPath) {
      const dir = join(work, 'x');
      await mkdir(dir);
      await run('tar', ['xzf', bundle, '-C', dir]);
      // -z: also search the rotated .gz members, as Tarsier does.
      rg = await run(rgPath, ['-z', '-c', 'VolumeLimitExceeded', dir]);
      await rm(dir, { recursive: true, force: true });
    }
    const lnavPath = which('lnav');
    const lnav = lnavPath ? await run(lnavPath, ['-n', bundle]) : null;
    const ours = await run(process.execPath, [join(root, 'bin', 'tarsier.js'), 'bench-index', bundle, '--queries', queryFile]);
    if (ours.code !== 0) throw new Error(`bench-index failed (exit ${ours.code})`);
    const r = JSON.parse(ours.stdout) as BenchResult;

    const row = (name: string, seconds: number, rss: number | null, note = '') =>
      out(`${name.padEnd(30)} ${s(seconds).padStart(9)} ${`${(mb / seconds).toFixed(0)} MB/s`.padStart(10)}  peak RSS ${(rss === null ? 'n/a' : formatBytes(rss)).padStart(9)}${note}`);
    if (gz) row('gzip -dc', gz.seconds, gz.peakRssKb && gz.peakRssKb * 1024);
    if (rg) row('rg -z (extracted files)', rg.seconds, rg.peakRssKb && rg.peakRssKb * 1024);
    if (lnav) row('lnav -n (open archive)', lnav.seconds, lnav.peakRssKb && lnav.peakRssKb * 1024);
    row('tarsier: searchable', r.searchableMs / 1000, null);
    row('tarsier: fully indexed', r.indexedMs / 1000, r.maxRssBytes);
    out(`  index cache: saved in ${s(r.cacheSaveMs / 1000)}, loaded in ${s(r.cacheLoadMs / 1000)} (${(r.indexedMs / r.cacheLoadMs).toFixed(0)}× faster than reading), ${formatBytes(r.cacheBytes)} on disk`);
    out(`  ${r.events.toLocaleString('en-US')} events, ${r.terms.toLocaleString('en-US')} terms, ${r.postings.toLocaleString('en-US')} postings, ${r.templates} templates, text store ${formatBytes(r.storeBytes)} (${((r.storeBytes / bytes) * 100).toFixed(1)}% of the text)`);
    if (r.literalMs !== null) out(`  literal search before the index was done ("${r.literalQuery}"): ${r.literalMs.toFixed(0)} ms`);
    out('  query                          hits      p50       p95');
    for (const q of r.queries) out(`  ${`${q.name} (${q.kind === 'trace' ? 'trace' : q.text})`.slice(0, 28).padEnd(28)} ${String(q.total).padStart(7)} ${`${q.p50.toFixed(1)} ms`.padStart(9)} ${`${q.p95.toFixed(1)} ms`.padStart(9)}`);
    for (const u of r.ui) out(`  ${u.name.padEnd(36)} ${`${u.p50.toFixed(1)} ms`.padStart(9)} ${`${u.p95.toFixed(1)} ms`.padStart(9)}  (p50, p95)`);
    out(`  diagnosis: ${r.rules} rules + artifacts in ${(r.diagnoseMs / 1000).toFixed(2)} s → ${r.findings} findings; slowest rules: ${r.slowestRules.map((x) => `${x.rule} ${x.ms.toFixed(0)} ms`).join(', ')}`);
    const ratios: string[] = [];
    if (lnav) ratios.push(`searchable ${(r.searchableMs / 1000 / lnav.seconds).toFixed(2)}× lnav (target ≤ 1.5)`, `indexed ${(r.indexedMs / 1000 / lnav.seconds).toFixed(2)}× lnav (target ≤ 3)`);
    if (gz) ratios.push(`indexed ${(r.indexedMs / 1000 / gz.seconds).toFixed(1)}× gzip -dc`);
    if (rg) ratios.push(`rare-word query ${(r.queries[0].p50 / 1000 / rg.seconds).toFixed(3)}× one rg pass`);
    ratios.push(`peak RSS ${(r.maxRssBytes / bytes).toFixed(2)}× the uncompressed size (target ≤ 1.2)`);
    const searchP95 = Math.max(...r.queries.filter((q) => q.kind === 'search').map((q) => q.p95));
    const traceP95 = Math.max(...r.queries.filter((q) => q.kind === 'trace').map((q) => q.p95));
    ratios.push(`worst query p95 ${searchP95.toFixed(1)} ms (target ≤ 50)`, `trace p95 ${traceP95.toFixed(1)} ms (target ≤ 20)`);
    out(`  ${ratios.join('\n  ')}`);
    if (!lnav) out('  (lnav not installed: apt-get install lnav for the comparison)');
    if (!rg) out('  (rg not installed: apt-get install ripgrep for the comparison)');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await mkdir(dataDir, { recursive: true });
for (const size of values.size!.split(',')) await benchSize(size.trim());
