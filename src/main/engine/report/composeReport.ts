/**
 * The case report, built in one pass from what the case knows — the inventory, the diagnosis,
 * the index and the engineer's notes: the files read, the findings and artifacts, the Case tab's
 * fields, each pin with ±N lines of context from its own file, the traces of the ids the case is
 * about, the key events and the chart of the whole case, and the searches that reproduce every
 * excerpt — then redacted when asked. The one input of the JSON, Markdown and PDF writers.
 */
import type { Inventory } from '../../../shared/api.ts';
import { emptyNotes, type CaseNotes } from '../../../shared/caseNotes.ts';
import { epochMs, type EpochMs } from '../../../shared/model.ts';
import { redactReport } from '../../../shared/redact/redactReport.ts';
import type { RedactionOptions } from '../../../shared/redact/redactor.ts';
import { REPORT_SCHEMA, type Report, type ReportPattern, type ReportQuery } from '../../../shared/report.ts';
import { formatIso } from '../../../shared/time.ts';
import { namedZone } from '../../../shared/time/zoneLabel.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';
import { mapComparisonTimes, type CaseComparison } from '../../../shared/compare/compareCases.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { patternList } from '../index/patternList.ts';
import { requestsOfInterest } from '../index/traceId.ts';
import { findingEvents, reportArtifacts, reportFindings, sortByTime } from './reportFindings.ts';
import { reportBundles, reportFiles, reportVersions, stageFiles } from './reportInventory.ts';
import { reportPins } from './reportPins.ts';
import { reportChart, reportTraces } from './reportTraces.ts';

/** What the report is made from and how. */
export interface ComposeOptions {
  notes?: CaseNotes;
  /** Lines before and after each pinned line (the seed uses 50). */
  contextLines?: number;
  language?: 'en' | 'zh';
  generatedAt: EpochMs;
  generator: string;
  /** Null or absent: no redaction. */
  redaction?: RedactionOptions | null;
  /** This case (A) compared with another (B): the report gains a "Compared with" section. */
  comparison?: CaseComparison | null;
}

/** The seed's "±50 lines" around a key line. */
export const DEFAULT_CONTEXT_LINES = 50;
export const MAX_CONTEXT_LINES = 500;
const MAX_TIMELINE_EVENTS = 60;

/** Message templates in the report: those with the most warnings and errors. */
const MAX_REPORT_PATTERNS = 10;

/** The warning/error templates with the most warnings and errors, for "Message patterns". */
function reportPatterns(index: CaseIndex, iso: (t: number | null) => string | null): ReportPattern[] {
  return patternList(index, MAX_REPORT_PATTERNS)
    .patterns.filter((p) => p.errors + p.warnings > 0)
    .map((p) => ({
      id: p.id,
      text: p.text,
      count: p.count,
      errors: p.errors,
      warnings: p.warnings,
      firstTime: iso(p.firstTime),
      lastTime: iso(p.lastTime),
      query: p.query,
    }));
}

/** Composes the full report of an open case. */
export function composeReport(
  index: CaseIndex,
  inventory: Inventory,
  diagnosis: Diagnosis | null,
  options: ComposeOptions,
): Report {
  const zone = index.zone;
  const notes = options.notes ?? emptyNotes();
  const contextLines = Math.max(
    0,
    Math.min(MAX_CONTEXT_LINES, Math.floor(options.contextLines ?? DEFAULT_CONTEXT_LINES)),
  );
  const iso = (t: number | null) => (t === null || !Number.isFinite(t) ? null : formatIso(epochMs(t), zone));
  const redaction =
    options.redaction && (options.redaction.secrets || options.redaction.network) ? options.redaction : null;
  const bundles = reportBundles(inventory, iso);
  const findings = reportFindings(diagnosis, iso);
  const artifacts = reportArtifacts(diagnosis);
  const stage = diagnosis?.stage ?? null;
  const pins = reportPins(
    index,
    notes.pins,
    { contextLines, secrets: redaction?.secrets === true, redacted: redaction !== null },
    iso,
  );
  const traces = reportTraces(index, notes, findings, iso);
  const patterns = reportPatterns(index, iso);
  const pinEvents = pins.map((p) => ({
    time: p.time,
    component: p.component,
    path: p.path,
    line: p.line,
    level: p.level,
    text: p.text,
    source: { kind: 'pin' as const },
  }));
  const queries: ReportQuery[] = [
    ...findings.flatMap((f) =>
      f.query ? [{ what: `finding ${f.rule} in ${f.module}/${f.component}`, query: f.query }] : [],
    ),
    ...pins.map((p) => ({ what: `pin ${p.path}:${p.line}`, query: p.query })),
    ...traces.map((t) => ({ what: `trace ${t.id}`, query: `id:${t.id}` })),
    ...patterns.map((p) => ({ what: `pattern ${p.id}`, query: p.query })),
  ];
  const report: Report = {
    schema: REPORT_SCHEMA,
    generatedAt: formatIso(options.generatedAt, zone),
    generator: options.generator,
    // `local` names no zone to a reader on another machine: the report carries this machine's.
    zone: namedZone(zone),
    bundle: bundles[0],
    bundles,
    files: reportFiles(inventory, iso),
    skipped: inventory.skipped,
    problems: inventory.problems,
    requests: (index.indexed ? requestsOfInterest(index) : []).map((r) => ({
      ...r,
      firstTime: iso(r.firstTime),
      lastTime: iso(r.lastTime),
    })),
    findings,
    artifacts,
    stage: stage ? { id: stage.id, name: stage.name, files: stageFiles(inventory, stage) } : null,
    triage: diagnosis?.triage ?? [],
    case: {
      ticket: notes.ticket,
      customer: notes.customer,
      engineer: notes.engineer,
      statement: notes.statement,
      conclusion: notes.conclusion,
      language: options.language ?? 'en',
      contextLines,
    },
    versions: reportVersions(artifacts),
    timeline: {
      events: sortByTime([...findingEvents(findings), ...pinEvents]).slice(0, MAX_TIMELINE_EVENTS),
      chart: reportChart(index, iso),
    },
    traces,
    patterns,
    pins,
    queries,
    redaction: null,
    ...(options.comparison ? { comparison: mapComparisonTimes(options.comparison, iso) } : {}),
  };
  return redaction ? redactReport(report, redaction) : report;
}
