// The CLI as a support engineer runs it: analyze with --json, --stage and --rules (own rules),
// the case report files (--md, --pdf, --notes, --redact), and the one-line errors for a wrong
// stage, a broken rule file, bad report options or a report aimed at the bundle itself.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';
import type { Report } from '../../src/shared/report.ts';
import { generateBundle } from '../fixtures/generateBundle.ts';

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-cli-'));
  bundle = join(dir, 'case.tar.gz');
  await generateBundle({ seed: 11, targetBytes: 1_500_000, outPath: bundle });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = runCli;

describe('tarsier analyze', () => {
  it('prints the findings and writes them, ranked for the stage, into the JSON report', async () => {
    const json = join(dir, 'report.json');
    const { code, out } = await run([
      'analyze',
      bundle,
      '--quiet',
      '--zone',
      'UTC',
      '--stage',
      'host-boot-block',
      '--json',
      json,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/stage host-boot-block: Host boot \(block storage\)/);
    expect(out).toMatch(/★ .*unicloud-engine\.log/);
    expect(out).toMatch(/findings: \d+ \(/);
    const report = JSON.parse(await readFile(json, 'utf8')) as Report;
    expect(report.stage?.id).toBe('host-boot-block');
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings[0].stages).toContain('host-boot-block');
    expect(report.findings.find((f) => f.rule === 'nova-cinder-attach-404')?.evidence[0].time).toMatch(
      /^2025-09-18T16:24:\d\d\.\d{3}Z$/,
    );
    expect(report.artifacts.pods.length).toBe(1);
  }, 60_000);

  it('names the stages when the stage is unknown', async () => {
    const { code, err } = await run(['analyze', bundle, '--stage', 'boot']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown stage "boot"; stages: install-register, .*host-boot-block/);
  });

  it("runs the user's own rules, and refuses a broken one naming the file and the field", async () => {
    const mine = join(dir, 'my-rules');
    await mkdir(mine, { recursive: true });
    const rule = {
      id: 'my-boot-requests',
      title: { en: 'Boot requests', zh: '启动请求' },
      severity: 'info',
      category: 'product',
      stages: [],
      query: 'component:porter-api "Boot host" requested',
      advice: { en: 'Just counting.', zh: '仅统计。' },
      references: [],
      examples: {
        match: [{ line: 'Boot host web01 requested', source: 'synthetic' }],
        noMatch: [{ line: 'Boot host web01 failed', source: 'synthetic' }],
      },
    };
    await writeFile(join(mine, 'my-boot-requests.json'), JSON.stringify(rule));
    const json = join(dir, 'mine.json');
    const ok = await run(['analyze', bundle, '--quiet', '--rules', mine, '--json', json]);
    expect(ok.code).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as Report;
    expect(report.findings.find((f) => f.rule === 'my-boot-requests')?.component).toBe('porter-api');

    await writeFile(join(mine, 'broken.json'), JSON.stringify({ ...rule, id: 'broken', severity: 'fatal' }));
    const bad = await run(['analyze', bundle, '--quiet', '--rules', mine]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/rule broken\.json: "severity" must be one of critical, error, warning, info, got "fatal"/);
  }, 60_000);

  it('writes the Markdown and PDF case report with the notes given, redacted', async () => {
    const notes = join(dir, 'notes.json');
    await writeFile(
      notes,
      JSON.stringify({ statement: 'boot fails; the customer pasted password=Hunter2Pass', conclusion: '待定' }),
    );
    const md = join(dir, 'case.md');
    const pdf = join(dir, 'case.pdf');
    const { code, out, err } = await run([
      'analyze',
      bundle,
      '--quiet',
      '--zone',
      'UTC',
      '--notes',
      notes,
      '--ticket',
      'SR-77',
      '--md',
      md,
      '--pdf',
      pdf,
      '--redact',
      '--lang',
      'zh',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/report written: .*case\.md, .*case\.pdf \(redacted: \d+ replacements\)/);
    const text = await readFile(md, 'utf8');
    expect(text.startsWith('# 案例报告 — SR-77\n')).toBe(true);
    expect(text).toContain('password=[REDACTED:password]');
    expect(text).not.toContain('Hunter2Pass');
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('refuses to write a report over the bundle, and bad report options, before reading', async () => {
    const before = await readFile(bundle);
    const over = await run(['analyze', bundle, '--quiet', '--md', bundle]);
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/--md .* is one of the inputs; Tarsier never writes into what it reads/);
    expect((await readFile(bundle)).equals(before)).toBe(true);
    // A folder bundle is evidence too: nothing is written inside it, not even over one of its logs.
    const folder = join(dir, 'folder-bundle');
    await mkdir(join(folder, 'var', 'log'), { recursive: true });
    const log = join(folder, 'var', 'log', 'nova.log');
    await writeFile(log, '2025-09-18 16:24:31.123 1 ERROR nova.compute [-] boom\n');
    for (const target of [join(folder, 'var', 'log', 'report.md'), log]) {
      const inside = await run(['analyze', folder, '--quiet', '--json', target]);
      expect(inside.code).toBe(2);
      expect(inside.err).toMatch(/inside .*folder-bundle, one of the inputs; Tarsier never writes into what it reads/);
    }
    expect(await readFile(log, 'utf8')).toBe('2025-09-18 16:24:31.123 1 ERROR nova.compute [-] boom\n');
    expect((await readdir(join(folder, 'var', 'log'))).sort()).toEqual(['nova.log']);
    const lang = await run(['analyze', bundle, '--quiet', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.err).toMatch(/--lang must be en or zh, got "fr"/);
    const context = await run(['analyze', bundle, '--quiet', '--context', '2000']);
    expect(context.err).toMatch(/--context must be a whole number from 0 to 500, got "2000"/);
    const notes = await run(['analyze', bundle, '--quiet', '--notes', join(dir, 'missing.json')]);
    expect(notes.code).toBe(2);
    expect(notes.err).toMatch(/--notes .*missing\.json: ENOENT/);
  }, 60_000);
});
