/**
 * `tarsier bench-index <bundle> --queries FILE`: a measuring command for `npm run bench` (not
 * for users): reads and indexes the bundle, runs each query of FILE a number of times, and
 * prints one JSON object with the timings and this process's peak RSS; then saves the index to
 * the index cache (a temp folder) and loads it back, timing both.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { diagnoseCase } from '../engine/diagnose/diagnoseCase.ts';
import { loadRules } from '../engine/resources.ts';
import { parseQuery } from '../../shared/search/queryLanguage.ts';
import { indexCase } from '../engine/index/indexCase.ts';
import { loadIndexCache, saveIndexCache } from '../engine/index/indexCache.ts';
import { searchEvents } from '../engine/index/searchIndex.ts';
import { traceId } from '../engine/index/traceId.ts';
import { histogram } from '../engine/index/timelineStats.ts';
import { eventsPage, fileLinesPage } from '../engine/caseQueries.ts';

/** One query of the bench set. */
export interface BenchQuery {
  name: string;
  kind: 'search' | 'trace';
  text: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Runs the command; prints JSON on stdout. */
export async function benchIndex(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { queries: { type: 'string' }, runs: { type: 'string', default: '15' } } });
  if (positionals.length !== 1 || !values.queries) {
    process.stderr.write('tarsier bench-index: give a bundle and --queries FILE\n');
    return 2;
  }
  const queries = JSON.parse(await readFile(values.queries, 'utf8')) as BenchQuery[];
  const runs = Number(values.runs);
  const started = performance.now();
  const outcome = await indexCase(positionals, { zone: 'UTC' });
  if (!outcome.ok) {
    process.stderr.write(`tarsier bench-index: ${outcome.error}\n`);
    return 1;
  }
  const searchableMs = performance.now() - started;
  const { index } = outcome.value;
  // Literal search works before the index is done: time one query in that state.
  const early = queries.find((q) => q.kind === 'search');
  let literalMs: number | null = null;
  if (early && !index.indexed) {
    const parsed = parseQuery(early.text);
    const t0 = performance.now();
    if (parsed.ok) searchEvents(index, parsed.query, { limit: 100 });
    literalMs = performance.now() - t0;
  }
  await outcome.value.indexed;
  const indexedMs = performance.now() - started;
  const results = [];
  for (const q of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      if (q.kind === 'trace') total = traceId(index, q.text).events.length;
      else {
        const parsed = parseQuery(q.text);
        if (!parsed.ok) throw new Error(`bench query ${q.name}: ${parsed.error.message}`);
        total = searchEvents(index, parsed.query, { limit: 100 }).total;
      }
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results.push({ ...q, total, p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  // What the UI asks for while the user scrolls and zooms: a page of the merged log (200 rows,
  // as the events list fetches) and of a file (500 lines, as the viewer does) at spread-out
  // places, and the timeline's histogram over the whole case. Deterministic places, not random.
  const timeIt = (name: string, call: (i: number) => void) => {
    const times: number[] = [];
    for (let i = 0; i < runs * 4; i++) {
      const t0 = performance.now();
      call(i);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { name, p50: percentile(times, 50), p95: percentile(times, 95) };
  };
  const spread = (i: number, n: number) => Math.floor(((i * 7919) % 1000) / 1000 * Math.max(1, n));
  const biggest = index.files.reduce((best, f, i) => (f.record.lines > (index.files[best]?.record.lines ?? -1) ? i : best), 0);
  const ui = [
    timeIt('events page (200 rows)', (i) => eventsPage(index, spread(i, index.size - 200), 200)),
    timeIt('file lines (500 lines)', (i) => fileLinesPage(index, biggest, spread(i, index.files[biggest]?.record.lines ?? 1), 500)),
    timeIt('timeline histogram (600 bins)', () => histogram(index, { bins: 600 })),
  ];
  // The diagnosis (every rule, the artifacts) as `analyze` runs it, with the slowest rules.
  const ruleTimes: { rule: string; ms: number }[] = [];
  const diagnoseStart = performance.now();
  let last = diagnoseStart;
  const rules = loadRules();
  const queryRules = rules.filter((r) => r.query !== null);
  const diagnosis = diagnoseCase(index, outcome.value.inventory, {
    rules,
    onProgress: (done) => {
      const now = performance.now();
      ruleTimes.push({ rule: queryRules[done - 1].spec.id, ms: now - last });
      last = now;
    },
  });
  const diagnoseMs = performance.now() - diagnoseStart;
  ruleTimes.sort((a, b) => b.ms - a.ms);
  const stats = index.indexStats!;
  // Peak RSS of reading and indexing, before the cache's load below holds a second index.
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  // The index cache: save the complete index to a temp folder and load it back.
  const cacheDir = await mkdtemp(join(tmpdir(), 'tarsier-bench-cache-'));
  let cacheSaveMs: number;
  let cacheLoadMs: number;
  let cacheBytes: number;
  try {
    const t0 = performance.now();
    const saved = await saveIndexCache(cacheDir, 'bench', outcome.value, { budgetBytes: null });
    cacheSaveMs = performance.now() - t0;
    if (!saved.ok) throw new Error(`cache save: ${saved.error.message}`);
    cacheBytes = saved.value.bytes;
    const t1 = performance.now();
    const loaded = await loadIndexCache(cacheDir, 'bench');
    cacheLoadMs = performance.now() - t1;
    if (!loaded.ok) throw new Error(`cache load: ${loaded.error.message}`);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
  process.stdout.write(
    JSON.stringify({
      events: index.size,
      terms: stats.terms,
      postings: stats.postings,
      templates: index.patterns.length,
      storeBytes: index.store.compressedBytes,
      searchableMs,
      indexedMs,
      literalMs,
      literalQuery: early?.name ?? null,
      maxRssBytes,
      queries: results,
      ui,
      diagnoseMs,
      rules: rules.length,
      findings: diagnosis.findings.length,
      slowestRules: ruleTimes.slice(0, 5),
      cacheSaveMs,
      cacheLoadMs,
      cacheBytes,
    }) + '\n',
  );
  return 0;
}
