// The Patterns view's data: `patterns` through the same dispatch the IPC and HTTP bridges use,
// and the search each template carries, which must find exactly the template's events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { patternList } from '../../src/main/engine/index/patternList.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import type { ApiResult } from '../../src/shared/api.ts';
import type { SearchPage } from '../../src/shared/caseViews.ts';
import { SPARK_BUCKETS, type PatternList } from '../../src/shared/patterns/patternViews.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { generateBundle } from '../fixtures/generateBundle.ts';
import { openGeneratedCase, type GeneratedCase } from '../support/generatedCase.ts';

let dir: string;
const manager = new CaseManager();
let caseId: string;
let generated: GeneratedCase;

async function call<T>(method: string, payload: unknown): Promise<ApiResult<T>> {
  return (await dispatchRequest(manager, method, payload)) as ApiResult<T>;
}
async function value<T>(method: string, payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-patterns-'));
  const bundle = join(dir, 'case.tar.gz');
  const manifest = await generateBundle({ seed: 7, targetBytes: 1_000_000, outPath: bundle });
  caseId = (await value<{ caseId: string }>('openCase', { paths: [bundle], zone: manifest.timeZone })).caseId;
  await manager.diagnosed(caseId);
  generated = await openGeneratedCase('tarsier-patterns-index-');
}, 120_000);
afterAll(async () => {
  generated?.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('patterns', () => {
  it('lists templates with counts, level mix and a sparkline, warnings and errors first', async () => {
    const list = await value<PatternList>('patterns', { caseId, limit: 30 });
    expect(list.patterns).toHaveLength(30);
    expect(list.total).toBeGreaterThan(30);
    expect(list.from).not.toBeNull();
    for (const p of list.patterns) {
      expect(p.sparkline).toHaveLength(SPARK_BUCKETS);
      expect(p.sparkline.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(p.count);
      expect(p.errors + p.warnings).toBeLessThanOrEqual(p.count);
      if (p.firstTime !== null) expect(p.firstTime).toBeGreaterThanOrEqual(list.from!);
    }
    const mix = list.patterns.map((p) => p.errors + p.warnings);
    expect(mix).toEqual([...mix].sort((a, b) => b - a));
    expect(mix[0]).toBeGreaterThan(0);
  });

  it("gives each template a search that the Events tab runs and that finds the template's events", async () => {
    const list = await value<PatternList>('patterns', { caseId, limit: 5 });
    const top = list.patterns[0];
    expect(top.query).toBe(`template:${top.id}`);
    const page = await value<SearchPage>('search', { caseId, query: top.query, limit: 10 });
    expect(page.total).toBe(top.count);
  });

  it('finds exactly the events of every template with its search', () => {
    const { index } = generated;
    const list = patternList(index, 5000);
    let checked = 0;
    for (const p of list.patterns) {
      const parsed = parseQuery(p.query);
      if (!parsed.ok) throw new Error(`${p.text}: ${parsed.error.message}`);
      const hits = matchingEvents(index, parsed.query).events;
      for (let e = 0; e < index.size; e++)
        if ((index.templateOf[e] === p.id) !== hits.has(e))
          throw new Error(`template ${p.id} "${p.text}": its query ${p.query} is wrong about event ${e}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('refuses a bad limit and an unknown case', async () => {
    expect(await call('patterns', { caseId, limit: 0 })).toEqual({
      ok: false,
      error: 'patterns: limit must be 1–5000, got 0',
    });
    expect(await call('patterns', { caseId: 'nope' })).toMatchObject({ ok: false });
  });
});
