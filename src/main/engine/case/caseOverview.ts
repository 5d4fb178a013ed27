/**
 * The overview of an open case the UI asks for: components, findings (ranked for a stage),
 * artifacts, triage. A pure function of its inventory, index and diagnosis.
 */
import type { Inventory } from '../../../shared/api.ts';
import type { CaseOverview, ComponentSummary } from '../../../shared/caseViews.ts';
import { emptyLevelCounts, LEVELS, type LevelCounts } from '../../../shared/model.ts';
import { rankFindings, type Diagnosis } from '../diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { loadStageTable, loadTriageTrees } from '../platform/resources.ts';

/** Errors and warnings per component, most errors first. */
export function componentSummaries(inventory: Inventory): ComponentSummary[] {
  const byKey = new Map<string, ComponentSummary>();
  for (const f of inventory.files) {
    const key = `${f.module}/${f.component}`;
    let c = byKey.get(key);
    if (!c)
      byKey.set(
        key,
        (c = {
          module: f.module,
          component: f.component,
          files: 0,
          lines: 0,
          levels: emptyLevelCounts(),
          firstTime: null,
          lastTime: null,
        }),
      );
    c.files++;
    c.lines += f.lines;
    for (const level of LEVELS) c.levels[level] += f.levels[level];
    if (f.firstTime !== null && (c.firstTime === null || f.firstTime < c.firstTime)) c.firstTime = f.firstTime;
    if (f.lastTime !== null && (c.lastTime === null || f.lastTime > c.lastTime)) c.lastTime = f.lastTime;
  }
  const bad = (l: LevelCounts) => l.error + l.critical;
  return [...byKey.values()].sort(
    (a, b) =>
      bad(b.levels) - bad(a.levels) ||
      b.levels.warning - a.levels.warning ||
      (a.module + a.component < b.module + b.component ? -1 : 1),
  );
}

/** The overview; findings ranked for `stageId` when given. Fails on an unknown stage. */
export function overviewOf(
  inventory: Inventory,
  index: CaseIndex | null,
  diagnosis: Diagnosis | null,
  stageId: string | null,
): { ok: true; value: CaseOverview } | { ok: false; error: string } {
  const table = loadStageTable();
  const stage = stageId === null ? null : table.stages.find((s) => s.id === stageId);
  if (stage === undefined) return { ok: false, error: `overview: unknown stage "${stageId}"` };
  return {
    ok: true,
    value: {
      indexed: index?.indexed ?? false,
      diagnosed: diagnosis !== null,
      components: componentSummaries(inventory),
      findings: diagnosis ? (stage ? rankFindings(diagnosis.findings, stage) : diagnosis.findings) : [],
      artifacts: diagnosis?.artifacts ?? null,
      triage: diagnosis?.triage ?? [],
      trees: loadTriageTrees(),
      stages: table.stages.map((s) => ({ id: s.id, name: s.name })),
      stage: stage ? { id: stage.id, name: stage.name, entries: stage.entries } : null,
    },
  };
}
