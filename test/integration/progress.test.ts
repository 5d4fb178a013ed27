// The progress of opening a case, as the UI receives it: every phase is pushed in order, each
// measured with done <= total never going back and ending at done == total; a search asked
// before the index is attached answers with every hit there is, not with what was indexed so far.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import type { CaseStatus } from '../../src/shared/api.ts';
import type { SearchPage } from '../../src/shared/caseViews.ts';
import { WORK_PHASES, type WorkProgress } from '../../src/shared/progress.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

let dir: string;
let bundle: string;
let manifest: Manifest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-progress-'));
  bundle = join(dir, 'case.tar.gz');
  manifest = await generateBundle({ seed: 11, targetBytes: 6_000_000, outPath: bundle });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Opens the bundle in a fresh manager with its own cache; the statuses it pushed, and the search asked at once. */
async function openAndWatch(query: string) {
  const manager = new CaseManager({ cacheDir: await mkdtemp(join(dir, 'cache-')) });
  const statuses: CaseStatus[] = [];
  manager.onCaseEvent((event) => {
    if (event.kind === 'status') statuses.push(event.status);
  });
  const opened = await manager.openCase({ paths: [bundle], zone: manifest.timeZone });
  if (!opened.ok) throw new Error(opened.error);
  const caseId = opened.value.caseId;
  const before = await manager.caseStatus({ caseId });
  const early = manager.search({ caseId, query, limit: 50 });
  await manager.diagnosed(caseId);
  const late = await manager.search({ caseId, query, limit: 50 });
  await manager.closeCase({ caseId });
  return { statuses, before, early: await early, late };
}

const value = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('progress of opening a case', () => {
  it('pushes every phase in order, each measured and ending at done == total', async () => {
    const query = manifest.incidents[0].requestIds[0] ?? manifest.incidents[0].keywords[0];
    const { statuses } = await openAndWatch(query);
    const works = statuses.map((s) => s.progress.work).filter((w): w is WorkProgress => !!w);
    const order: string[] = [];
    for (const w of works) if (order.at(-1) !== w.phase) order.push(w.phase);
    expect(order).toEqual([...WORK_PHASES]);
    for (const phase of WORK_PHASES) {
      const seen = works.filter((w) => w.phase === phase);
      for (const [i, w] of seen.entries()) {
        expect(w.done, `${phase} done <= total`).toBeLessThanOrEqual(w.total);
        expect(w.fraction).toBeGreaterThanOrEqual(0);
        expect(w.fraction).toBeLessThanOrEqual(1);
        if (i > 0) expect(w.done, `${phase} done never goes back`).toBeGreaterThanOrEqual(seen[i - 1].done);
      }
      const last = seen.at(-1)!;
      expect(last.total, `${phase} ends with a total`).toBeGreaterThan(0);
      expect(last.done, `${phase} ends at done == total`).toBe(last.total);
    }
    // Reading, indexing and the rest run before the case is done; diagnosing after; nothing once diagnosed.
    for (const s of statuses) {
      const phase = s.progress.work?.phase;
      if (phase === 'diagnosing') expect(s.progress.phase).toBe('done');
      else if (phase) expect(s.progress.phase).toBe('reading');
    }
    const end = statuses.at(-1)!;
    expect(end).toMatchObject({ indexed: true, diagnosed: true });
    expect(end.progress.work ?? null).toBeNull();
  }, 120_000);

  it('answers a search asked before the index is attached with every hit', async () => {
    const incident = manifest.incidents.find((i) => i.requestIds.length > 0)!;
    const query = incident.requestIds[0];
    const { before, early, late } = await openAndWatch(query);
    expect(value(before).indexed).toBe(false);
    const page: SearchPage = value(early);
    const full = value(late);
    expect(full.total).toBeGreaterThan(0);
    expect(page.total).toBe(full.total);
    expect(page.totalExact).toBe(true);
    expect(page.hits.map((h) => [h.path, h.line])).toEqual(full.hits.map((h) => [h.path, h.line]));
  }, 120_000);
});
