/**
 * The case library with 1,000 cases (issue 18 part 2: "library lookup ≤ 20 ms with 1,000 cases"):
 * writes 1,000 library files of a realistic size (300 error/warning templates, 20 pinned lines
 * and a few findings each, drawn from one shared vocabulary so that cases overlap) into a temp
 * data folder, loads the library once (reading the files and building the search index), then
 * times `matches` (similar cases and seen-before refs of an open case) and `search` (MiniSearch,
 * fuzzy, prefix, Chinese) warm over 50 lookups each.
 *
 *   npx tsx test/bench/libraryLookup.ts [--cases N] [--lookups N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CaseLibrary } from '../../src/main/engine/library/caseLibrary.ts';
import { writeJsonAtomic } from '../../src/main/engine/platform/jsonFile.ts';
import type { LibraryCase } from '../../src/shared/library/libraryModel.ts';
import { Rng } from '../fixtures/random.ts';

/** What the bench measured (ms unless said). */
export interface LibraryLookupResult {
  cases: number;
  bytesOnDisk: number;
  templatesPerCase: number;
  pinsPerCase: number;
  /** First use: reading and checking the files, then building the search index. */
  readMs: number;
  indexMs: number;
  /** Wall time, and the process's CPU time (a fairer figure on a busy machine). */
  matches: { p50: number; p95: number; cpuP50: number; cpuP95: number; similar: number };
  search: { p50: number; p95: number; cpuP50: number; cpuP95: number; hits: number };
  /** The machine's 1-minute load average when the lookups ended. */
  loadAverage: number;
  lookups: number;
}

const TEMPLATES = 300;
const PINS = 20;
const VOCABULARY = 6_000;

const WORDS =
  'volume instance host network port subnet router image snapshot flavor quota token keystone nova cinder neutron glance placement scheduler compute conductor api agent region zone disk migration replication transfer task job worker queue timeout refused connection database lock session certificate expired mount device driver backend pool storage bucket object upload download checksum mismatch retry failed denied invalid missing unavailable exceeded limit'.split(
    ' ',
  );
const ZH =
  '连接 失败 超时 配额 不足 存储 网络 迁移 证书 过期 数据库 锁定 磁盘 挂载 任务 重试 拒绝 访问 镜像 快照'.split(' ');

const SYLLABLES = 'ka lo mi ne su ta ri po ve xu ba de fi go hu ja ke lu ma no'.split(' ');

/** The shared vocabulary of message templates: the same few thousand recur across cases. */
function templateVocabulary(rng: Rng): { text: string; level: 'error' | 'warning' }[] {
  // Identifiers beside the common words: class, function and resource names (3,000 of them).
  const names = Array.from(
    { length: 3_000 },
    () =>
      `${Array.from({ length: rng.int(2, 4) }, () => rng.pick(SYLLABLES)).join('')}${rng.chance(0.5) ? `_${rng.pick(WORDS)}` : ''}`,
  );
  return Array.from({ length: VOCABULARY }, (_, i) => {
    const words = Array.from({ length: rng.int(5, 12) }, () => (rng.chance(0.3) ? rng.pick(names) : rng.pick(WORDS)));
    const slots = rng.int(1, 3);
    for (let s = 0; s < slots; s++) words.splice(rng.int(0, words.length), 0, '<*>');
    return { text: `${words.join(' ')} (code ${i})`, level: rng.chance(0.6) ? 'error' : 'warning' };
  });
}

/** A skewed pick: low indexes (common templates) far more often than high ones. */
const skewed = (rng: Rng, n: number) => Math.floor(n * rng.next() ** 2.5);

function makeCase(rng: Rng, i: number, vocabulary: { text: string; level: 'error' | 'warning' }[]): LibraryCase {
  const chosen = new Set<number>();
  while (chosen.size < TEMPLATES) chosen.add(skewed(rng, vocabulary.length));
  const templates = [...chosen]
    .map((t) => ({ ...vocabulary[t], count: rng.int(1, 5000) }))
    .sort((a, b) => (a.level === b.level ? b.count - a.count : a.level === 'error' ? -1 : 1));
  const sentence = (n: number) => Array.from({ length: n }, () => rng.pick(WORDS)).join(' ');
  const zh = () => Array.from({ length: rng.int(3, 8) }, () => rng.pick(ZH)).join('');
  return {
    key: rng.hex(64),
    ticket: `TCK-${10_000 + i}`,
    customer: `customer ${rng.int(1, 80)}`,
    problem: sentence(rng.int(8, 20)),
    conclusion: `${rng.chance(0.3) ? zh() : sentence(rng.int(10, 30))}\n${sentence(rng.int(10, 40))}`,
    names: [`sosreport-node${rng.int(1, 500)}-${rng.hex(6)}.tar.xz`],
    savedAt: Date.UTC(2026, 0, 1) + i * 3_600_000,
    findings: Array.from({ length: rng.int(1, 6) }, () => rng.int(1, 60)).map((r) => ({
      rule: `rule-${r}`,
      title: { en: `Rule ${r}: ${sentence(5)}`, zh: `规则 ${r}：${zh()}` },
      severity: rng.pick(['critical', 'error', 'warning', 'info'] as const),
    })),
    templates,
    pins: Array.from({ length: PINS }, () => ({
      path: `var/log/${rng.pick(WORDS)}/${rng.pick(WORDS)}.log`,
      text: `2026-01-0${rng.int(1, 9)} 10:${rng.int(10, 59)}:${rng.int(10, 59)}.${rng.int(100, 999)} ${rng.int(1000, 9999)} ERROR ${rng.pick(WORDS)}.${rng.pick(WORDS)} [req-${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}] ${sentence(rng.int(8, 20))}`,
      note: rng.chance(0.5) ? sentence(rng.int(3, 12)) : '',
    })),
    origin: 'local',
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Writes the library, loads it once, times the warm lookups. */
export async function benchLibraryLookup(
  options: { cases?: number; lookups?: number } = {},
): Promise<LibraryLookupResult> {
  const n = options.cases ?? 1_000;
  const lookups = options.lookups ?? 50;
  const dir = await mkdtemp(join(tmpdir(), 'tarsier-library-bench-'));
  try {
    const rng = new Rng(18_002);
    const vocabulary = templateVocabulary(rng);
    const cases = Array.from({ length: n }, (_, i) => makeCase(rng, i, vocabulary));
    let bytesOnDisk = 0;
    for (const c of cases) {
      await writeJsonAtomic(join(dir, 'library', `${c.key}.json`), c);
      bytesOnDisk += Buffer.byteLength(`${JSON.stringify(c, null, 2)}\n`);
    }
    const library = new CaseLibrary(dir);
    const { readMs, indexMs } = await library.loadTimes();
    // An open case like the library's: a past case's templates, a third of them replaced.
    const opens = Array.from({ length: lookups }, () => {
      const base = rng.pick(cases);
      const templates = base.templates.map((t) => (rng.chance(0.33) ? rng.pick(vocabulary).text : t.text));
      return { key: rng.hex(64), templates, findings: base.findings.map((f) => f.rule) };
    });
    const queries = Array.from({ length: lookups }, (_, i) =>
      [
        () => rng.pick(cases).ticket,
        () => `${rng.pick(WORDS)} ${rng.pick(WORDS)}`,
        () => rng.pick(ZH),
        () => `${rng.pick(WORDS).slice(0, 4)}`,
        () => `${rng.pick(WORDS)}x`, // a typo: fuzzy
      ][i % 5](),
    );
    const time = async (work: () => Promise<number>) => {
      const times: number[] = [];
      const cpu: number[] = [];
      let found = 0;
      for (let i = 0; i < lookups; i++) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        found += await work.call(null);
        const used = process.cpuUsage(cpuStarted);
        times.push(performance.now() - started);
        cpu.push((used.user + used.system) / 1000);
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      return {
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        cpuP50: percentile(cpu, 0.5),
        cpuP95: percentile(cpu, 0.95),
        found: found / lookups,
      };
    };
    let m = 0;
    let q = 0;
    // One round first: the JIT, not the library, is what a first call measures.
    await library.matches(opens[0]);
    await library.search(queries[0], 50);
    const matched = await time(async () => (await library.matches(opens[m++ % lookups])).similar.length);
    const searched = await time(async () => (await library.search(queries[q++ % lookups], 50)).length);
    if (process.env.LIBRARY_BENCH_DETAIL)
      for (const query of queries.slice(0, 10)) {
        const started = performance.now();
        const hits = (await library.search(query, 50)).length;
        console.log(`  ${query}: ${hits} hits, ${(performance.now() - started).toFixed(1)} ms`);
      }
    return {
      cases: n,
      bytesOnDisk,
      templatesPerCase: TEMPLATES,
      pinsPerCase: PINS,
      readMs,
      indexMs,
      matches: { ...matched, similar: matched.found },
      search: { ...searched, hits: searched.found },
      loadAverage: loadavg()[0],
      lookups,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, lookups: { type: 'string' } } });
  const { printLibraryLookup } = await import('./report.ts');
  printLibraryLookup(
    console.log,
    await benchLibraryLookup({
      cases: values.cases ? Number(values.cases) : undefined,
      lookups: values.lookups ? Number(values.lookups) : undefined,
    }),
  );
}
