/**
 * The `tarsier` command. Imports the engine and shared code only (never Electron).
 *   tarsier analyze <bundle>... [--json FILE] [--md FILE] [--pdf FILE] [--redact] [--stage STAGE] [--rules DIR]... [--zone ZONE] [--quiet]
 *   tarsier search <bundle> <query> [--limit N] [--json FILE]
 *   tarsier trace <bundle> <id> [--json FILE]
 *   tarsier compare <A> <B> [--align wall|first-error] [--json FILE] [--md FILE]
 */
import { sweepStaleTemp } from '../engine/platform/tempSpace.ts';
import { interruptSignal } from './interrupt.ts';
import { argProblem, wantsHelp } from './argProblem.ts';
import { parseArgs } from 'node:util';
import { epochMs, LEVELS } from '../../shared/model.ts';
import { checkZone } from '../../shared/time.ts';
import { TARSIER_VERSION } from '../../shared/version.ts';
import { composeReport } from '../engine/report/composeReport.ts';
import { checkTargets, writeReports } from '../engine/report/writeReports.ts';
import { REPORT_OPTIONS, reportSetupOf } from './reportOptions.ts';
import { diagnoseOpened, openCase } from '../engine/case/openCase.ts';
import { diagnosisQueries } from '../engine/diagnose/diagnoseCase.ts';
import { cliCacheDir, cliFormatsDir } from './cliCache.ts';
import { loadRuleSpecs, loadRules, loadStageTable } from '../engine/platform/resources.ts';
import { compileRule, type CompiledRule, type RuleSpec } from '../../shared/rules/ruleSpec.ts';
import type { Report } from '../../shared/report.ts';
import { formatBytes } from '../../shared/format.ts';
import { progressPrinter } from './progressPrinter.ts';
import { benchIndex } from './benchIndex.ts';
import { search, trace, SEARCH_USAGE } from './searchCommands.ts';
import { TIME_OPTIONS, TIME_USAGE, timeRulesOf } from './timeOptions.ts';
import { serve, SERVE_USAGE } from './serve.ts';
import { compare, COMPARE_USAGE } from './compareCommand.ts';
import { compareDiagnosed } from '../engine/compare/caseSummary.ts';
import type { CaseComparison } from '../../shared/compare/compareCases.ts';

const VERSION = TARSIER_VERSION;
const ANALYZE_USAGE = `  tarsier analyze <bundle>... [--json FILE] [--md FILE] [--pdf FILE] [--redact] [--redact-network]
                  [--notes FILE] [--ticket T] [--customer C] [--engineer E] [--context N] [--lang en|zh]
                  [--stage STAGE] [--rules DIR]... [--formats DIR] [--zone ZONE] [--file-zone GLOB=ZONE]...
                  [--file-year GLOB=YEAR]... [--compare B [--align wall|first-error]] [--no-cache] [--quiet]
      Read the bundle(s) (tar, zip, 7z; gz/xz/bz2/zst; a folder or a log file), run the diagnostic
      rules, print a summary with the findings, write the case report as JSON (tarsier.report/1),
      Markdown and/or PDF. --redact masks passwords, tokens, Authorization/cookie values, access and
      secret keys, private keys and connection-string credentials; --redact-network also replaces IPs,
      host names and e-mail addresses by consistent aliases. --notes reads the case's notes and pins
      (JSON: ticket, customer, engineer, statement, conclusion, pins[{path, line, note}]); --context N
      lines around each pin (default 50). --lang: the report's language. STAGE ranks findings and files for
      one stage of the troubleshooting table (install-register, gateway-image-block, data-sync-block,
      host-boot-block, host-cleanup, monitoring, …). --rules adds your own rule files (the format of
      resources/rules, see its README and rule.schema.json). --formats reads your own log formats (the
      format of resources/formats) from DIR instead of the data folder's formats/ (where the app saves
      the formats you define); a format file that does not load is told and left out. ZONE reads zone-less timestamps (local, UTC, +08:00, Asia/Shanghai; default
      local). --compare B adds a "Compared with" section: what differs from bundle B (see tarsier
      compare).
${TIME_USAGE}`;
const USAGE = `Tarsier ${VERSION}: offline log-bundle analyzer

Usage:
${ANALYZE_USAGE}
${SEARCH_USAGE}
${COMPARE_USAGE}
${SERVE_USAGE}
  tarsier help
`;

async function analyze(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      zone: { type: 'string', default: 'local' },
      ...TIME_OPTIONS,
      quiet: { type: 'boolean', short: 'q', default: false },
      stage: { type: 'string' },
      rules: { type: 'string', multiple: true, default: [] },
      formats: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      compare: { type: 'string' },
      align: { type: 'string', default: 'wall' },
      ...REPORT_OPTIONS,
    },
  });
  if (positionals.length === 0) {
    process.stderr.write('tarsier analyze: give at least one bundle\n');
    return 2;
  }
  const stages = loadStageTable().stages;
  const stage = values.stage === undefined ? null : stages.find((s) => s.id === values.stage);
  if (stage === undefined) {
    process.stderr.write(
      `tarsier analyze: unknown stage "${values.stage}"; stages: ${stages.map((s) => s.id).join(', ')}\n`,
    );
    return 2;
  }
  if (values.align !== 'wall' && values.align !== 'first-error') {
    process.stderr.write(`tarsier analyze: --align must be wall or first-error, got "${values.align}"\n`);
    return 2;
  }
  const align = values.align;
  const reportSetup = await reportSetupOf(values);
  // The notes file and the bundle compared with are inputs too: a report must not be written over them.
  const inputs = [
    ...positionals,
    ...(values.notes === undefined ? [] : [values.notes]),
    ...(values.compare === undefined ? [] : [values.compare]),
  ];
  const targetProblem = reportSetup.ok ? await checkTargets(reportSetup.value.targets, inputs) : reportSetup.error;
  if (!reportSetup.ok || targetProblem) {
    process.stderr.write(`tarsier analyze: ${targetProblem}\n`);
    return 2;
  }
  const zoneProblem = checkZone(values.zone!);
  if (zoneProblem) {
    process.stderr.write(`tarsier analyze: ${zoneProblem}\n`);
    return 2;
  }
  const timeRules = timeRulesOf(values);
  if (!timeRules.ok) {
    process.stderr.write(`tarsier analyze: ${timeRules.error}\n`);
    return 2;
  }
  const { zoneRules, yearRules } = timeRules.value;
  // User rules are checked before the bundle is read: a typo must not cost a long read.
  let rules: CompiledRule[];
  try {
    rules = [...loadRules()];
    const ids = new Set(rules.map((r) => r.spec.id));
    for (const dir of values.rules ?? []) {
      for (const spec of loadRuleSpecs(dir)) {
        if (ids.has(spec.id))
          throw new Error(
            `rule ${spec.id}.json in ${dir}: a rule with this id already exists; rename the file and its "id"`,
          );
        ids.add(spec.id);
        rules.push({ ...compileOrThrow(spec), user: true });
      }
    }
  } catch (error) {
    process.stderr.write(`tarsier analyze: ${(error as Error).message}\n`);
    return 2;
  }
  const formats = cliFormatsDir('analyze', values.formats);
  if (!formats.ok) {
    process.stderr.write(`tarsier analyze: ${formats.error}\n`);
    return 2;
  }
  const printer = progressPrinter(values.quiet!);
  const interrupt = interruptSignal();
  const signal = interrupt.signal;
  const outcome = await openCase(positionals, {
    userFormatsDir: formats.dir,
    zone: values.zone,
    zoneRules,
    yearRules,
    signal,
    onProgress: printer.update,
    onWork: printer.work,
    cacheDir: values['no-cache'] ? null : cliCacheDir(),
    standingQueries: diagnosisQueries(rules),
  });
  printer.done();
  if (!outcome.ok) {
    interrupt.dispose();
    process.stderr.write(`tarsier analyze: ${outcome.error}\n`);
    return interrupt.exitCode() ?? 1;
  }
  const opened = outcome.value;
  const { inventory, index } = opened;
  if (inventory.files.length === 0) {
    interrupt.dispose();
    process.stderr.write(
      `tarsier analyze: nothing could be read (${inventory.skipped.length} entries skipped${inventory.skipped[0] ? `, e.g. ${inventory.skipped[0].path}: ${inventory.skipped[0].reason}` : ''})\n`,
    );
    return 1;
  }
  const diagnosis = await diagnoseOpened(opened, {
    stage,
    signal,
    rules: (values.rules ?? []).length > 0 ? rules : undefined,
  });
  let comparison: CaseComparison | null = null;
  if (values.compare !== undefined) {
    // B is opened the same way as A (cache, formats, zone, the same rules).
    const other = await openCase([values.compare], {
      userFormatsDir: formats.dir,
      zone: values.zone,
      zoneRules,
      signal,
      onProgress: printer.update,
      onWork: printer.work,
      cacheDir: values['no-cache'] ? null : cliCacheDir(),
      standingQueries: diagnosisQueries(rules),
    });
    printer.done();
    if (!other.ok || other.value.inventory.files.length === 0) {
      interrupt.dispose();
      if (other.ok) other.value.close();
      process.stderr.write(
        `tarsier analyze: --compare ${values.compare}: ${other.ok ? 'nothing could be read' : other.error}\n`,
      );
      return interrupt.exitCode() ?? 1;
    }
    const otherDiagnosis = await diagnoseOpened(other.value, {
      signal,
      rules: (values.rules ?? []).length > 0 ? rules : undefined,
    });
    comparison = compareDiagnosed(
      { index, inventory, diagnosis },
      { index: other.value.index, inventory: other.value.inventory, diagnosis: otherDiagnosis },
      { kind: align },
    );
    other.value.close();
  }
  interrupt.dispose();
  const report = composeReport(index, inventory, diagnosis, {
    ...reportSetup.value.compose,
    comparison,
    generatedAt: epochMs(Date.now()),
    generator: `tarsier ${VERSION}`,
  });
  process.stdout.write(summary(report));
  const written = await writeReports(report, reportSetup.value.targets, inputs);
  if (!written.ok) {
    process.stderr.write(`tarsier analyze: ${written.error}\n`);
    return 1;
  }
  if (written.value.length > 0)
    process.stdout.write(
      `\nreport written: ${written.value.join(', ')}${report.redaction ? ` (redacted: ${report.redaction.total} replacements)` : ''}\n`,
    );
  return 0;
}

function summary(report: Report): string {
  const out: string[] = [];
  for (const b of report.bundles) {
    out.push(
      `${b.name}: ${b.fileCount} files, ${formatBytes(b.bytes)}${b.firstTime ? `, ${b.firstTime} → ${b.lastTime}` : ''}`,
    );
  }
  const byComponent = new Map<string, { files: number; lines: number; errors: number; warnings: number }>();
  for (const f of report.files) {
    const key = `${f.module}/${f.component}`;
    const row = byComponent.get(key) ?? { files: 0, lines: 0, errors: 0, warnings: 0 };
    row.files++;
    row.lines += f.lines;
    row.errors += f.levels.error + f.levels.critical;
    row.warnings += f.levels.warning;
    byComponent.set(key, row);
  }
  out.push('', 'module/component                          files       lines   errors warnings');
  // Most troubled first; a bundle of 100k tiny files must not print 100k rows.
  const rows = [...byComponent].sort(
    (a, b) => b[1].errors - a[1].errors || b[1].warnings - a[1].warnings || (a[0] < b[0] ? -1 : 1),
  );
  const shown = rows.slice(0, 40);
  if (rows.length > shown.length)
    out.push(`(the ${shown.length} with most errors of ${rows.length} components; all are in the JSON report)`);
  for (const [key, row] of shown) {
    out.push(
      `${key.padEnd(40)} ${String(row.files).padStart(6)} ${String(row.lines).padStart(11)} ${String(row.errors).padStart(8)} ${String(row.warnings).padStart(8)}`,
    );
  }
  const levels = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<string, number>;
  for (const f of report.files) for (const l of LEVELS) levels[l] += f.levels[l];
  out.push(
    '',
    `events by level: ${LEVELS.filter((l) => levels[l] > 0)
      .map((l) => `${l} ${levels[l]}`)
      .join(', ')}`,
  );
  const encodings = new Map<string, number>();
  for (const f of report.files) encodings.set(f.encoding, (encodings.get(f.encoding) ?? 0) + 1);
  out.push(`encodings: ${[...encodings].map(([e, n]) => `${e} ${n}`).join(', ')}`);
  out.push(...findingsSummary(report));
  if (report.requests.length > 0) {
    out.push(
      '',
      `request ids on warnings or errors: ${report.requests.length} (tarsier trace <bundle> <id> follows one)`,
    );
    for (const r of report.requests.slice(0, 10))
      out.push(
        `  ${r.id}  ${r.errors} errors, ${r.warnings} warnings, ${r.events} events in ${r.components.join(', ')}`,
      );
  }
  if (report.skipped.length > 0) {
    out.push('', `skipped ${report.skipped.length} entries:`);
    for (const s of report.skipped.slice(0, 20)) out.push(`  ${s.path}: ${s.reason}`);
    if (report.skipped.length > 20) out.push(`  … ${report.skipped.length - 20} more in the JSON report`);
  }
  if (report.problems.length > 0) {
    out.push('', `problems (${report.problems.length}):`);
    for (const p of report.problems.slice(0, 20)) out.push(`  ${p.path}: ${p.reason}`);
    if (report.problems.length > 20) out.push(`  … ${report.problems.length - 20} more in the JSON report`);
  }
  return out.join('\n') + '\n';
}

function compileOrThrow(spec: RuleSpec): CompiledRule {
  const result = compileRule(spec);
  if (!result.ok) throw new Error(result.error);
  return result.rule;
}

const SEVERITY_MARK: Record<string, string> = { critical: 'CRIT', error: 'ERR ', warning: 'WARN', info: 'INFO' };

function findingsSummary(report: Report): string[] {
  const out: string[] = [];
  if (report.stage) {
    out.push('', `stage ${report.stage.id}: ${report.stage.name.en} (${report.stage.name.zh})`);
    const files = report.stage.files;
    out.push(
      files.length === 0 ? '  no file of this stage is in the bundle' : `  files to read first (${files.length}):`,
    );
    for (const f of files.slice(0, 15)) out.push(`  ${f.highPriority ? '★' : ' '} ${f.path}`);
    if (files.length > 15) out.push(`    … ${files.length - 15} more in the JSON report`);
  }
  if (report.findings.length === 0) {
    out.push('', 'findings: none of the rules matched');
    return out;
  }
  const bySeverity = new Map<string, number>();
  for (const f of report.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  out.push(
    '',
    `findings: ${report.findings.length} (${[...bySeverity].map(([s, n]) => `${n} ${s}`).join(', ')})${report.stage ? `, ranked for stage ${report.stage.id}` : ''}`,
  );
  for (const f of report.findings.slice(0, 25)) {
    out.push(
      `  ${SEVERITY_MARK[f.severity]} [${f.category}] ${f.title.en}${f.pattern !== undefined ? `: ${f.pattern}` : ''} — ${f.module}/${f.component}, ${f.count}×${f.firstTime ? ` ${f.firstTime}${f.lastTime !== f.firstTime ? ` → ${f.lastTime}` : ''}` : ''}`,
    );
    const e = f.evidence[0];
    const cut = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);
    if (e) out.push(`       ${e.path}:${e.line}  ${cut(e.text)}`);
    if (e?.match) out.push(`       ${e.path}:${e.match.line}  ${cut(e.match.text.trim())}`);
  }
  if (report.findings.length > 25) out.push(`  … ${report.findings.length - 25} more in the JSON report`);
  for (const t of report.triage) {
    const path = t.steps.map((step) => step.answer.en).join(' → ');
    out.push('', `triage (${t.title.en}): ${path}${t.handling ? ` → ${t.handling.handling.en}` : ''}`);
  }
  const a = report.artifacts;
  const parts = [
    a.goroutines.length ? `${a.goroutines.length} goroutine dump(s)` : '',
    a.pods.length
      ? `${a.pods.reduce((n, t) => n + t.pods.length, 0)} pods (${a.pods.reduce((n, t) => n + t.notRunning.length, 0)} not running)`
      : '',
    a.versions.length
      ? `versions: ${a.versions
          .slice(0, 6)
          .map((v) => `${v.service ?? '?'} ${v.gitVersion ?? '?'}`)
          .join(', ')}`
      : '',
    a.stats.length ? `${a.stats.length} stats answer(s)` : '',
  ].filter((p) => p !== '');
  if (parts.length > 0) out.push('', `artifacts: ${parts.join('; ')}`);
  return out;
}

/** The usage of each command, printed by its --help and after a bad flag. */
const COMMAND_USAGE: Readonly<Record<string, string>> = {
  analyze: ANALYZE_USAGE,
  search: SEARCH_USAGE,
  trace: SEARCH_USAGE,
  serve: SERVE_USAGE,
  compare: COMPARE_USAGE,
};

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const usage = command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : null;
  if (usage && wantsHelp(rest)) {
    process.stdout.write(`Usage:\n${usage}\n`);
    return 0;
  }
  // What a killed run left in the scratch space (a spooled zip, a spool, uploads) goes now.
  sweepStaleTemp();
  try {
    switch (command) {
      case 'analyze':
        return await analyze(rest);
      case 'search':
        return await search(rest);
      case 'trace':
        return await trace(rest);
      case 'bench-index':
        return await benchIndex(rest);
      case 'serve':
        return await serve(rest);
      case 'compare':
        return await compare(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      case '--version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      default:
        process.stderr.write(`tarsier: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    // A bad flag: one line naming it, then the command's usage (never parseArgs' own words).
    const problem = argProblem(error);
    if (problem) {
      process.stderr.write(`tarsier ${command}: ${problem}\n${usage ? `Usage:\n${usage}\n` : ''}`);
      return 2;
    }
    process.stderr.write(`tarsier ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
