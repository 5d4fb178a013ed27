/** Turns a case inventory into the `tarsier.report/1` JSON document. */
import type { Inventory } from '../../../shared/api.ts';
import type { BundleInfo, EpochMs, ZoneSpec } from '../../../shared/model.ts';
import { emptyArtifacts } from '../../../shared/artifacts/artifactModel.ts';
import { REPORT_SCHEMA, type Report, type ReportBundle, type ReportStage } from '../../../shared/report.ts';
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

/** Builds the report; files are listed in bundle order, then by path. */
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
    findings: (diagnosis?.findings ?? []).map((f) => ({
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
      evidence: f.evidence.map((e) => ({ path: e.path, line: e.line, text: e.text, time: iso(e.time), level: e.level, ...(e.match ? { match: e.match } : {}) })),
      requestIds: f.requestIds,
      advice: f.advice,
      references: f.references,
      query: f.query,
    })),
    artifacts: diagnosis ? { ...diagnosis.artifacts, goroutines: diagnosis.artifacts.goroutines.map((d) => ({ ...d, groups: d.groups.slice(0, MAX_REPORT_GROUPS) })) } : emptyArtifacts(),
    stage: stage ? { id: stage.id, name: stage.name, files: stageFiles(inventory, stage) } : null,
    triage: diagnosis?.triage ?? [],
  };
}

/** The case's files that the stage table names, High Priority first, then by path. */
export function stageFiles(inventory: Inventory, stage: Stage): ReportStage['files'] {
  const files = inventory.files
    .map((f) => ({ path: f.path, module: f.module, component: f.component, weight: stageWeight(stage, `${f.module}/${f.component}`) }))
    .filter((f) => f.weight > 0);
  files.sort((a, b) => b.weight - a.weight || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files.map(({ weight, ...f }) => ({ ...f, highPriority: weight === 2 }));
}
