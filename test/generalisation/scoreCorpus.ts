/**
 * The generalisation corpus (test/fixtures/generalisation/, issue 16) and its scorer. Each corpus
 * file is one bundle: its files (paths as the seed's log path table puts them), healthy lines made
 * by the fixture generators around the incident lines, and the incident lines in real wordings
 * (each with its source). The scorer writes each bundle to a temporary folder, reads and diagnoses
 * it as `tarsier analyze` does (indexCase, then diagnoseCase) and classifies each incident:
 * - found: a finding of the expected category covers the expected line;
 * - wrong-category: findings cover the line, none of the expected category;
 * - missed: no finding covers the line.
 * A noise bundle counts its findings of error severity or worse (it should have none).
 *
 *   npx tsx test/generalisation/scoreCorpus.ts [--json]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diagnoseCase } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { indexCase, releaseSpool } from '../../src/main/engine/index/indexCase.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import type { Finding } from '../../src/shared/rules/finding.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import * as N from '../fixtures/noise.ts';
import type { NoiseFn } from '../fixtures/noise.ts';
import { Rng } from '../fixtures/random.ts';
import type { Rec } from '../fixtures/records.ts';
import { localTime } from '../fixtures/timefmt.ts';
import { DEFAULT_START, makeWorld, type World } from '../fixtures/world.ts';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'generalisation');

/** One line written by the corpus, with where its wording comes from. */
export interface SourcedLine {
  text: string;
  source: string;
  /**
   * Seconds from the incident time at which the line is written (default: the previous line's,
   * 0 for the first): lines before 0 go among the healthy lines, in time order.
   */
  atSeconds?: number;
}

export interface CorpusFile {
  /** Path inside the bundle (POSIX). */
  path: string;
  /** Healthy lines around the incident lines, from a named generator. */
  healthy?: { generator: string; count: number };
  /** `kubectl-timestamps`: every healthy line gets the RFC3339Nano prefix `kubectl logs --timestamps` writes. */
  prefix?: 'kubectl-timestamps';
  /** The incident lines, written in this order at the incident time. */
  incident: SourcedLine[];
}

export interface Expected {
  category: string;
  /** The category is not one the rules use yet (named here for the lead). */
  newCategory: boolean;
  stage: string;
  path: string;
  line: string;
  /**
   * The line as Tarsier reads it, when that differs from the file's text: a HAR document is read
   * as one line per request (`TIME METHOD URL → STATUS (N ms)`), not as its JSON lines.
   */
  read?: string;
  advice: string;
}

export interface CorpusItem {
  id: string;
  kind: 'incident' | 'noise';
  title: string;
  /** The cause of issue 16 this bundle stands for. */
  cause: string;
  expected?: Expected;
  files: CorpusFile[];
}

/** Reads every `*.json` of the corpus folder, sorted by id. */
export function loadCorpus(dir = CORPUS_DIR): CorpusItem[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const item = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CorpusItem;
      if (`${item.id}.json` !== name) throw new Error(`${join(dir, name)}: id "${item.id}" is not the file name`);
      return item;
    });
}

/** The incident time of every bundle: the seed's 2025-09-18 16:24:31 (+08:00, as the fixture generators write). */
export const INCIDENT_TIME = localTime(2025, 9, 18, 16, 24, 31);
const BEFORE_MS = 30 * 60_000;
const AFTER_MS = 5 * 60_000;

const SYSLOG_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
/** Wall clock at +08:00, the zone of the fixture generators. */
function wall(t: number): Date {
  return new Date(t + 8 * 3600_000);
}
function syslogTime(t: number): string {
  const d = wall(t);
  return `${SYSLOG_MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
function isoLocal(t: number): string {
  const d = wall(t);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
const rec = (t: number, text: string): Rec => ({ t, text, lines: 1, heads: 1, level: 'info' });

/** Healthy syslog chatter of a host (systemd sessions, cron, logind): the everyday lines of /var/log/messages. */
function syslogNoise(host: string): NoiseFn {
  return (r, t) => {
    const at = `${syslogTime(t)} ${host}`;
    switch (r.int(0, 3)) {
      case 0:
        return rec(t, `${at} systemd[1]: Started Session ${r.int(100, 9999)} of user root.`);
      case 1:
        return rec(t, `${at} systemd-logind[${r.int(600, 900)}]: New session ${r.int(100, 9999)} of user root.`);
      case 2:
        return rec(t, `${at} CROND[${r.int(10000, 40000)}]: (root) CMD (/usr/lib64/sa/sa1 1 1)`);
      default:
        return rec(t, `${at} systemd[1]: Starting Cleanup of Temporary Directories...`);
    }
  };
}

/** RabbitMQ 3.6 report blocks (two lines each): connections accepted and closed. */
function rabbitmqNoise(): NoiseFn {
  return (r, t) => {
    const d = wall(t);
    const head = `=INFO REPORT==== ${d.getUTCDate()}-${SYSLOG_MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}::${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ===`;
    const conn = `<0.${r.int(1000, 9999)}.0> (127.0.0.1:${r.int(30000, 60000)} -> 127.0.0.1:5672)`;
    const body = r.int(0, 1) === 0 ? `accepting AMQP connection ${conn}` : `closing AMQP connection ${conn}`;
    return { t, text: `${head}\n${body}`, lines: 2, heads: 1, level: 'info' };
  };
}

/** MariaDB error log notes of a running server. */
function mariadbNoise(): NoiseFn {
  return (r, t) =>
    rec(
      t,
      r.int(0, 1) === 0
        ? `${isoLocal(t)} 0 [Note] InnoDB: Buffer pool(s) load completed at ${isoLocal(t).slice(2).replace(/-/g, '')}`
        : `${isoLocal(t)} ${r.int(5, 90)} [Note] Event Scheduler: Loaded 0 events`,
    );
}

function generator(name: string, w: World): NoiseFn {
  const console: Record<string, (w: World) => NoiseFn> = {
    'porter-api': N.porterApiNoise,
    'porter-migration': N.porterMigrationNoise,
    'proxy-api': N.proxyApiNoise,
    'proxy-engine': N.proxyEngineNoise,
    'storplus-api': N.storplusApiNoise,
    'storplus-engine': N.storplusEngineNoise,
    'storplus-migration': N.storplusMigrationNoise,
    'unicloud-api': N.unicloudApiNoise,
    'unicloud-engine': N.unicloudEngineNoise,
    'mistral-server': N.mistralNoise,
    'atomy-unicloud': N.atomyUnicloudNoise,
    'owl-engine': N.owlEngineNoise,
    'hamal-period': N.hamalPeriodNoise,
    linux_agent: N.linuxAgentNoise,
    region: N.regionNoise,
    host: N.hostNoise,
  };
  if (console[name]) return console[name](w);
  if (name.startsWith('syslog:')) return syslogNoise(name.slice('syslog:'.length));
  if (name === 'rabbitmq') return rabbitmqNoise();
  if (name === 'mariadb') return mariadbNoise();
  throw new Error(`generalisation corpus: unknown healthy generator "${name}"`);
}

/** `kubectl logs --timestamps`: RFC3339Nano in UTC and a space before every line. */
function kubectlPrefix(t: number, text: string): string {
  const stamp = new Date(t).toISOString().replace('Z', '000000Z');
  return text
    .split('\n')
    .map((line) => `${stamp} ${line}`)
    .join('\n');
}

/** The text of one bundle file: healthy records around the incident time and the incident lines, in time order. */
export function renderFile(item: CorpusItem, file: CorpusFile): string {
  const timed: { t: number; order: number; text: string }[] = [];
  let offset = 0;
  file.incident.forEach((line, i) => {
    offset = line.atSeconds ?? offset;
    // Incident lines go after healthy records of the same time (order ≥ 1e6), in their own order.
    timed.push({ t: INCIDENT_TIME + offset * 1000, order: 1e6 + i, text: line.text });
  });
  if (file.healthy) {
    const w = makeWorld(1, DEFAULT_START);
    const noise = generator(file.healthy.generator, w);
    const r = Rng.derive(1, `${item.id}/${file.path}`);
    const before = Math.round(file.healthy.count * 0.8);
    const after = file.healthy.count - before;
    const emit = (t: number, order: number) => {
      const text = noise(r, t).text;
      timed.push({ t, order, text: file.prefix === 'kubectl-timestamps' ? kubectlPrefix(t, text) : text });
    };
    for (let i = 0; i < before; i++) emit(INCIDENT_TIME - BEFORE_MS + Math.floor((i * (BEFORE_MS - 2000)) / before), i);
    for (let i = 0; i < after; i++) emit(INCIDENT_TIME + 2000 + Math.floor((i * AFTER_MS) / after), before + i);
  }
  timed.sort((a, b) => a.t - b.t || a.order - b.order);
  return `${timed.map((x) => x.text).join('\n')}\n`;
}

/** Writes a bundle's files under `dir`. */
export function writeBundle(item: CorpusItem, dir: string): void {
  for (const file of item.files) {
    const full = join(dir, ...file.path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, renderFile(item, file));
  }
}

export type Verdict = 'found' | 'wrong-category' | 'missed';

export interface ItemScore {
  id: string;
  kind: 'incident' | 'noise';
  expected: string;
  /** Findings covering the expected line, `rule/category` (incidents), or the error findings (noise). */
  got: string[];
  verdict: Verdict | 'clean' | 'noisy';
  /** Findings of error severity or worse in the bundle. */
  errorFindings: number;
  /** Every finding of the bundle, `rule/category/severity@component` (what fired elsewhere). */
  all: string[];
}

export interface CorpusScore {
  items: ItemScore[];
  totals: {
    incidents: number;
    found: number;
    wrongCategory: number;
    missed: number;
    noise: number;
    noiseFindings: number;
  };
}

/** The event of a file that holds a line (first or continuation), or -1. */
function eventOfLine(index: CaseIndex, pathSuffix: string, line: string): number {
  for (const f of index.files) {
    if (!f.record.path.endsWith(pathSuffix)) continue;
    for (let e = f.first; e < f.first + f.count; e++) if (index.eventLines(e).includes(line)) return e;
  }
  return -1;
}

/** Whether a finding covers the line: its evidence shows it, or its query finds the line's event. */
function covers(index: CaseIndex, finding: Finding, event: number, line: string): boolean {
  if (finding.evidence.some((e) => e.text === line || e.match?.text === line || (event >= 0 && e.event === event)))
    return true;
  if (finding.query === null || event < 0) return false;
  const parsed = parseQuery(finding.query);
  if (!parsed.ok) throw new Error(`finding ${finding.rule}: its query does not parse: ${parsed.error.message}`);
  return matchingEvents(index, parsed.query).events.has(event);
}

const isError = (f: Finding) => f.severity === 'error' || f.severity === 'critical';

/** Builds, reads and diagnoses one bundle, and scores it. */
export async function scoreItem(item: CorpusItem): Promise<ItemScore> {
  const dir = mkdtempSync(join(tmpdir(), `tarsier-generalisation-${item.id}-`));
  try {
    writeBundle(item, dir);
    const opened = await indexCase([dir], { zone: 'UTC', indexMode: 'inline' });
    if (!opened.ok) throw new Error(`generalisation bundle ${item.id}: ${opened.error}`);
    try {
      const { index, inventory } = opened.value;
      const findings = diagnoseCase(index, inventory).findings;
      const errorFindings = findings.filter(isError);
      const all = findings.map((f) => `${f.rule}/${f.category}/${f.severity}@${f.component}`);
      if (item.kind === 'noise' || !item.expected)
        return {
          id: item.id,
          kind: 'noise',
          expected: 'no error finding',
          got: errorFindings.map((f) => `${f.rule}/${f.category}`),
          verdict: errorFindings.length === 0 ? 'clean' : 'noisy',
          errorFindings: errorFindings.length,
          all,
        };
      const { expected } = item;
      const seen = expected.read ?? expected.line;
      const event = eventOfLine(index, expected.path, seen);
      const covering = findings.filter((f) => covers(index, f, event, seen));
      const verdict: Verdict = covering.some((f) => f.category === expected.category)
        ? 'found'
        : covering.length > 0
          ? 'wrong-category'
          : 'missed';
      return {
        id: item.id,
        kind: 'incident',
        expected: expected.category,
        got: covering.map((f) => `${f.rule}/${f.category}`),
        verdict,
        errorFindings: errorFindings.length,
        all,
      };
    } finally {
      releaseSpool(opened.value);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Scores the whole corpus, one bundle after the other. */
export async function scoreCorpus(items = loadCorpus()): Promise<CorpusScore> {
  const scored: ItemScore[] = [];
  for (const item of items) scored.push(await scoreItem(item));
  const incidents = scored.filter((s) => s.kind === 'incident');
  const noise = scored.filter((s) => s.kind === 'noise');
  return {
    items: scored,
    totals: {
      incidents: incidents.length,
      found: incidents.filter((s) => s.verdict === 'found').length,
      wrongCategory: incidents.filter((s) => s.verdict === 'wrong-category').length,
      missed: incidents.filter((s) => s.verdict === 'missed').length,
      noise: noise.length,
      noiseFindings: noise.reduce((n, s) => n + s.errorFindings, 0),
    },
  };
}

/** One line of totals, as the bench prints it. */
export function formatTotals(t: CorpusScore['totals']): string {
  return `generalisation corpus: ${t.found}/${t.incidents} found, ${t.wrongCategory} wrong category, ${t.missed} missed; ${t.noise} noise bundles, ${t.noiseFindings} error findings on noise`;
}

/** The table: incident, expected, got, verdict. */
export function formatTable(score: CorpusScore): string {
  const rows = score.items.map((s) => [s.id, s.expected, s.got.join(', ') || '-', s.verdict]);
  const head = ['incident', 'expected', 'got', 'verdict'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(width[i]))
      .join('  ')
      .trimEnd();
  return [fmt(head), fmt(width.map((n) => '-'.repeat(n))), ...rows.map(fmt), '', formatTotals(score.totals)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const score = await scoreCorpus();
  process.stdout.write(
    process.argv.includes('--json') ? `${JSON.stringify(score, null, 2)}\n` : `${formatTable(score)}\n`,
  );
}
