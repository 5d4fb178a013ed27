// Two time ranges of one case (issue 18): a generated bundle whose second half has an error
// template the first lacks and a 404 whose rate goes ×10 (test/fixtures/comparePair.ts,
// writeHalvesBundle), compared with itself through the API (compareCases with rangeA / rangeB)
// and through `tarsier compare A --range-a … --range-b …`; bad ranges are named.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import type { ApiResult } from '../../src/shared/api.ts';
import type { CaseComparison } from '../../src/shared/compare/compareCases.ts';
import type { ReportComparison } from '../../src/shared/reportText/comparisonBlocks.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { HALVES, writeHalvesBundle } from '../fixtures/comparePair.ts';
import { runCli } from '../support/runCli.ts';

let dir: string;
let bundle: string;
let manager: CaseManager;
let caseId: string;
const savedDataDir = process.env.TARSIER_DATA_DIR;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-compare-ranges-'));
  process.env.TARSIER_DATA_DIR = join(dir, 'data');
  bundle = await writeHalvesBundle(join(dir, 'bundle'));
  manager = new CaseManager({ cacheDir: null, dataDir: join(dir, 'data'), userFormatsDir: null });
  const opened = await dispatchRequest(manager, 'openCase', { paths: [bundle], zone: '+08:00' });
  if (!opened.ok) throw new Error(opened.error);
  caseId = (opened.value as { caseId: string }).caseId;
}, 60_000);
afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.TARSIER_DATA_DIR;
  else process.env.TARSIER_DATA_DIR = savedDataDir;
  await rm(dir, { recursive: true, force: true });
});

const ms = (iso: string): number => Date.parse(iso);
const range = (r: { from: string; to: string }) => ({ from: ms(r.from), to: ms(r.to) });
const compare = (payload: unknown) =>
  dispatchRequest(manager, 'compareCases', payload) as Promise<ApiResult<CaseComparison>>;
const VOLUME_404 = 'Volume <*> could not be found. (HTTP <*>) (Request-ID: <*>)';

describe('compareCases over two ranges of one case', () => {
  it('finds the template only the second half has and the 404 whose rate went ×10', async () => {
    const result = await compare({
      caseId,
      otherCaseId: caseId,
      align: { kind: 'wall' },
      rangeA: range(HALVES.first),
      rangeB: range(HALVES.second),
    });
    if (!result.ok) throw new Error(result.error);
    const c = result.value;
    // Each side's span is its range (within the case's events).
    expect([c.a.from, c.a.to, c.b.from, c.b.to]).toEqual([
      ms(HALVES.first.from),
      ms(HALVES.first.to),
      ms(HALVES.second.from),
      ms(HALVES.second.to),
    ]);
    expect(c.a.firstError).toBe(ms('2025-09-18T08:05:17+08:00'));
    expect(c.b.firstError).toBe(ms('2025-09-18T08:31:17+08:00'));
    expect(c.templates.onlyA).toEqual([]);
    expect(c.templates.onlyB.map((t) => [t.text.slice(0, 19), t.level, t.b?.count])).toEqual([
      ['VolumeLimitExceeded', 'error', HALVES.quotaExceeded],
    ]);
    const notFound = c.templates.rateChanged.map((t) => [t.text, t.a?.count, t.b?.count]);
    expect(notFound).toEqual([[VOLUME_404, HALVES.volumeNotFound.first, HALVES.volumeNotFound.second]]);
    expect(c.templates.rateChanged[0].ratio).toBeCloseTo(10, 3);
    // The boot line (30 in the first half hour, 31 in the second) is the same rate.
    expect(c.templates.totals).toEqual({ onlyA: 0, onlyB: 1, rateChanged: 1, same: 1 });
    // The quota rule's events are all in the second half.
    expect(c.findings.onlyA).toEqual([]);
    expect(c.findings.onlyB.map((f) => f.rule)).toEqual(['target-quota-exceeded']);
    // Timeless things are the whole case's on both sides: nothing differs.
    expect([c.versions, c.config.changed, c.pods, c.goroutines]).toEqual([[], [], [], []]);
  });

  it('summarises only the side given a range; the whole case on the other', async () => {
    const result = await compare({ caseId, otherCaseId: caseId, align: { kind: 'wall' }, rangeB: range(HALVES.first) });
    if (!result.ok) throw new Error(result.error);
    const c = result.value;
    expect(c.templates.onlyA.map((t) => [t.text.slice(0, 19), t.a?.count])).toEqual([
      ['VolumeLimitExceeded', HALVES.quotaExceeded],
    ]);
    expect(c.a.from).toBe(ms('2025-09-18T08:00:00+08:00'));
    expect(c.a.to).toBe(ms('2025-09-18T09:00:00+08:00'));
  });

  it('names a range that ends before it starts, or is not epoch ms', async () => {
    const backwards = await compare({
      caseId,
      otherCaseId: caseId,
      align: { kind: 'wall' },
      rangeA: { from: 2000, to: 1000 },
    });
    expect(backwards).toEqual({
      ok: false,
      error: 'compareCases: rangeA must have from ≤ to, got {"from":2000,"to":1000}',
    });
    const text = await compare({
      caseId,
      otherCaseId: caseId,
      align: { kind: 'wall' },
      rangeB: { from: 'noon', to: 1 },
    });
    expect(text).toEqual({ ok: false, error: 'compareCases: rangeB.from must be epoch milliseconds, got "noon"' });
  });
});

describe('tarsier compare A --range-a --range-b', () => {
  it('compares the two halves of one bundle, times in the case zone', async () => {
    const json = join(dir, 'halves.json');
    const { code, out, err } = await runCli([
      'compare',
      bundle,
      '--quiet',
      '--zone',
      '+08:00',
      // Zone-less: read in the case's zone (+08:00); the second as epoch milliseconds.
      '--range-a',
      '2025-09-18T08:00,2025-09-18T08:29:59.999',
      '--range-b',
      `${ms(HALVES.second.from)},${ms(HALVES.second.to)}`,
      '--json',
      json,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const c = (JSON.parse(await readFile(json, 'utf8')) as { comparison: ReportComparison }).comparison;
    expect([c.a.from, c.a.to, c.b.from, c.b.to]).toEqual([
      HALVES.first.from,
      HALVES.first.to,
      HALVES.second.from,
      HALVES.second.to,
    ]);
    expect(c.templates.onlyB.map((t) => [t.level, t.b?.count, t.b?.firstTime])).toEqual([
      ['error', HALVES.quotaExceeded, '2025-09-18T08:40:23.000+08:00'],
    ]);
    expect(c.templates.rateChanged.map((t) => [t.text, t.a?.count, t.b?.count])).toEqual([
      [VOLUME_404, HALVES.volumeNotFound.first, HALVES.volumeNotFound.second],
    ]);
    expect(out).toContain('templates only in B: 1');
  }, 120_000);

  it('names a bad range', async () => {
    expect(await runCli(['compare', bundle, '--range-a', '2025-09-18T08:00', '--quiet'])).toMatchObject({
      code: 2,
      err: 'tarsier compare: --range-a wants FROM,TO (ISO times or epoch ms), got "2025-09-18T08:00"\n',
    });
    expect(await runCli(['compare', bundle, '--range-b', '2025-09-18T08:00,later', '--quiet'])).toMatchObject({
      code: 2,
      err: 'tarsier compare: --range-b wants FROM,TO (ISO times or epoch ms), got "2025-09-18T08:00,later"\n',
    });
    // Without a range, one bundle is still too few.
    expect(await runCli(['compare', bundle])).toMatchObject({
      code: 2,
      err: 'tarsier compare: give two bundles, A and B (got 1)\n',
    });
    expect(
      await runCli([
        'compare',
        bundle,
        '--quiet',
        '--zone',
        '+08:00',
        '--range-a',
        '2025-09-18T08:30,2025-09-18T08:00',
      ]),
    ).toMatchObject({
      code: 2,
      err: 'tarsier compare: --range-a ends before it starts: 2025-09-18T08:30:00.000+08:00 is after 2025-09-18T08:00:00.000+08:00\n',
    });
  }, 120_000);
});
