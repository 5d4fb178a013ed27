/** Turns a case inventory into the `tarsier.report/1` JSON document. */
import type { Inventory } from '../../../shared/api.ts';
import type { BundleInfo, EpochMs, ZoneSpec } from '../../../shared/model.ts';
import { emptyArtifacts, type CaseArtifacts } from '../../../shared/artifacts/artifactModel.ts';
import {
  REPORT_SCHEMA,
  type Report,
  type ReportBundle,
  type ReportFinding,
  type ReportStage,
  type ReportTimelineEvent,
} from '../../../shared/report.ts';
import { stageWeight, type Stage } from '../../../shared/rules/stages.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';
import type { RequestSummary } from '../index/traceId.ts';
import { formatIso } from '../../../shared/time.ts';

/** Options of {@link buildReport}. */
export interface ReportOptions {
  zone: ZoneSpec;
  generatedAt: EpochMs;
  generator: string;
  /** Request ids worth attention (from the index). */
  requests?: readonly RequestSummary[];
  /** Findings and artifacts (from the diagnosis). */
  diagnosis?: Diagnosis;
}

/** Groups of a goroutine dump kept in the report (a dump of 100k goroutines has thousands). */
const MAX_REPORT_GROUPS = 50;

/**
 * Builds the report from what `analyze` knows (inventory, requests, diagnosis); files are listed
 * in bundle order, then by path. The case's own parts (notes, pins with context, traces, the
 * chart) are added by composeReport, which has the index.
 */
export function buildReport(inventory: Inventory, options: ReportOptions): Report {
  const diagnosis = options.diagnosis;
  const stage = diagnosis?.stage ?? null;
  const iso = (t: EpochMs | null) => (t === null ? null : formatIso(t, options.zone));
  const bundleOf = (b: BundleInfo): ReportBundle => ({
    name: b.name,
    bytes: b.bytes,
    sha256: b.sha256,
    fileCount: b.fileCount,
    firstTime: iso(b.firstTime),
    lastTime: iso(b.lastTime),
  });
  const bundles = inventory.bundles.map(bundleOf);
  const files = [...inventory.files]
    .sort((a, b) => a.bundle - b.bundle || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({
      path: f.path,
      bundle: inventory.bundles[f.bundle]?.name ?? String(f.bundle),
      module: f.module,
      component: f.component,
      kind: f.kind,
      format: f.format,
      encoding: f.encoding,
      bytes: f.bytes,
      lines: f.lines,
      events: f.events,
      firstTime: iso(f.firstTime),
      lastTime: iso(f.lastTime),
      levels: f.levels,
      linesCut: f.linesCut,
      invalidBytes: f.invalidBytes,
      incomplete: f.incomplete,
    }));
  const findings: ReportFinding[] = (diagnosis?.findings ?? []).map((f) => ({
    rule: f.rule,
    title: f.title,
    severity: f.severity,
    category: f.category,
    module: f.module,
    component: f.component,
    stage: stage && (f.stages.length === 0 || f.stages.includes(stage.id)) ? stage.id : (f.stages[0] ?? null),
    stages: f.stages,
    count: f.count,
    firstTime: iso(f.firstTime),
    lastTime: iso(f.lastTime),
    evidence: f.evidence.map((e) => ({
      path: e.path,
      line: e.line,
      text: e.text,
      time: iso(e.time),
      level: e.level,
      ...(e.match ? { match: e.match } : {}),
    })),
    requestIds: f.requestIds,
    advice: f.advice,
    references: f.references,
    query: f.query,
  }));
  const artifacts = diagnosis
    ? {
        ...diagnosis.artifacts,
        goroutines: diagnosis.artifacts.goroutines.map((d) => ({ ...d, groups: d.groups.slice(0, MAX_REPORT_GROUPS) })),
      }
    : emptyArtifacts();
  return {
    schema: REPORT_SCHEMA,
    generatedAt: formatIso(options.generatedAt, options.zone),
    generator: options.generator,
    zone: options.zone,
    bundle: bundles[0],
    bundles,
    files,
    skipped: inventory.skipped,
    problems: inventory.problems,
    requests: (options.requests ?? []).map((r) => ({ ...r, firstTime: iso(r.firstTime), lastTime: iso(r.lastTime) })),
    findings,
    artifacts,
    stage: stage ? { id: stage.id, name: stage.name, files: stageFiles(inventory, stage) } : null,
    triage: diagnosis?.triage ?? [],
    case: null,
    versions: versionsOf(artifacts),
    timeline: { events: findingEvents(findings), chart: null },
    traces: [],
    pins: [],
    queries: findings.flatMap((f) =>
      f.query ? [{ what: `finding ${f.rule} in ${f.module}/${f.component}`, query: f.query }] : [],
    ),
    redaction: null,
  };
}

/** The versions the bundle states, one line per service and version. */
function versionsOf(artifacts: CaseArtifacts): Report['versions'] {
  const seen = new Set<string>();
  const out: Report['versions'] = [];
  for (const v of artifacts.versions) {
    const version = v.gitVersion ?? v.gitCommit;
    if (!version) continue;
    const component = v.service ?? v.source.path;
    const key = `${component}\u0000${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ component, version, path: v.source.path });
  }
  return out;
}

/** Each finding's first evidence line (once, with every rule it shows), in time order (lines without a time last). */
export function findingEvents(findings: readonly ReportFinding[]): ReportTimelineEvent[] {
  const byLine = new Map<string, ReportTimelineEvent & { source: { kind: 'finding'; rules: string[] } }>();
  for (const f of findings) {
    const e = f.evidence[0];
    if (!e) continue;
    const key = `${e.path}\u0000${e.line}`;
    const seen = byLine.get(key);
    if (seen) {
      if (!seen.source.rules.includes(f.rule)) seen.source.rules.push(f.rule);
    } else
      byLine.set(key, {
        time: e.time,
        component: `${f.module}/${f.component}`,
        path: e.path,
        line: e.line,
        level: e.level,
        text: e.text,
        source: { kind: 'finding', rules: [f.rule] },
      });
  }
  return sortByTime([...byLine.values()]);
}

/** ISO times with offsets do not sort as text across zones; compare the instants. */
export function sortByTime<T extends { time: string | null }>(items: T[]): T[] {
  const at = (t: string | null) => (t === null ? Number.POSITIVE_INFINITY : Date.parse(t));
  return [...items].sort((a, b) => at(a.time) - at(b.time));
}

/** The case's files that the stage table names, High Priority first, then by path. */
export function stageFiles(inventory: Inventory, stage: Stage): ReportStage['files'] {
  const files = inventory.files
    .map((f) => ({
      path: f.path,
      module: f.module,
      component: f.component,
      weight: stageWeight(stage, `${f.module}/${f.component}`),
    }))
    .filter((f) => f.weight > 0);
  files.sort((a, b) => b.weight - a.weight || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files.map(({ weight, ...f }) => ({ ...f, highPriority: weight === 2 }));
}
