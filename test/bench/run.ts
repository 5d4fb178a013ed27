/**
 * `npm run bench [-- --size 500MB,1GB,2GB --seed 1]`: figures, not tests (nothing is asserted).
 *
 * For each size it generates (or reuses) a bundle shaped like real OpenStack logs
 * (test/bench/realShapedBundle.ts: the id density of real logs, which is what makes an index's
 * vocabulary grow; a calibration table shows its shape beside the real samples'), then measures
 * in the same run, as whole processes (wall time and peak RSS from GNU time):
 * - the baselines: `gzip -dc` (the floor for reading the archive), `rg -z -c` over the extracted
 *   files, and `lnav` reading every line — run as `lnav -n -c ';SELECT count(*) FROM all_logs'`
 *   so that its reading and indexing is timed, not the printing of every line to a terminal that
 *   a bare `lnav -n bundle` measures — with an empty HOME and TMPDIR so it starts cold;
 * - Tarsier's CLI: search cold (read + first page), search and trace warm (from the index cache),
 *   analyze cold to findings, compare (first, then warm) with a bundle of the same size (the next seed) after
 *   both are indexed; then `tarsier bench-index` for in-process query latency, the UI's
 *   pages, the diagnosis and the index cache;
 * - the targets, each "reached" or "MISSED" with the ratio measured in this run.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBundle, folderShape, sampleBundleShape, type BenchBundle } from './bundles.ts';
import { findTool, measure, type Measured } from './measure.ts';
import {
  formatBytes,
  peakRss,
  printBenchIndex,
  printLibraryLookup,
  printTable,
  printTargets,
  seconds,
  throughput,
  type BenchIndexResult,
  type CliRun,
} from './report.ts';
import type { ShapeStats } from './realShapedBundle.ts';
import { formatTotals, scoreCorpus } from '../generalisation/scoreCorpus.ts';
import { benchLibraryLookup } from './libraryLookup.ts';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '500MB,1GB,2GB' }, seed: { type: 'string', default: '1' } },
});
const seed = Number(values.seed);
const sizes = values
  .size!.split(',')
  .map((size) => size.trim())
  .filter(Boolean);
const root = join(import.meta.dirname, '..', '..');
const dataDirectory = join(root, 'bench-data');
const tarsierBin = join(root, 'bin', 'tarsier.js');
const SAMPLE_LINES_PER_MEMBER = 20_000;
const RARE_WORD = 'VolumeLimitExceeded';

const say = (line = '') => process.stdout.write(`${line}\n`);

// bin/tarsier.js falls back to the TypeScript sources through tsx without a build: that is not what we time.
if (!existsSync(join(root, 'out', 'cli', 'main.js'))) {
  say('bench: out/cli/main.js is missing: run `npm run build` first (npm run bench does)');
  process.exit(1);
}
if (newestSource(join(root, 'src')) > statSync(join(root, 'out', 'cli', 'main.js')).mtimeMs)
  say(
    'warning: src/ has changed since the last build: these figures are of the older build (npm run bench builds first)',
  );
const tools = { gzip: findTool('gzip'), rg: findTool('rg'), lnav: findTool('lnav'), tar: findTool('tar') };
if (!existsSync('/usr/bin/time')) say('note: GNU time (/usr/bin/time) is not installed: wall times only, no peak RSS');
const versions = [`node ${process.version}`];
for (const [tool, path] of Object.entries(tools))
  if (path && tool !== 'tar')
    versions.push((await measure(path, ['--version'], { stdout: 'capture' })).stdout.split('\n')[0] || tool);
say(
  `tarsier bench, seed ${seed}: ${versions.join(', ')}; ${availableParallelism()} CPUs, ${formatBytes(totalmem())} RAM, load average ${loadavg()[0].toFixed(1)} at start`,
);

await mkdir(dataDirectory, { recursive: true });
const bundles: BenchBundle[] = [];
for (const size of sizes) {
  try {
    bundles.push(await ensureBundle(dataDirectory, seed, size, say));
  } catch (error) {
    say(`${error instanceof Error ? error.message : String(error)}\n  (${size} skipped)`);
  }
}

// Calibration: the bench bundle's shape beside the real samples'.
say('\n== calibration: shape of the real samples and of a sample of each bench bundle');
const shared = join(root, '..', 'shared', 'realdata');
const shapeRow = (name: string, stats: ShapeStats | null, what = '') =>
  stats === null
    ? [name, 'not found', '', '', '', '']
    : [
        `${name}${what}`,
        stats.lines.toLocaleString('en-US'),
        String(stats.meanLineChars),
        String(stats.distinctIdsPerKLine),
        `${stats.multiLinePercent}%`,
        Object.entries(stats.levels)
          .sort((a, b) => b[1] - a[1])
          .map(([level, percent]) => `${level} ${percent}%`)
          .join(', '),
      ];
const loghub = folderShape(join(shared, 'loghub', 'OpenStack', 'split_by_file'));
const openstack = folderShape(join(shared, 'openstack'));
const calibration = [
  shapeRow('real: loghub OpenStack', loghub, loghub ? ` (${loghub.files} files)` : ''),
  shapeRow('real: openstack samples', openstack, openstack ? ` (${openstack.files} files)` : ''),
];
for (const bundle of bundles) {
  try {
    const sample = await sampleBundleShape(bundle.path, SAMPLE_LINES_PER_MEMBER);
    calibration.push(
      shapeRow(
        `bench ${bundle.size}`,
        sample,
        ` (first ${SAMPLE_LINES_PER_MEMBER.toLocaleString('en-US')} lines of ${sample.members} files)`,
      ),
    );
  } catch (error) {
    calibration.push([`bench ${bundle.size}`, `unreadable: ${String(error)} (delete ${bundle.path} to make it again)`]);
  }
}
printTable(
  say,
  ['sample', 'lines sampled', 'mean line chars', 'distinct uuids / 1k lines', 'multi-line events', 'level mix'],
  calibration,
  [1, 2, 3, 4],
);

let work = '';
// Ctrl+C during a big size would leave its extracted copy in the temp folder.
process.once('SIGINT', () => {
  if (work) rmSync(work, { recursive: true, force: true });
  process.exit(130);
});
for (const bundle of bundles) {
  work = await mkdtemp(join(tmpdir(), 'tarsier-bench-'));
  try {
    await benchSize(bundle, work);
  } catch (error) {
    say(`bench ${bundle.size}: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// Diagnosis quality beside the speed: the generalisation corpus of issue 16 (found / wrong category / missed).
say('\n== diagnosis on the generalisation corpus (npx tsx test/generalisation/scoreCorpus.ts for the table)');
say(`  ${formatTotals((await scoreCorpus()).totals)}`);

// Issue 18 part 2: the case library with 1,000 cases (npx tsx test/bench/libraryLookup.ts alone).
printLibraryLookup(say, await benchLibraryLookup());

/** A failed command: its exit status and the end of its stderr. */
function failure(name: string, run: Measured): string {
  say(`  ${name} FAILED (exit ${run.exitCode}):`);
  for (const line of run.stderrTail.split('\n')) say(`    | ${line}`);
  return `${name} failed (exit ${run.exitCode})`;
}

async function benchSize(bundle: BenchBundle, work: string): Promise<void> {
  const { manifest, path } = bundle;
  const bytes = manifest.bytes;
  say(`\n== ${bundle.size}: ${path}`);
  say(
    `   ${formatBytes(bytes)} uncompressed (${formatBytes(bundle.compressedBytes)} compressed), ${manifest.lines.toLocaleString('en-US')} lines in ${manifest.files} files; trace id ${manifest.traceId} (${manifest.traceEvents} events)`,
  );
  // Every tool starts with the archive in the page cache, not just the first one.
  await measure('cat', [path]);

  say('\nbaselines');
  const baselines: string[][] = [];
  const row = (name: string, run: Measured, note: string) => [
    name,
    seconds(run.seconds),
    throughput(bytes, run.seconds),
    peakRss(run.peakRssBytes),
    note,
  ];
  let gzip: Measured | null = null;
  if (tools.gzip) {
    gzip = await measure(tools.gzip, ['-dc', path]);
    if (gzip.ok) baselines.push(row('gzip -dc', gzip, 'stdout to /dev/null'));
    else {
      failure('gzip -dc', gzip);
      gzip = null;
    }
  } else say('  gzip -dc: not installed, skipped');
  if (tools.rg && tools.tar) {
    const extracted = join(work, 'extracted');
    await mkdir(extracted);
    const untar = await measure(tools.tar, ['xzf', path, '-C', extracted]);
    if (untar.ok) {
      // -z: the rotated .gz members too, as Tarsier reads them. Exit 1 means "no match".
      const rg = await measure(tools.rg, ['-z', '-c', RARE_WORD, extracted], { stdout: 'capture' });
      const matches = rg.stdout.split('\n').reduce((sum, line) => sum + Number(/:(\d+)$/.exec(line)?.[1] ?? 0), 0);
      if (rg.exitCode <= 1)
        baselines.push(
          row(
            `rg -z -c ${RARE_WORD}`,
            rg,
            `${matches} matching lines in the extracted files (tar xzf: ${seconds(untar.seconds)}, not counted)`,
          ),
        );
      else failure('rg', rg);
    } else failure('tar xzf', untar);
    await rm(extracted, { recursive: true, force: true });
  } else say('  rg: not installed, skipped');
  let lnav: Measured | null = null;
  if (tools.lnav) {
    // An empty HOME and TMPDIR: no saved session or config, and no archive extracted by an earlier run (lnav keeps those in $TMPDIR/lnav-user-*-work).
    const lnavHome = await mkdtemp(join(work, 'lnav-home-'));
    const answer = join(work, 'lnav-answer.txt');
    lnav = await measure(tools.lnav, ['-n', '-c', ';SELECT count(*) FROM all_logs', path], {
      stdout: { file: answer },
      environment: { HOME: lnavHome, TMPDIR: lnavHome },
    });
    const count = /(\d+)\s*$/.exec(readHead(answer, 4096))?.[1];
    if (lnav.ok)
      baselines.push(
        row(
          'lnav -n -c count(*) all_logs',
          lnav,
          `${count === undefined ? '?' : Number(count).toLocaleString('en-US')} log messages counted`,
        ),
      );
    else {
      failure('lnav', lnav);
      lnav = null;
    }
  } else say('  lnav: not installed, skipped');
  printTable(say, ['', 'wall', 'MB/s', 'peak RSS', ''], baselines, [1, 2, 3]);

  say('\ntarsier (whole process: node bin/tarsier.js, built)');
  const environment = { TARSIER_DATA_DIR: await mkdtemp(join(work, 'data-')) };
  const tarsier = async (name: string, args: string[], jsonFile: string | null): Promise<CliRun> => {
    if (jsonFile) rmSync(jsonFile, { force: true }); // never read an earlier run's answer
    const run = await measure(process.execPath, [tarsierBin, ...args], { environment });
    if (!run.ok) return { name, run, json: null, error: failure(name, run) };
    try {
      return {
        name,
        run,
        json: jsonFile ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>) : null,
        error: null,
      };
    } catch (error) {
      say(`  ${name}: its JSON could not be read (${String(error)})`);
      return { name, run, json: null, error: `${name}: its JSON could not be read` };
    }
  };
  const searchJson = join(work, 'search.json');
  const searchArgs = ['search', path, '"state changed"', '--limit', '100', '--quiet', '--json', searchJson];
  const searchCold = await tarsier('search cold (read + first page)', searchArgs, searchJson);
  const searchWarm = searchCold.error ? null : await tarsier('search warm (index cache)', searchArgs, searchJson);
  const traceJson = join(work, 'trace.json');
  const traceWarm = searchCold.error
    ? null
    : await tarsier(
        'trace warm (index cache)',
        ['trace', path, manifest.traceId, '--quiet', '--json', traceJson],
        traceJson,
      );
  const analyzeJson = join(work, 'analyze.json');
  const analyzeCold = await tarsier(
    'analyze to findings, cold',
    ['analyze', path, '--json', analyzeJson, '--quiet', '--no-cache'],
    analyzeJson,
  );
  // Compare (issue 18): this bundle against one of the same size from the next seed, both indexed
  // first (this one by the cold search, the other by a search of its own), then compared warm.
  let compareWarm: CliRun | null = null;
  let compareFirst: CliRun | null = null;
  let otherIndexed: CliRun | null = null;
  if (!searchCold.error) {
    try {
      const other = await ensureBundle(dataDirectory, seed + 1, bundle.size, say);
      otherIndexed = await tarsier(
        'search cold of the bundle compared with (seed + 1)',
        ['search', other.path, 'volume', '--limit', '1', '--quiet'],
        null,
      );
      const compareJson = join(work, 'compare.json');
      // The first compare also diagnoses both cases (a search does not) and caches the
      // diagnoses; the second is the compare of two indexed, diagnosed bundles the target means.
      if (!otherIndexed.error)
        compareFirst = await tarsier(
          'compare, first (diagnoses both)',
          ['compare', path, other.path, '--quiet', '--json', compareJson],
          compareJson,
        );
      if (compareFirst && !compareFirst.error)
        compareWarm = await tarsier(
          'compare warm (both indexed and diagnosed)',
          ['compare', path, other.path, '--quiet', '--json', compareJson],
          compareJson,
        );
    } catch (error) {
      say(`  compare skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const cliRows: string[][] = [];
  for (const cli of [searchCold, searchWarm, traceWarm, analyzeCold, otherIndexed, compareFirst, compareWarm]) {
    if (cli === null || cli.error) continue;
    const json = cli.json ?? {};
    const events = Array.isArray(json.events) ? (json.events as { hop?: number }[]) : [];
    const compared = json.comparison as
      { templates: { totals: Record<string, number> }; findings: { onlyA: unknown[]; onlyB: unknown[] } } | undefined;
    const note = compared
      ? `tookMs ${String(json.tookMs)} (summaries + comparison); templates only A ${compared.templates.totals.onlyA}, only B ${compared.templates.totals.onlyB}, rate changed ${compared.templates.totals.rateChanged}; findings only A ${compared.findings.onlyA.length}, only B ${compared.findings.onlyB.length}`
      : 'total' in json
        ? `${Number(json.total).toLocaleString('en-US')} hits, tookMs ${String(json.tookMs)}`
        : 'events' in json
          ? `${events.filter((event) => !event.hop).length} events (manifest: ${manifest.traceEvents}), ${events.length} with the second hop, tookMs ${String(json.tookMs)}`
          : `findings: ${Array.isArray(json.findings) ? json.findings.length : '?'}`;
    cliRows.push([
      cli.name,
      seconds(cli.run.seconds),
      throughput(bytes, cli.run.seconds),
      peakRss(cli.run.peakRssBytes),
      note,
    ]);
  }
  if (searchCold.error)
    say('  (search warm and trace warm skipped: the cold search that fills the index cache failed)');
  printTable(say, ['', 'wall', 'MB/s', 'peak RSS', ''], cliRows, [1, 2, 3]);

  const queries = [
    { name: 'rare word', kind: 'search', text: RARE_WORD },
    { name: 'common word', kind: 'search', text: 'volume' },
    { name: 'common phrase', kind: 'search', text: '"state changed"' },
    { name: 'rare phrase of common words', kind: 'search', text: '"could not be found"' },
    { name: 'regex', kind: 'search', text: '/Polling flavor status for [0-9a-f-]{36}/' },
    { name: 'field filter + word', kind: 'search', text: 'level:>=warning component:nova-* instance' },
    { name: 'Chinese word', kind: 'search', text: '拒绝访问' },
    { name: 'trace', kind: 'trace', text: manifest.traceId },
  ];
  const queryFile = join(work, 'queries.json');
  await writeFile(queryFile, JSON.stringify(queries));
  const runs = 9;
  say(
    `\ntarsier bench-index (one process: read and index, then each query ${runs} times, the UI's pages, the diagnosis, the cache)`,
  );
  const benchRun = await measure(
    process.execPath,
    [tarsierBin, 'bench-index', path, '--queries', queryFile, '--runs', String(runs)],
    { stdout: 'capture' },
  );
  let benchIndex: BenchIndexResult | null = null;
  let benchError: string | null = null;
  if (!benchRun.ok) benchError = failure('bench-index', benchRun);
  else {
    try {
      benchIndex = JSON.parse(benchRun.stdout) as BenchIndexResult;
    } catch (error) {
      benchError = `bench-index printed no JSON (${String(error)}): ${benchRun.stdout.slice(0, 200)}`;
      say(`  ${benchError}`);
    }
  }
  if (benchIndex) printBenchIndex(say, benchIndex, benchRun, bytes);

  printTargets(say, {
    size: bundle.size,
    bytes,
    gzip,
    lnav,
    searchCold,
    searchWarm,
    traceWarm,
    analyzeCold,
    compareWarm,
    cliRuns: [searchCold, searchWarm, traceWarm, analyzeCold, otherIndexed, compareFirst, compareWarm],
    benchIndex,
    benchRun,
    benchError,
  });
}

/** The newest modification time of the files under a folder. */
function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    // The engine may be edited while we look: a file gone since the listing is no matter.
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  }
  return newest;
}

/** The first bytes of a small answer file ('' when missing). */
function readHead(file: string, maxBytes: number): string {
  return existsSync(file) ? readFileSync(file).subarray(0, maxBytes).toString('utf8') : '';
}
