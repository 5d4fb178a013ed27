/**
 * The `tarsier` command. Imports the engine and shared code only (never Electron).
 *   tarsier analyze <bundle>... [--json FILE] [--zone ZONE] [--quiet]
 *   tarsier search <bundle> <query> [--limit N] [--json FILE]
 *   tarsier trace <bundle> <id> [--json FILE]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { epochMs, LEVELS } from '../../shared/model.ts';
import { checkZone } from '../../shared/time.ts';
import { buildReport } from '../engine/report/buildReport.ts';
import { formatBytes } from '../../shared/format.ts';
import { progressPrinter } from './progressPrinter.ts';
import { benchIndex } from './benchIndex.ts';
import { search, trace, SEARCH_USAGE } from './searchCommands.ts';
import { indexCase } from '../engine/index/indexCase.ts';
import { requestsOfInterest } from '../engine/index/traceId.ts';
import { serve, SERVE_USAGE } from './serve.ts';

const VERSION = '0.1.0';
const USAGE = `Tarsier ${VERSION}: offline log-bundle analyzer

Usage:
  tarsier analyze <bundle>... [--json FILE] [--zone ZONE] [--zone-for GLOB=ZONE]... [--quiet]
      Read the bundle(s) (.tar, .tar.gz, .tgz, .zip, .gz, a folder or a log file), print a summary,
      write the report. ZONE reads zone-less timestamps (local, UTC, +08:00, Asia/Shanghai; default
      local); --zone-for overrides it for matching files ("windows/**=+08:00") or a whole bundle
      ("agent.zip:**=UTC").
${SEARCH_USAGE}
${SERVE_USAGE}
  tarsier help
`;

async function analyze(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      zone: { type: 'string', default: 'local' },
      'zone-for': { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (positionals.length === 0) {
    process.stderr.write('tarsier analyze: give at least one bundle\n');
    return 2;
  }
  const zoneProblem = checkZone(values.zone!);
  if (zoneProblem) {
    process.stderr.write(`tarsier analyze: ${zoneProblem}\n`);
    return 2;
  }
  const zoneRules: { glob: string; zone: string }[] = [];
  for (const rule of values['zone-for'] ?? []) {
    const at = rule.lastIndexOf('=');
    if (at <= 0) {
      process.stderr.write(`tarsier analyze: --zone-for wants GLOB=ZONE, got "${rule}"\n`);
      return 2;
    }
    zoneRules.push({ glob: rule.slice(0, at), zone: rule.slice(at + 1) });
  }
  const printer = progressPrinter(values.quiet!);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const outcome = await indexCase(positionals, { zone: values.zone, zoneRules, signal: controller.signal, onProgress: printer.update });
  if (outcome.ok) {
    printer.note('indexing…');
    await outcome.value.indexed;
  }
  printer.done();
  if (!outcome.ok) {
    process.stderr.write(`tarsier analyze: ${outcome.error}\n`);
    return 1;
  }
  const { inventory, index } = outcome.value;
  if (inventory.files.length === 0) {
    process.stderr.write(`tarsier analyze: nothing could be read (${inventory.skipped.length} entries skipped${inventory.skipped[0] ? `, e.g. ${inventory.skipped[0].path}: ${inventory.skipped[0].reason}` : ''})\n`);
    return 1;
  }
  const report = buildReport(inventory, { zone: values.zone!, generatedAt: epochMs(Date.now()), generator: `tarsier ${VERSION}`, requests: requestsOfInterest(index) });
  if (values.json) await writeFile(values.json, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(summary(report));
  return 0;
}

function summary(report: ReturnType<typeof buildReport>): string {
  const out: string[] = [];
  for (const b of report.bundles) {
    out.push(`${b.name}: ${b.fileCount} files, ${formatBytes(b.bytes)}${b.firstTime ? `, ${b.firstTime} → ${b.lastTime}` : ''}`);
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
  const rows = [...byComponent].sort((a, b) => b[1].errors - a[1].errors || b[1].warnings - a[1].warnings || (a[0] < b[0] ? -1 : 1));
  const shown = rows.slice(0, 40);
  if (rows.length > shown.length) out.push(`(the ${shown.length} with most errors of ${rows.length} components; all are in the JSON report)`);
  for (const [key, row] of shown) {
    out.push(`${key.padEnd(40)} ${String(row.files).padStart(6)} ${String(row.lines).padStart(11)} ${String(row.errors).padStart(8)} ${String(row.warnings).padStart(8)}`);
  }
  const levels = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<string, number>;
  for (const f of report.files) for (const l of LEVELS) levels[l] += f.levels[l];
  out.push('', `events by level: ${LEVELS.filter((l) => levels[l] > 0).map((l) => `${l} ${levels[l]}`).join(', ')}`);
  const encodings = new Map<string, number>();
  for (const f of report.files) encodings.set(f.encoding, (encodings.get(f.encoding) ?? 0) + 1);
  out.push(`encodings: ${[...encodings].map(([e, n]) => `${e} ${n}`).join(', ')}`);
  if (report.requests.length > 0) {
    out.push('', `request ids on warnings or errors: ${report.requests.length} (tarsier trace <bundle> <id> follows one)`);
    for (const r of report.requests.slice(0, 10)) out.push(`  ${r.id}  ${r.errors} errors, ${r.warnings} warnings, ${r.events} events in ${r.components.join(', ')}`);
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

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
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
    process.stderr.write(`tarsier ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

