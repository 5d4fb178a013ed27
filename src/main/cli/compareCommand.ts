/**
 * `tarsier compare A B` (issue 18): opens both bundles the way `analyze` does (index cache,
 * rules, artifacts), compares them (engine/compare, shared/compare) and prints what differs. A
 * bundle compared before is not opened again: its summary is kept beside its cached index;
 * `--json` writes the comparison (`tarsier.compare/1`), `--md` the report's "Compared with"
 * section on its own.
 */
import { parseArgs } from 'node:util';
import type { ApiResult } from '../../shared/api.ts';
import {
  compareCases,
  mapComparisonTimes,
  type CaseComparison,
  type CaseSummary,
  type CompareAlignment,
  type CompareRange,
  type TemplateDiff,
} from '../../shared/compare/compareCases.ts';
import { epochMs, type EpochMs } from '../../shared/model.ts';
import { parseTimeValue, resolveTimeAnchor, type TimeAnchor } from '../../shared/search/queryTime.ts';
import { redactJson } from '../../shared/redact/redactReport.ts';
import type { RedactionSummary } from '../../shared/redact/redactor.ts';
import { comparisonOutline, offsetText, type ReportComparison } from '../../shared/reportText/comparisonBlocks.ts';
import { markdownOutline } from '../../shared/reportText/markdownReport.ts';
import { spanText } from '../../shared/reportText/reportOutline.ts';
import { checkZone, formatIso } from '../../shared/time.ts';
import { TARSIER_VERSION } from '../../shared/version.ts';
import { diagnoseOpened, keptSummary, openCase, summarizeOpened, type OpenedCase } from '../engine/case/openCase.ts';
import type { CompiledRule } from '../../shared/rules/ruleSpec.ts';
import { compareDiagnosed, type DiagnosedCase } from '../engine/compare/caseSummary.ts';
import { diagnosisQueries } from '../engine/diagnose/diagnoseCase.ts';
import { loadRules } from '../engine/platform/resources.ts';
import { checkTargets, writeAtomic } from '../engine/report/writeReports.ts';
import { cliCacheDir, cliFormatsDir } from './cliCache.ts';
import { interruptSignal } from './interrupt.ts';
import { progressPrinter } from './progressPrinter.ts';

/** Schema id of `tarsier compare --json`. */
export const COMPARE_SCHEMA = 'tarsier.compare/1';

/** Entries of each section the summary prints. */
const SHOWN = 20;

export const COMPARE_USAGE = `  tarsier compare <A> <B> [--align wall|first-error] [--align-at TIME_A,TIME_B] [--json FILE] [--md FILE]
                  [--lang en|zh] [--redact] [--redact-network] [--formats DIR] [--zone ZONE] [--no-cache] [--quiet]
  tarsier compare <A> [<B>] --range-a FROM,TO --range-b FROM,TO [the options above]
      Compare two bundles (a failing node with a healthy one, before and after a fix): message
      templates only in A or only in B and those whose rate (per minute over each bundle's span)
      changed most, errors and warnings first; findings in one and not the other; versions,
      configuration values (key = value in the bundles' config files, secrets masked), pod states
      and goroutine groups that differ. --align lays B's timeline on A's by wall time (default) or
      from each one's first error; --align-at by two chosen times (ISO, with an offset). --json
      writes the comparison (tarsier.compare/1), --md it as Markdown. --redact and --redact-network
      as for analyze. Each bundle is read once and kept in the index cache. --range-a / --range-b
      compare only the events of A (of B) between two times; without B, two time ranges of A (what
      changed from one period to the next; versions, config, pods and goroutines are then the
      same). Times of --align-at and --range-*: ISO (2025-09-18T08:30, read in the case's zone
      unless it says Z or +08:00) or epoch milliseconds.`;

/** A time of the command line: epoch ms, or an ISO time read in the case's zone unless it has its own. */
type CliTime = { epoch: number } | { anchor: TimeAnchor; offsetMs: number };

function parseCliTime(text: string): CliTime | null {
  const trimmed = text.trim();
  if (/^\d{1,16}$/.test(trimmed)) return { epoch: Number(trimmed) };
  const parsed = parseTimeValue(trimmed);
  return parsed.ok && parsed.anchor.kind === 'absolute' ? { anchor: parsed.anchor, offsetMs: parsed.offsetMs } : null;
}

function resolveCliTime(time: CliTime, zone: string): EpochMs {
  if ('epoch' in time) return epochMs(time.epoch);
  // An absolute anchor always resolves (its parts were checked when parsed).
  return resolveTimeAnchor(time.anchor, time.offsetMs, zone, null) ?? epochMs(Number.NaN);
}

/** `FROM,TO` of --range-a / --range-b, or why not. */
function parseRange(flag: string, text: string | undefined): ApiResult<[CliTime, CliTime] | undefined> {
  if (text === undefined) return { ok: true, value: undefined };
  const parts = text.split(',');
  const times = parts.map(parseCliTime);
  if (parts.length !== 2 || times[0] === null || times[1] === null)
    return { ok: false, error: `${flag} wants FROM,TO (ISO times or epoch ms), got "${text}"` };
  return { ok: true, value: [times[0], times[1]] };
}

/** The parsed command line, or why it is wrong. */
interface CompareArgs {
  a: string;
  /** The same as `a` when only ranges of A are compared. */
  b: string;
  /** `kind: 'event'` times stay unresolved until A's zone is known. */
  alignment: CompareAlignment | { kind: 'event'; at: [CliTime, CliTime] };
  ranges: { a?: [CliTime, CliTime]; b?: [CliTime, CliTime] };
  json?: string;
  md?: string;
  lang: 'en' | 'zh';
  redaction: { secrets: boolean; network: boolean } | null;
  zone: string;
  formats?: string;
  noCache: boolean;
  quiet: boolean;
}

function parseCompareArgs(args: string[]): ApiResult<CompareArgs> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      align: { type: 'string', default: 'wall' },
      'align-at': { type: 'string' },
      'range-a': { type: 'string' },
      'range-b': { type: 'string' },
      json: { type: 'string' },
      md: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      redact: { type: 'boolean', default: false },
      'redact-network': { type: 'boolean', default: false },
      formats: { type: 'string' },
      zone: { type: 'string', default: 'local' },
      'no-cache': { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  const rangeA = parseRange('--range-a', values['range-a']);
  if (!rangeA.ok) return rangeA;
  const rangeB = parseRange('--range-b', values['range-b']);
  if (!rangeB.ok) return rangeB;
  const ranged = rangeA.value !== undefined || rangeB.value !== undefined;
  if (positionals.length !== 2 && !(ranged && positionals.length === 1))
    return {
      ok: false,
      error: ranged
        ? `give one bundle, or two (A and B) (got ${positionals.length})`
        : `give two bundles, A and B (got ${positionals.length})`,
    };
  const lang = values.lang!;
  if (lang !== 'en' && lang !== 'zh') return { ok: false, error: `--lang must be en or zh, got "${lang}"` };
  let alignment: CompareArgs['alignment'];
  if (values['align-at'] !== undefined) {
    const parts = values['align-at'].split(',');
    const times = parts.map(parseCliTime);
    if (parts.length !== 2 || times[0] === null || times[1] === null)
      return { ok: false, error: `--align-at wants TIME_A,TIME_B (ISO times), got "${values['align-at']}"` };
    alignment = { kind: 'event', at: [times[0], times[1]] };
  } else if (values.align === 'wall' || values.align === 'first-error') alignment = { kind: values.align };
  else return { ok: false, error: `--align must be wall or first-error, got "${values.align}"` };
  const zoneProblem = checkZone(values.zone!);
  if (zoneProblem) return { ok: false, error: zoneProblem };
  const network = values['redact-network'] === true;
  return {
    ok: true,
    value: {
      a: positionals[0],
      b: positionals[1] ?? positionals[0],
      alignment,
      ranges: { a: rangeA.value, b: rangeB.value },
      json: values.json,
      md: values.md,
      lang,
      redaction: values.redact || network ? { secrets: true, network } : null,
      zone: values.zone!,
      formats: values.formats,
      noCache: values['no-cache'] === true,
      quiet: values.quiet === true,
    },
  };
}

/** `tarsier compare`; resolves to the exit code. */
export async function compare(args: string[]): Promise<number> {
  const parsed = parseCompareArgs(args);
  if (!parsed.ok) {
    process.stderr.write(`tarsier compare: ${parsed.error}\n`);
    return 2;
  }
  const o = parsed.value;
  const targetProblem = await checkTargets({ json: o.json, md: o.md }, o.a === o.b ? [o.a] : [o.a, o.b]);
  if (targetProblem) {
    process.stderr.write(`tarsier compare: ${targetProblem}\n`);
    return 2;
  }
  const formats = cliFormatsDir('compare', o.formats);
  if (!formats.ok) {
    process.stderr.write(`tarsier compare: ${formats.error}\n`);
    return 2;
  }
  // The zone the cases are read in (an index's zone is the one it was opened with).
  const zone = o.zone;
  const at = (time: CliTime) => resolveCliTime(time, zone);
  const alignment: CompareAlignment =
    'at' in o.alignment ? { kind: 'event', a: at(o.alignment.at[0]), b: at(o.alignment.at[1]) } : o.alignment;
  const ranges: { a?: CompareRange; b?: CompareRange } = {};
  for (const side of ['a', 'b'] as const) {
    const range = o.ranges[side];
    if (!range) continue;
    const [from, to] = range.map(at);
    if (from > to) {
      process.stderr.write(
        `tarsier compare: --range-${side} ends before it starts: ${formatIso(from, zone)} is after ${formatIso(to, zone)}\n`,
      );
      return 2;
    }
    ranges[side] = { from, to };
  }
  const ranged = ranges.a !== undefined || ranges.b !== undefined;
  const interrupt = interruptSignal();
  const opened: OpenedCase[] = [];
  try {
    let rules: CompiledRule[] | null = null;
    // Per side: its whole-case summary (kept from an earlier run, or made and kept), or, when a
    // range is asked for, the open case to summarise over it.
    const summaries: CaseSummary[] = [];
    const cases: DiagnosedCase[] = [];
    let tookMs = 0;
    // Two ranges of one bundle: it is read once, and is both A and B.
    for (const path of o.a === o.b ? [o.a] : [o.a, o.b]) {
      const openOptions = {
        userFormatsDir: formats.dir,
        zone: o.zone,
        cacheDir: o.noCache ? null : cliCacheDir(),
      };
      // A bundle compared before: its summary is kept beside its index, which need not be loaded.
      const kept = ranged ? null : await keptSummary([path], openOptions);
      if (kept) {
        summaries.push(kept);
        continue;
      }
      rules ??= loadRules();
      const printer = progressPrinter(o.quiet);
      const outcome = await openCase([path], {
        ...openOptions,
        signal: interrupt.signal,
        onProgress: printer.update,
        onWork: printer.work,
        standingQueries: diagnosisQueries(rules),
      });
      printer.done();
      if (!outcome.ok) {
        process.stderr.write(`tarsier compare: ${path}: ${outcome.error}\n`);
        return interrupt.exitCode() ?? 1;
      }
      opened.push(outcome.value);
      if (outcome.value.inventory.files.length === 0) {
        process.stderr.write(`tarsier compare: ${path}: nothing could be read\n`);
        return 1;
      }
      const diagnosis = await diagnoseOpened(outcome.value, { signal: interrupt.signal });
      if (ranged) {
        cases.push({ index: outcome.value.index, inventory: outcome.value.inventory, diagnosis });
        continue;
      }
      const started = performance.now();
      summaries.push(await summarizeOpened(outcome.value, diagnosis));
      tookMs += performance.now() - started;
    }
    const started = performance.now();
    const compared = ranged
      ? compareDiagnosed(cases[0], cases[1] ?? cases[0], alignment, ranges)
      : compareCases(summaries[0], summaries[1] ?? summaries[0], alignment);
    tookMs = Math.round(tookMs + performance.now() - started);
    let comparison = isoComparison(compared, zone);
    let redaction: RedactionSummary | null = null;
    if (o.redaction) ({ value: comparison, redaction } = redactJson(comparison, o.redaction));
    process.stdout.write(compareSummary(comparison));
    const written: string[] = [];
    try {
      if (o.json) {
        const doc = {
          schema: COMPARE_SCHEMA,
          generatedAt: formatIso(epochMs(Date.now()), zone),
          generator: `tarsier ${TARSIER_VERSION}`,
          /** Milliseconds the summaries (those not kept from an earlier run) and the comparison took. */
          tookMs,
          comparison,
          redaction,
        };
        await writeAtomic(o.json, `${JSON.stringify(doc, null, 2)}\n`);
        written.push(o.json);
      }
      if (o.md) {
        await writeAtomic(o.md, markdownOutline(comparisonOutline(comparison, o.lang)));
        written.push(o.md);
      }
    } catch (error) {
      process.stderr.write(`tarsier compare: could not write ${(error as Error).message}\n`);
      return 1;
    }
    if (written.length > 0)
      process.stdout.write(
        `\ncomparison written: ${written.join(', ')}${redaction ? ` (redacted: ${redaction.total} replacements)` : ''}\n`,
      );
    return 0;
  } finally {
    interrupt.dispose();
    for (const c of opened) c.close();
  }
}

/** The comparison with ISO times in the case's zone (as the report has them). */
export function isoComparison(c: CaseComparison, zone: string): ReportComparison {
  return mapComparisonTimes(c, (t) => (t === null ? null : formatIso(t, zone)));
}

const rateText = (n: number): string => (n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toPrecision(2));
const LEVEL_MARK = { error: 'ERR ', warning: 'WARN', other: '    ' } as const;

/** The readable summary: each section's first {@link SHOWN} entries. */
export function compareSummary(c: ReportComparison): string {
  const out: string[] = [
    `A: ${c.a.name} (${spanText(c.a.from, c.a.to)}), ${c.a.templates} templates, ${c.a.findings} findings`,
    `B: ${c.b.name} (${spanText(c.b.from, c.b.to)}), ${c.b.templates} templates, ${c.b.findings} findings`,
    `aligned by ${c.alignment.kind === 'event' ? 'the chosen times' : c.alignment.kind}${c.alignment.offsetMs !== 0 ? ` (B moved by ${offsetText(c.alignment.offsetMs)})` : ''}${c.alignment.fallback ? ` — ${c.alignment.fallback}` : ''}`,
  ];
  const section = (title: string, total: number, lines: string[]) => {
    out.push('', `${title}: ${total}`);
    out.push(...lines.slice(0, SHOWN).map((l) => `  ${l}`));
    if (total > Math.min(SHOWN, lines.length)) out.push(`  … ${total - Math.min(SHOWN, lines.length)} more in --json`);
  };
  const template = (d: TemplateDiff<string>) => {
    const s = (d.a ?? d.b)!;
    return `${LEVEL_MARK[d.level]} ${String(s.count).padStart(7)}× ${rateText(s.perMinute).padStart(7)}/min  ${d.text}  [template:${s.id} in ${d.a ? 'A' : 'B'}]`;
  };
  const t = c.templates;
  section('templates only in B', t.totals.onlyB, t.onlyB.map(template));
  section('templates only in A', t.totals.onlyA, t.onlyA.map(template));
  section(
    'templates whose rate changed',
    t.totals.rateChanged,
    t.rateChanged.map(
      (d) =>
        `${LEVEL_MARK[d.level]} ${rateText(d.a!.perMinute).padStart(7)} → ${rateText(d.b!.perMinute).padStart(7)}/min (${d.ratio! >= 1 ? `×${rateText(d.ratio!)}` : `÷${rateText(1 / d.ratio!)}`})  ${d.text}  [template:${d.a!.id} in A, template:${d.b!.id} in B]`,
    ),
  );
  const finding = (f: ReportComparison['findings']['onlyA'][number]) =>
    `${f.severity.toUpperCase().padEnd(8)} ${f.rule} — ${f.module}/${f.component}, ${f.count}× ${spanText(f.firstTime, f.lastTime)}`;
  section('findings only in B', c.findings.onlyB.length, c.findings.onlyB.map(finding));
  section('findings only in A', c.findings.onlyA.length, c.findings.onlyA.map(finding));
  const v = (x: string | null) => x ?? '(none)';
  section(
    'versions that differ',
    c.versions.length,
    c.versions.map((d) => `${d.service}: ${v(d.a)} → ${v(d.b)}`),
  );
  section(
    'configuration that differs',
    c.config.changed.length,
    c.config.changed.map((d) => `${d.path}  ${d.key}: ${v(d.a)} → ${v(d.b)}`),
  );
  if (c.config.onlyA.length > 0) out.push(`  config files only in A: ${c.config.onlyA.slice(0, SHOWN).join(', ')}`);
  if (c.config.onlyB.length > 0) out.push(`  config files only in B: ${c.config.onlyB.slice(0, SHOWN).join(', ')}`);
  const pod = (p: ReportComparison['pods'][number]['a']) =>
    p ? `${p.status} ${p.ready}/${p.containers}, ${p.restarts} restarts` : '(none)';
  section(
    'pods whose state differs',
    c.pods.length,
    c.pods.map((p) => `${p.namespace ? `${p.namespace}/` : ''}${p.key}: ${pod(p.a)} → ${pod(p.b)}`),
  );
  section(
    'goroutine groups that differ',
    c.goroutines.length,
    c.goroutines.map((g) => `${g.topFrame}${g.state ? ` [${g.state}]` : ''}: ${g.a} → ${g.b}`),
  );
  return `${out.join('\n')}\n`;
}
