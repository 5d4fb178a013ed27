/**
 * `tarsier bench-index <bundle> --queries FILE`: a measuring command for `npm run bench` (not
 * for users): opens the bundle as the CLI does (read, index, saved to an index cache in a temp
 * folder), runs each query of FILE a number of times, the UI's pages and the diagnosis, and
 * prints one JSON object with the timings and this process's peak RSS; then opens the bundle
 * again from the cache, timing it.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { diagnoseCase } from '../engine/diagnose/diagnoseCase.ts';
import { loadRules } from '../engine/platform/resources.ts';
import { parseQuery } from '../../shared/search/queryLanguage.ts';
import { openCase } from '../engine/case/openCase.ts';
import { searchEvents } from '../engine/index/searchIndex.ts';
import { traceId } from '../engine/index/traceId.ts';
import { histogram } from '../engine/index/timelineStats.ts';
import { eventsPage, fileLinesPage } from '../engine/index/casePages.ts';
import { FIRST_COUNT_BUDGET_MS } from '../../shared/caseViews.ts';

/** One query of the bench set. */
export interface BenchQuery {
  name: string;
  kind: 'search' | 'trace';
  text: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Runs the command; prints JSON on stdout. */
export async function benchIndex(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { queries: { type: 'string' }, runs: { type: 'string', default: '15' } },
  });
  if (positionals.length !== 1 || !values.queries) {
    process.stderr.write('tarsier bench-index: give a bundle and --queries FILE\n');
    return 2;
  }
  const queries = JSON.parse(await readFile(values.queries, 'utf8')) as BenchQuery[];
  const runs = Number(values.runs);
  const cacheDir = await mkdtemp(join(tmpdir(), 'tarsier-bench-cache-'));
  try {
    const started = performance.now();
    // Read and index into the cache's entry folder (as the CLI and the app do), and save it there.
    const outcome = await openCase(positionals, { zone: 'UTC', cacheDir, cacheBudgetBytes: null });
    if (!outcome.ok) {
      process.stderr.write(`tarsier bench-index: ${outcome.error}\n`);
      return 1;
    }
    const openedMs = performance.now() - started;
    const { index, inventory } = outcome.value;
    const readRss = process.resourceUsage().maxRSS * 1024;
    const results = [];
    for (const q of queries) {
      const times: number[] = [];
      let total = 0;
      let exact = true;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        if (q.kind === 'trace') total = traceId(index, q.text).events.length;
        else {
          const parsed = parseQuery(q.text);
          if (!parsed.ok) throw new Error(`bench query ${q.name}: ${parsed.error.message}`);
          // As the UI first asks: a page of 100, the total counted within its budget (else "counting").
          const result = searchEvents(index, parsed.query, { limit: 100, countBudgetMs: FIRST_COUNT_BUDGET_MS });
          total = result.total;
          exact = result.totalExact;
        }
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      // The exact total, once, as `tarsier search` prints it.
      let fullMs: number | null = null;
      if (q.kind === 'search') {
        const parsed = parseQuery(q.text);
        const t0 = performance.now();
        if (parsed.ok) total = searchEvents(index, parsed.query, { limit: 100 }).total;
        fullMs = performance.now() - t0;
      }
      results.push({
        ...q,
        total,
        exactWithinBudget: exact,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        fullMs,
      });
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
    const spread = (i: number, n: number) => Math.floor((((i * 7919) % 1000) / 1000) * Math.max(1, n));
    const biggest = index.files.reduce(
      (best, f, i) => (f.record.lines > (index.files[best]?.record.lines ?? -1) ? i : best),
      0,
    );
    const ui = [
      timeIt('events page (200 rows)', (i) => eventsPage(index, spread(i, index.size - 200), 200)),
      timeIt('file lines (500 lines)', (i) =>
        fileLinesPage(index, biggest, spread(i, index.files[biggest]?.record.lines ?? 1), 500),
      ),
      timeIt('timeline histogram (600 bins)', () => histogram(index, { bins: 600 })),
    ];
    // The diagnosis (every rule, the artifacts) as `analyze` runs it, with the slowest rules.
    const ruleTimes: { rule: string; ms: number }[] = [];
    const diagnoseStart = performance.now();
    let last = diagnoseStart;
    const rules = loadRules();
    const queryRules = rules.filter((r) => r.query !== null);
    const diagnosis = diagnoseCase(index, inventory, {
      rules,
      onProgress: (done) => {
        const now = performance.now();
        ruleTimes.push({ rule: queryRules[done - 1].spec.id, ms: now - last });
        last = now;
      },
    });
    const diagnoseMs = performance.now() - diagnoseStart;
    ruleTimes.sort((a, b) => b.ms - a.ms);
    const stats = index.indexStats;
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    outcome.value.close();
    // Open the same bundle again: from the cache.
    const t1 = performance.now();
    const again = await openCase(positionals, { zone: 'UTC', cacheDir, cacheBudgetBytes: null });
    const cacheLoadMs = performance.now() - t1;
    if (!again.ok || !again.value.cache.hit)
      throw new Error(`cache load: ${again.ok ? again.value.cache.note : again.error}`);
    again.value.close();
    let cacheBytes = 0;
    for (const name of await readdir(join(cacheDir, outcome.value.cache.key!)))
      cacheBytes += (await stat(join(cacheDir, outcome.value.cache.key!, name))).size;
    process.stdout.write(
      JSON.stringify({
        events: index.size,
        terms: stats.terms,
        postings: stats.postings,
        templates: index.patterns.length,
        storeBytes: index.store.bytes,
        openedMs,
        readRssBytes: readRss,
        maxRssBytes,
        queries: results,
        ui,
        diagnoseMs,
        rules: rules.length,
        findings: diagnosis.findings.length,
        slowestRules: ruleTimes.slice(0, 5),
        cacheLoadMs,
        cacheBytes,
      }) + '\n',
    );
    return 0;
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
