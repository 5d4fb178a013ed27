/** The diagnosis as the report states it: findings with ISO times, the artifacts kept, the key events they show. */
import { emptyArtifacts, type CaseArtifacts } from '../../../shared/artifacts/artifactModel.ts';
import type { ReportFinding, ReportTimelineEvent } from '../../../shared/report.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';

type Iso = (t: number | null) => string | null;

/** Groups of a goroutine dump kept in the report (a dump of 100k goroutines has thousands). */
const MAX_REPORT_GROUPS = 50;

/** The diagnosis's findings, each placed in the analysed stage when it belongs there. */
export function reportFindings(diagnosis: Diagnosis | null, iso: Iso): ReportFinding[] {
  const stage = diagnosis?.stage ?? null;
  return (diagnosis?.findings ?? []).map((f) => ({
    rule: f.rule,
    title: f.title,
    ...(f.pattern !== undefined ? { pattern: f.pattern } : {}),
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
    ...(f.place ? { place: f.place } : {}),
    references: f.references,
    query: f.query,
    ...(f.userRule ? { userRule: true as const } : {}),
  }));
}

/** The diagnosis's artifacts, goroutine dumps cut to their largest groups. */
export function reportArtifacts(diagnosis: Diagnosis | null): CaseArtifacts {
  if (!diagnosis) return emptyArtifacts();
  return {
    ...diagnosis.artifacts,
    goroutines: diagnosis.artifacts.goroutines.map((d) => ({ ...d, groups: d.groups.slice(0, MAX_REPORT_GROUPS) })),
  };
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
