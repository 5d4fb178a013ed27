/** Turns a case inventory into the `tarsier.report/1` JSON document. */
import type { Inventory } from '../../../shared/api.ts';
import type { BundleInfo, EpochMs, ZoneSpec } from '../../../shared/model.ts';
import { REPORT_SCHEMA, type Report, type ReportBundle } from '../../../shared/report.ts';
import type { RequestSummary } from '../index/traceId.ts';
import { formatIso } from '../../../shared/time.ts';

/** Options of {@link buildReport}. */
export interface ReportOptions {
  zone: ZoneSpec;
  generatedAt: EpochMs;
  generator: string;
  /** Request ids worth attention (from the index). */
  requests?: readonly RequestSummary[];
}

/** Builds the report; files are listed in bundle order, then by path. */
export function buildReport(inventory: Inventory, options: ReportOptions): Report {
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
  };
}
