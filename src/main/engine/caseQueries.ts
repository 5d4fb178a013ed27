/**
 * The views of an open case the UI asks for — overview, search pages, timeline pages, file
 * pages — computed from its inventory, index and diagnosis. Pure functions of those; the
 * CaseManager owns the case and its lifecycle.
 */
import type { Inventory } from '../../shared/api.ts';
import type { CaseOverview, ComponentSummary, EventsPage, FileLinesPage, SearchPage } from '../../shared/caseViews.ts';
import { emptyLevelCounts, LEVELS, type LevelCounts } from '../../shared/model.ts';
import { parseQuery } from '../../shared/search/queryLanguage.ts';
import { rankFindings, type Diagnosis } from './diagnose/diagnoseCase.ts';
import type { CaseIndex } from './index/caseIndex.ts';
import { searchEvents } from './index/searchIndex.ts';
import { loadStageTable, loadTriageTrees } from './platform/resources.ts';

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

/**
 * One page of hits; a query that does not parse comes back with `syntaxError` set. With
 * `countBudgetMs` the total is counted for at most that long after the page is filled.
 */
export function searchPage(
  index: CaseIndex,
  query: string,
  offset: number,
  limit: number,
  countBudgetMs?: number,
): SearchPage {
  const started = performance.now();
  const empty = { query, total: 0, totalExact: true, byComponent: [], offset, hits: [], indexed: index.indexed };
  const parsed = parseQuery(query);
  if (!parsed.ok) return { ...empty, syntaxError: parsed.error, tookMs: 0 };
  const result = searchEvents(index, parsed.query, { offset, limit, countBudgetMs });
  return {
    query,
    syntaxError: null,
    total: result.total,
    totalExact: result.totalExact,
    byComponent: result.byComponent,
    offset,
    hits: result.hits,
    indexed: result.indexed,
    tookMs: Math.round(performance.now() - started),
  };
}

/** One page of the merged timeline, from `offset` or from the first event at or after `at`. */
export function eventsPage(index: CaseIndex, offset: number, limit: number, at?: number): EventsPage {
  const start = at === undefined ? offset : index.positionAt(at);
  return { total: index.size, offset: start, rows: index.window(start, limit) };
}

/** Lines of one file with the events that start on them; null when the file index is unknown. */
export function fileLinesPage(index: CaseIndex, file: number, from: number, count: number): FileLinesPage | null {
  const f = index.files[file];
  if (!f) return null;
  const total = f.record.lines;
  const start = Math.min(Math.max(1, from), Math.max(1, total));
  const n = Math.max(0, Math.min(count, total - start + 1));
  const lines = f.store >= 0 && n > 0 ? index.store.readLines(f.store, start, n) : [];
  // Events of a file are in line order: find the first one on or after `start`.
  const line = index.events.line;
  let lo = f.first;
  let hi = f.first + f.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (line[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  const heads: FileLinesPage['heads'] = [];
  for (let e = lo; e < f.first + f.count && line[e] < start + n; e++)
    heads.push({ line: line[e], level: LEVELS[index.events.level[e]], event: e });
  return {
    file,
    path: f.record.path,
    module: f.record.module,
    component: f.record.component,
    total,
    from: start,
    lines,
    heads,
  };
}
