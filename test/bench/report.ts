/**
 * Printing for `npm run bench`: tables, the `tarsier bench-index` figures, and the targets block
 * (each target "reached" or "MISSED", with the ratio measured in the same run).
 */
import type { Measured } from './measure.ts';
import type { LibraryLookupResult } from './libraryLookup.ts';

type Say = (line?: string) => void;

/** What `tarsier bench-index` prints (one JSON object). */
export interface BenchIndexResult {
  events: number;
  terms: number;
  postings: number;
  templates: number;
  storeBytes: number;
  openedMs: number;
  readRssBytes: number;
  maxRssBytes: number;
  queries: {
    name: string;
    kind: 'search' | 'trace';
    text: string;
    total: number;
    exactWithinBudget: boolean;
    p50: number;
    p95: number;
    fullMs: number | null;
  }[];
  ui: { name: string; p50: number; p95: number }[];
  diagnoseMs: number;
  rules: number;
  findings: number;
  slowestRules: { rule: string; ms: number }[];
  cacheLoadMs: number;
  cacheBytes: number;
}

/** One whole-process `tarsier` run: its measurement, its JSON output, or why it failed. */
export interface CliRun {
  name: string;
  run: Measured;
  json: Record<string, unknown> | null;
  error: string | null;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return `${(bytes / 2 ** 10).toFixed(0)} KB`;
}
export const seconds = (value: number) => `${value.toFixed(2)} s`;
export const milliseconds = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
/** Uncompressed MB per second of wall time. */
export const throughput = (bytes: number, wallSeconds: number) =>
  wallSeconds > 0 ? (bytes / 2 ** 20 / wallSeconds).toFixed(0) : '-';
export const peakRss = (value: number | null) => (value === null ? 'n/a' : formatBytes(value));
const count = (value: number) => value.toLocaleString('en-US');
const ratio = (value: number) => `${value.toFixed(2)}×`;

/** Prints rows under headers, columns padded; `right` lists the right-aligned columns. */
export function printTable(say: Say, headers: string[], rows: string[][], right: number[] = []): void {
  if (rows.length === 0) return;
  // A short row (a name and a note) is printed as it is, and does not widen the columns.
  const full = rows.filter((row) => row.length >= headers.length);
  const widths = headers.map((header, column) => Math.max(header.length, ...full.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((cell, column) => (right.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd()}`;
  say(line(headers));
  for (const row of rows)
    say(row.length >= headers.length ? line(row) : `  ${row[0].padEnd(widths[0])}  ${row.slice(1).join('  ')}`);
}

/** The in-process figures: queries, UI pages, diagnosis, cache and index sizes. */
export function printBenchIndex(say: Say, result: BenchIndexResult, process: Measured, bytes: number): void {
  say(
    `  read and indexed in ${seconds(result.openedMs / 1000)} (${throughput(bytes, result.openedMs / 1000)} MB/s); RSS after reading ${formatBytes(result.readRssBytes)}, peak ${formatBytes(result.maxRssBytes)}; the whole process: ${seconds(process.seconds)}, peak RSS ${peakRss(process.peakRssBytes)}`,
  );
  say();
  printTable(
    say,
    ['query', 'text', 'hits', 'exact within budget', 'p50', 'p95', 'full count'],
    result.queries.map((query) => [
      query.name,
      query.text.length > 44 ? `${query.text.slice(0, 43)}…` : query.text,
      count(query.total),
      query.kind === 'trace' ? '-' : query.exactWithinBudget ? 'yes' : 'no (counting)',
      milliseconds(query.p50),
      milliseconds(query.p95),
      query.fullMs === null ? '-' : milliseconds(query.fullMs),
    ]),
    [2, 4, 5, 6],
  );
  say();
  printTable(
    say,
    ['UI page', 'p50', 'p95'],
    result.ui.map((page) => [page.name, milliseconds(page.p50), milliseconds(page.p95)]),
    [1, 2],
  );
  say();
  say(
    `  diagnosis: ${result.rules} rules → ${result.findings} findings in ${seconds(result.diagnoseMs / 1000)}; slowest rules: ${result.slowestRules.map((rule) => `${rule.rule} ${milliseconds(rule.ms)}`).join(', ') || '-'}`,
  );
  say(`  index cache: loaded in ${milliseconds(result.cacheLoadMs)}, ${formatBytes(result.cacheBytes)} on disk`);
  say(
    `  index: ${count(result.events)} events, ${count(result.terms)} terms, ${count(result.postings)} postings, ${count(result.templates)} templates, text spool ${formatBytes(result.storeBytes)} (${((result.storeBytes / bytes) * 100).toFixed(1)}% of the text)`,
  );
}

export interface TargetInputs {
  size: string;
  bytes: number;
  gzip: Measured | null;
  lnav: Measured | null;
  searchCold: CliRun;
  /** The same search and a trace again, from the index cache (null: the cold search failed). */
  searchWarm: CliRun | null;
  traceWarm: CliRun | null;
  analyzeCold: CliRun;
  /** `tarsier compare` of this bundle and another of its size, both in the index cache (null: not run). */
  compareWarm: CliRun | null;
  cliRuns: (CliRun | null)[];
  benchIndex: BenchIndexResult | null;
  benchRun: Measured;
  benchError: string | null;
}

/** The targets block: one line per target, "reached" or "MISSED" (or why it was not measured). */
export function printTargets(say: Say, inputs: TargetInputs): void {
  const { bytes, gzip, lnav, searchCold, analyzeCold, benchIndex } = inputs;
  say(`\ntargets (${inputs.size})`);
  const rows: string[][] = [];
  const target = (name: string, measured: string, value: number, limit: number) =>
    rows.push([name, measured, value <= limit ? 'reached' : 'MISSED']);
  const notMeasured = (name: string, why: string) => rows.push([name, `not measured: ${why}`, '']);
  const versusLnav = (name: string, run: CliRun, limit: number) => {
    if (run.error) notMeasured(name, run.error);
    else if (!lnav) notMeasured(name, 'no lnav figure');
    else
      target(
        name,
        `${seconds(run.run.seconds)} vs lnav ${seconds(lnav.seconds)} = ${ratio(run.run.seconds / lnav.seconds)}`,
        run.run.seconds / lnav.seconds,
        limit,
      );
  };
  versusLnav('search cold ≤ 1.5× lnav', searchCold, 1.5);
  versusLnav('analyze cold ≤ 3× lnav', analyzeCold, 3);
  // The same bundle again through the CLI: the index cache makes it a load, not a read.
  for (const [name, run] of [
    ['search warm ≤ 1.5 s (whole process)', inputs.searchWarm],
    ['trace warm ≤ 1.5 s (whole process)', inputs.traceWarm],
  ] as const) {
    if (!run) notMeasured(name, 'the cold search that fills the index cache failed');
    else if (run.error) notMeasured(name, run.error);
    else target(name, seconds(run.run.seconds), run.run.seconds, 1.5);
  }
  // Issue 18: two bundles, both indexed before, compared by a whole process.
  const compareTarget = 'compare of two indexed bundles ≤ 2 s (whole process)';
  if (!inputs.compareWarm) notMeasured(compareTarget, 'a bundle to compare with could not be read');
  else if (inputs.compareWarm.error) notMeasured(compareTarget, inputs.compareWarm.error);
  else {
    const tookMs = Number(inputs.compareWarm.json?.tookMs);
    target(
      compareTarget,
      `${seconds(inputs.compareWarm.run.seconds)}${Number.isFinite(tookMs) ? ` (summaries + comparison ${milliseconds(tookMs)})` : ''}`,
      inputs.compareWarm.run.seconds,
      2,
    );
  }
  // Peak RSS: the worst of every tarsier process measured here (bench-index included).
  const processes = [
    ...inputs.cliRuns
      .filter((run): run is CliRun => run !== null && run.error === null)
      .map((run) => ({ name: run.name, rss: run.run.peakRssBytes })),
    { name: 'bench-index', rss: inputs.benchRun.ok ? inputs.benchRun.peakRssBytes : null },
  ].filter((entry): entry is { name: string; rss: number } => entry.rss !== null);
  const rssLimit = 1.2 * bytes;
  if (processes.length === 0)
    notMeasured(`peak RSS ≤ 1.2× uncompressed (≤ ${formatBytes(rssLimit)})`, 'no process measured with GNU time');
  else {
    const worst = processes.reduce((a, b) => (b.rss > a.rss ? b : a));
    target(
      `peak RSS ≤ 1.2× uncompressed (≤ ${formatBytes(rssLimit)})`,
      `worst of ${processes.length} tarsier processes: ${worst.name} ${formatBytes(worst.rss)} = ${ratio(worst.rss / bytes)} of ${formatBytes(bytes)}`,
      worst.rss,
      rssLimit,
    );
  }
  if (!benchIndex) {
    const why = inputs.benchError ?? 'bench-index did not run';
    for (const name of ['every search query p95 ≤ 50 ms', 'trace p95 ≤ 20 ms', 'diagnosis ≤ 2 s'])
      notMeasured(name, why);
  } else {
    const searches = benchIndex.queries.filter((query) => query.kind === 'search');
    const slowest = searches.reduce((a, b) => (b.p95 > a.p95 ? b : a), searches[0]);
    if (slowest)
      target('every search query p95 ≤ 50 ms', `worst: ${slowest.name} ${milliseconds(slowest.p95)}`, slowest.p95, 50);
    const trace = benchIndex.queries.find((query) => query.kind === 'trace');
    if (trace) target('trace p95 ≤ 20 ms', milliseconds(trace.p95), trace.p95, 20);
    target('diagnosis ≤ 2 s', seconds(benchIndex.diagnoseMs / 1000), benchIndex.diagnoseMs, 2000);
  }
  printTable(say, ['target', 'measured in this run', ''], rows);
  if (gzip?.ok) {
    const against = [searchCold, analyzeCold]
      .filter((run) => !run.error)
      .map((run) => `${run.name} ${ratio(run.run.seconds / gzip.seconds)}`);
    if (lnav) against.push(`lnav ${ratio(lnav.seconds / gzip.seconds)}`);
    say(`  vs gzip -dc (${seconds(gzip.seconds)}): ${against.join(', ') || '-'}`);
  }
}

/** The case library with 1,000 cases (libraryLookup.ts), against its target. */
export function printLibraryLookup(say: Say, result: LibraryLookupResult): void {
  say(
    `\n== case library: ${count(result.cases)} cases (${result.templatesPerCase} templates, ${result.pinsPerCase} pins each), ${formatBytes(result.bytesOnDisk)} on disk`,
  );
  say(
    `  first use: files read and checked in ${milliseconds(result.readMs)}, search index built in ${milliseconds(result.indexMs)}`,
  );
  const row = (name: string, m: LibraryLookupResult['matches'] | LibraryLookupResult['search'], per: string) => [
    name,
    milliseconds(m.p50),
    milliseconds(m.p95),
    milliseconds(m.cpuP50),
    milliseconds(m.cpuP95),
    per,
  ];
  printTable(
    say,
    ['lookup (warm)', 'p50', 'p95', 'CPU p50', 'CPU p95', 'per lookup'],
    [
      row('libraryMatches', result.matches, `${result.matches.similar.toFixed(1)} similar cases`),
      row('searchLibrary', result.search, `${result.search.hits.toFixed(1)} hits`),
    ],
    [1, 2, 3, 4],
  );
  say(`  (load average ${result.loadAverage.toFixed(1)} when measured: wall times include waiting for a core)`);
  const worst = Math.max(result.matches.p95, result.search.p95);
  printTable(
    say,
    ['target', 'measured in this run', ''],
    [
      [
        `library lookup ≤ 20 ms with ${count(result.cases)} cases`,
        `worst p95 of ${result.lookups} lookups: ${milliseconds(worst)}`,
        worst <= 20 ? 'reached' : 'MISSED',
      ],
    ],
  );
}
