// `tarsier compare A B` on a generated pair with known differences (test/fixtures/comparePair.ts):
// B gains an error template, one error template's rate goes ×10, the region's version changes, a
// pod starts restarting and a config value changes — each checked exactly through --json; the
// alignment by first error; `analyze A --compare B` adds the section to the report; bad flags.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';
import type { ReportComparison } from '../../src/shared/reportText/comparisonBlocks.ts';
import type { Report } from '../../src/shared/report.ts';
import type { RedactionSummary } from '../../src/shared/redact/redactor.ts';
import { PAIR, writeComparePair } from '../fixtures/comparePair.ts';

let dir: string;
let pair: { a: string; b: string };
let runs = 0;
const savedDataDir = process.env.TARSIER_DATA_DIR;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-compare-'));
  // A data folder of its own: the index cache the two reads fill is this test's.
  process.env.TARSIER_DATA_DIR = join(dir, 'data');
  pair = await writeComparePair(join(dir, 'pair'));
}, 60_000);
afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.TARSIER_DATA_DIR;
  else process.env.TARSIER_DATA_DIR = savedDataDir;
  await rm(dir, { recursive: true, force: true });
});

async function compareJson(
  extra: string[] = [],
): Promise<{ comparison: ReportComparison; redaction: RedactionSummary | null; out: string }> {
  const json = join(dir, `compare-${++runs}.json`);
  const { code, out, err } = await runCli([
    'compare',
    pair.a,
    pair.b,
    '--quiet',
    '--zone',
    '+08:00',
    '--json',
    json,
    ...extra,
  ]);
  expect(err).toBe('');
  expect(code).toBe(0);
  const doc = JSON.parse(await readFile(json, 'utf8')) as {
    schema: string;
    tookMs: number;
    comparison: ReportComparison;
    redaction: RedactionSummary | null;
  };
  expect(doc.schema).toBe('tarsier.compare/1');
  expect(doc.tookMs).toBeGreaterThanOrEqual(0);
  return { comparison: doc.comparison, redaction: doc.redaction, out };
}

describe('tarsier compare', () => {
  it('finds exactly the differences planted in B', async () => {
    const { comparison: c, out } = await compareJson();
    expect(c.a).toEqual({
      name: 'node-a.tar.gz',
      from: '2025-09-18T08:00:00.000+08:00',
      to: '2025-09-18T09:00:00.000+08:00',
      firstError: '2025-09-18T08:05:17.000+08:00',
      templates: 2,
      findings: c.a.findings,
    });
    expect(c.b).toMatchObject({ name: 'node-b.tar.gz', templates: 3 });
    // A new error template in B, nothing only in A.
    expect(c.templates.onlyA).toEqual([]);
    expect(c.templates.onlyB).toEqual([
      {
        text: "VolumeLimitExceeded: Maximum number of volumes allowed (<*>) exceeded for quota 'volumes'. (HTTP <*>) (Request-ID: <*>)",
        level: 'error',
        a: null,
        b: {
          id: c.templates.onlyB[0].b!.id,
          count: PAIR.quotaExceeded,
          errors: PAIR.quotaExceeded,
          warnings: 0,
          firstTime: '2025-09-19T08:40:23.000+08:00',
          lastTime: '2025-09-19T08:43:23.000+08:00',
          perMinute: PAIR.quotaExceeded / 60,
        },
        ratio: null,
      },
    ]);
    // The 404 error: 3 in an hour → 30 in an hour; the boot line, once a minute in both, is the same.
    expect(c.templates.rateChanged.map((d) => [d.text, d.level, d.a?.count, d.b?.count, d.ratio])).toEqual([
      ['Volume <*> could not be found. (HTTP <*>) (Request-ID: <*>)', 'error', 3, 30, 10],
    ]);
    expect(c.templates.totals).toEqual({ onlyA: 0, onlyB: 1, rateChanged: 1, same: 1 });
    // The rule that knows the 413 fires in B only.
    expect(c.findings.onlyA).toEqual([]);
    expect(c.findings.onlyB.map((f) => [f.rule, f.module, f.component, f.count])).toEqual([
      ['target-quota-exceeded', 'porter', 'porter-api', PAIR.quotaExceeded],
    ]);
    expect(c.versions).toEqual([{ service: 'region', a: PAIR.versions.a, b: PAIR.versions.b }]);
    // Matched by path under each bundle's own top folder (node-a/, node-b/); the passwords stay masked.
    expect(c.config).toEqual({
      changed: [{ path: PAIR.conf, key: 'DEFAULT.api_workers', a: PAIR.apiWorkers.a, b: PAIR.apiWorkers.b }],
      onlyA: [],
      onlyB: [],
    });
    expect(c.pods).toEqual([
      {
        namespace: null,
        key: 'default-scheduler',
        a: { name: PAIR.restartingPod, status: 'Running', ready: 1, containers: 1, restarts: 1 },
        b: { name: PAIR.restartingPod, status: 'CrashLoopBackOff', ready: 0, containers: 1, restarts: 9 },
        restartsUp: 8,
        statusChanged: true,
      },
    ]);
    expect(c.goroutines).toEqual([]);
    expect(c.alignment).toEqual({ kind: 'wall', offsetMs: 0, anchorA: null, anchorB: null, fallback: null });
    // The summary names each difference and the template to open in each case.
    expect(out).toContain('templates only in B: 1');
    expect(out).toMatch(
      /ERR +0\.050 → +0\.50\/min \(×10\) {2}Volume <\*> could not be found.* \[template:\d+ in A, template:\d+ in B\]/,
    );
    expect(out).toContain('region: v3.8.8-20220330.0 → v3.8.9-20220415.0');
    expect(out).toContain('etc/porter/porter.conf  DEFAULT.api_workers: 4 → 8');
    expect(out).toContain('default-scheduler: Running 1/1, 1 restarts → CrashLoopBackOff 0/1, 9 restarts');
  }, 120_000);

  it('aligns B from its first error, and writes the Markdown section', async () => {
    const md = join(dir, 'compare.md');
    const { comparison: c } = await compareJson(['--align', 'first-error', '--md', md, '--lang', 'zh']);
    // Both first errors fall 5 min 17 s after their start, a day apart.
    expect(c.alignment).toEqual({
      kind: 'first-error',
      offsetMs: -86_400_000,
      anchorA: '2025-09-18T08:05:17.000+08:00',
      anchorB: '2025-09-19T08:05:17.000+08:00',
      fallback: null,
    });
    const text = await readFile(md, 'utf8');
    expect(text).toContain('# 对比 — node-a.tar.gz / node-b.tar.gz');
    expect(text).toContain('两条时间线按各自的第一个错误对齐（B 平移 −1 d）。');
    expect(text).toContain('| etc/porter/porter.conf | DEFAULT.api_workers | 4 | 8 |');
  }, 120_000);

  it('aligns at two chosen times, and redacts what it writes when asked', async () => {
    const { comparison: c, redaction } = await compareJson([
      '--align-at',
      '2025-09-18T08:30:00+08:00,2025-09-19T08:00:00+08:00',
      '--redact-network',
    ]);
    expect(c.alignment).toEqual({
      kind: 'event',
      offsetMs: -23.5 * 3_600_000,
      anchorA: '2025-09-18T08:30:00.000+08:00',
      anchorB: '2025-09-19T08:00:00.000+08:00',
      fallback: null,
    });
    // Tarsier's own words stay; the customer's bundle names are not host names, so they stay too.
    expect(c.findings.onlyB.map((f) => [f.rule, f.severity])).toEqual([['target-quota-exceeded', 'error']]);
    expect(c.b.name).toBe('node-b.tar.gz');
    expect(redaction).toMatchObject({ secrets: true, network: true });
  }, 120_000);

  it('adds "Compared with" to the report of analyze --compare', async () => {
    const json = join(dir, 'report.json');
    const md = join(dir, 'report.md');
    const { code } = await runCli([
      'analyze',
      pair.a,
      '--compare',
      pair.b,
      '--quiet',
      '--zone',
      '+08:00',
      '--json',
      json,
      '--md',
      md,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as Report;
    expect(report.comparison?.versions).toEqual([{ service: 'region', a: PAIR.versions.a, b: PAIR.versions.b }]);
    expect(report.comparison?.templates.totals).toEqual({ onlyA: 0, onlyB: 1, rateChanged: 1, same: 1 });
    const text = await readFile(md, 'utf8');
    expect(text).toMatch(/\n## \d+\. Compared with\n/);
    expect(text).toContain('| region | v3.8.8-20220330.0 | v3.8.9-20220415.0 |');
  }, 120_000);

  it('refuses a wrong command line naming what is wrong', async () => {
    expect(await runCli(['compare', pair.a])).toMatchObject({
      code: 2,
      err: 'tarsier compare: give two bundles, A and B (got 1)\n',
    });
    expect(await runCli(['compare', pair.a, pair.b, '--align', 'noon'])).toMatchObject({
      code: 2,
      err: 'tarsier compare: --align must be wall or first-error, got "noon"\n',
    });
    expect(await runCli(['compare', pair.a, pair.b, '--align-at', 'yesterday'])).toMatchObject({
      code: 2,
      err: 'tarsier compare: --align-at wants TIME_A,TIME_B (ISO times), got "yesterday"\n',
    });
    const unknown = await runCli(['compare', pair.a, pair.b, '--frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^tarsier compare: unknown option --frob\nUsage:\n {2}tarsier compare <A> <B>/);
    const help = await runCli(['compare', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage:\n {2}tarsier compare <A> <B> \[--align wall\|first-error\]/);
    // The comparison is never written over a bundle.
    const over = await runCli(['compare', pair.a, pair.b, '--json', pair.b]);
    expect(over.code).toBe(2);
    expect(over.err).toContain('is one of the inputs');
  });
});
