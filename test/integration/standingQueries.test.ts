// The diagnostic rules' queries are answered while the bundle is read (index/standingQueries.ts).
// Their hits must be exactly what search finds afterwards, rule by rule, for the worker threads
// and in-line; and a diagnosis made from them must be the one made by searching.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase, diagnosisQueries } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import { indexCase, releaseSpool, type IndexedCase } from '../../src/main/engine/index/indexCase.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import { loadRules } from '../../src/main/engine/platform/resources.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

let dir: string;
let bundle: string;
let manifest: Manifest;
const opened: IndexedCase[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-standing-'));
  bundle = join(dir, 'case.tar.gz');
  manifest = await generateBundle({ seed: 11, targetBytes: 2_500_000, outPath: bundle });
}, 120_000);
afterAll(async () => {
  for (const c of opened) releaseSpool(c);
  await rm(dir, { recursive: true, force: true });
});

async function open(mode: 'worker' | 'inline', standingQueries?: string[]): Promise<IndexedCase> {
  const result = await indexCase([bundle], {
    zone: manifest.timeZone,
    indexMode: mode,
    threads: 2,
    standingQueries,
    segmentBytes: mode === 'worker' ? 60_000 : undefined,
  });
  if (!result.ok) throw new Error(result.error);
  opened.push(result.value);
  return result.value;
}

describe('standing queries', () => {
  it('answer every rule query exactly as search does, in worker threads and in-line', async () => {
    const queries = diagnosisQueries();
    expect(queries.length).toBeGreaterThan(40);
    for (const mode of ['worker', 'inline'] as const) {
      const { index } = await open(mode, queries);
      // Those that rule out info events are answered; the others (go-panic, partners, artifacts) are searched.
      expect(index.standing.size).toBeGreaterThan(35);
      expect(
        index.standing.has(
          '"goroutine profile" OR (goroutine /goroutine \\d+ (?:[a-z]+=\\S+ )*\\[/) OR (NAME READY STATUS RESTARTS) OR gitVersion',
        ),
      ).toBe(false);
      let found = 0;
      for (const text of index.standing.keys()) {
        const parsed = parseQuery(text);
        if (!parsed.ok) throw new Error(text);
        const searched = [...matchingEvents(index, parsed.query).events.toArray()];
        expect([...index.standing.get(text)!], `${mode}: ${text}`).toEqual(searched);
        if (searched.length > 0) found++;
      }
      // The bundle plants incidents for many rules: the comparison is not between empty sets.
      expect(found).toBeGreaterThan(8);
    }
  });

  it('give the diagnosis that searching gives', async () => {
    const withStanding = await open('worker', diagnosisQueries());
    const without = await open('worker');
    expect(without.index.standing.size).toBe(0);
    const rules = loadRules();
    const a = diagnoseCase(withStanding.index, withStanding.inventory, { rules });
    const b = diagnoseCase(without.index, without.inventory, { rules });
    expect(a.findings.length).toBeGreaterThan(5);
    expect(a).toEqual(b);
  });
});
