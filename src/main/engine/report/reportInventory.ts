/** The report's account of what was read: bundles, files in bundle order, the stage's files, the stated versions. */
import type { Inventory } from '../../../shared/api.ts';
import type { CaseArtifacts } from '../../../shared/artifacts/artifactModel.ts';
import type { BundleInfo } from '../../../shared/model.ts';
import type { Report, ReportBundle, ReportFile, ReportStage } from '../../../shared/report.ts';
import { stageWeight, type Stage } from '../../../shared/rules/stages.ts';

type Iso = (t: number | null) => string | null;

/** The bundles of the case. */
export function reportBundles(inventory: Inventory, iso: Iso): ReportBundle[] {
  return inventory.bundles.map((b: BundleInfo): ReportBundle => ({
    name: b.name,
    bytes: b.bytes,
    sha256: b.sha256,
    fileCount: b.fileCount,
    firstTime: iso(b.firstTime),
    lastTime: iso(b.lastTime),
  }));
}

/** The files that were read, in bundle order, then by path. */
export function reportFiles(inventory: Inventory, iso: Iso): ReportFile[] {
  return [...inventory.files]
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

/** The versions the bundle states, one line per service and version. */
export function reportVersions(artifacts: CaseArtifacts): Report['versions'] {
  const seen = new Set<string>();
  const out: Report['versions'] = [];
  for (const v of artifacts.versions) {
    const version = v.gitVersion ?? (v.gitBranch && v.gitCommit ? `${v.gitBranch}(${v.gitCommit})` : v.gitCommit);
    if (!version) continue;
    const component = v.service ?? v.source.path;
    const key = `${component}\u0000${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ component, version, path: v.source.path });
  }
  return out;
}
