// compareCases through the one API contract (issue 18 in the app): the generated pair
// (test/fixtures/comparePair.ts) opened as two cases, compared through dispatchRequest as the IPC
// and HTTP bridges do; a case not open, itself, and a bad alignment are typed failures naming it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import type { ApiResult } from '../../src/shared/api.ts';
import type { CaseComparison } from '../../src/shared/compare/compareCases.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { PAIR, writeComparePair } from '../fixtures/comparePair.ts';

let dir: string;
let manager: CaseManager;
let a: string;
let b: string;

async function open(path: string): Promise<string> {
  const opened = await dispatchRequest(manager, 'openCase', { paths: [path], zone: '+08:00' });
  if (!opened.ok) throw new Error(opened.error);
  return (opened.value as { caseId: string }).caseId;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-compare-api-'));
  const pair = await writeComparePair(join(dir, 'pair'));
  manager = new CaseManager({ cacheDir: null, dataDir: join(dir, 'data'), userFormatsDir: null });
  a = await open(pair.a);
  b = await open(pair.b);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const compare = (payload: unknown) =>
  dispatchRequest(manager, 'compareCases', payload) as Promise<ApiResult<CaseComparison>>;

describe('compareCases', () => {
  it('waits for both diagnoses and lists what B changed', async () => {
    const result = await compare({ caseId: a, otherCaseId: b, align: { kind: 'wall' } });
    if (!result.ok) throw new Error(result.error);
    const c = result.value;
    expect(c.a.name).toBe('node-a.tar.gz');
    expect(c.b.name).toBe('node-b.tar.gz');
    expect(c.templates.onlyA).toEqual([]);
    expect(c.templates.onlyB.map((t) => [t.text.slice(0, 19), t.level, t.b?.count])).toEqual([
      ['VolumeLimitExceeded', 'error', PAIR.quotaExceeded],
    ]);
    const notFound = c.templates.rateChanged.find((t) => t.text.startsWith('Volume <*> could not be found'));
    expect([notFound?.a?.count, notFound?.b?.count]).toEqual([PAIR.volumeNotFound.a, PAIR.volumeNotFound.b]);
    expect(c.versions).toContainEqual(expect.objectContaining({ a: PAIR.versions.a, b: PAIR.versions.b }));
    expect(c.config.changed).toContainEqual(
      expect.objectContaining({ path: PAIR.conf, key: 'DEFAULT.api_workers', a: '4', b: '8' }),
    );
    const pod = c.pods.find((p) => p.b?.name === PAIR.restartingPod);
    expect(pod?.b?.status).toBe('CrashLoopBackOff');
    expect(c.alignment).toMatchObject({ kind: 'wall', offsetMs: 0 });
  });

  it('aligns by first error: B is laid a day back', async () => {
    const result = await compare({ caseId: a, otherCaseId: b, align: { kind: 'first-error' } });
    if (!result.ok) throw new Error(result.error);
    const { alignment } = result.value;
    expect(alignment.kind).toBe('first-error');
    expect(alignment.fallback).toBeNull();
    expect(alignment.offsetMs).toBe(alignment.anchorA! - alignment.anchorB!);
    expect(alignment.anchorA).toBe(result.value.a.firstError);
    expect(alignment.anchorB).toBe(result.value.b.firstError);
    // B's first error (the 404 at 08:05:17) is a day after A's.
    expect(alignment.offsetMs).toBe(-24 * 3_600_000);
  });

  it('fails naming the case that is not open, itself, and a bad alignment', async () => {
    const missing = await compare({ caseId: a, otherCaseId: 'nope', align: { kind: 'wall' } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error).toContain('nope');
      expect(missing.error).toContain('case B of the comparison');
    }
    const self = await compare({ caseId: a, otherCaseId: a, align: { kind: 'wall' } });
    expect(self).toEqual({
      ok: false,
      error: `compareCases: case ${a} cannot be compared with itself; open the other bundle as a second case, or give rangeA and rangeB`,
    });
    const bad = await compare({ caseId: a, otherCaseId: b, align: { kind: 'first-error', a: 1 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toBe('compareCases: "align": unknown field "a"');
  });
});
