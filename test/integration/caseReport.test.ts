/**
 * Acceptance of the case report on the generated incident bundle: the Markdown and the PDF carry
 * every expected finding with its evidence, the PDF's text (pdftotext) gives the Chinese evidence
 * lines back exactly, pins come with their context, and the report's pages are rendered to PNG
 * under test-results/report/ to be looked at. The JSON is the input of both other formats.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase, type Diagnosis } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import { composeReport } from '../../src/main/engine/report/composeReport.ts';
import { writeReports } from '../../src/main/engine/report/writeReports.ts';
import { emptyNotes, type CaseNotes } from '../../src/shared/caseNotes.ts';
import { epochMs } from '../../src/shared/model.ts';
import { REPORT_SCHEMA, type Report, type ReportFinding } from '../../src/shared/report.ts';
import { markdownReport } from '../../src/shared/reportText/markdownReport.ts';
import type { ManifestIncident } from '../fixtures/generateBundle.ts';
import { openGeneratedCase, type GeneratedCase } from '../support/generatedCase.ts';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'report');
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

let generated: GeneratedCase;
let diagnosis: Diagnosis;
let report: Report;
let markdown: string;
let pdfText: string;

const incident = (id: string): ManifestIncident => generated.manifest.incidents.find((i) => i.id === id)!;
/** pdftotext cannot tell one space from two, nor a wrapped line from two lines. */
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

function notesFor(): CaseNotes {
  const attach = incident('attach-volume-404');
  const denied = incident('windows-access-denied');
  return {
    ...emptyNotes(),
    ticket: 'SR-20250918-0042',
    customer: '示例客户 Example Ltd',
    engineer: 'Li Wei',
    statement: `Booting web01 fails at 16:24 with "Failed to attach" (${attach.requestIds[0]}).`,
    conclusion:
      'Cinder lost the volume the customer picked; the Windows agent runs without disk access.\n\n建议：重新选择云硬盘，并以管理员身份运行代理。',
    pins: [
      {
        path: attach.path,
        line: attach.line,
        file: null,
        text: attach.text,
        time: null,
        level: 'error',
        component: `${attach.module}/${attach.component}`,
        note: 'Nova got 404 from Cinder',
        pinnedAt: 1,
      },
      {
        path: denied.path,
        line: denied.line,
        file: null,
        text: denied.text,
        time: null,
        level: 'error',
        component: `${denied.module}/${denied.component}`,
        note: '磁盘访问被拒绝',
        pinnedAt: 2,
      },
    ],
  };
}

/** The report's findings that stand for an incident: its category, in its component. */
const findingsOf = (i: ManifestIncident): ReportFinding[] =>
  report.findings.filter(
    (f) =>
      f.category === i.category &&
      f.module === i.module &&
      (f.component === i.component || f.evidence.some((e) => e.path === i.path)),
  );

beforeAll(async () => {
  generated = await openGeneratedCase('tarsier-report-');
  diagnosis = diagnoseCase(generated.index, generated.inventory);
  report = composeReport(generated.index, generated.inventory, diagnosis, {
    notes: notesFor(),
    contextLines: 50,
    language: 'en',
    generatedAt: epochMs(Date.UTC(2025, 8, 19)),
    generator: 'tarsier test',
  });
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const written = await writeReports(
    report,
    { json: join(OUT, 'report.json'), md: join(OUT, 'report.md'), pdf: join(OUT, 'report.pdf') },
    [generated.bundle],
  );
  if (!written.ok) throw new Error(written.error);
  markdown = await readFile(join(OUT, 'report.md'), 'utf8');
  pdfText = execFileSync('pdftotext', [join(OUT, 'report.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
}, 180_000);
afterAll(() => generated?.remove());

describe('the case report of the generated incident bundle', () => {
  it('writes the JSON it was made from', async () => {
    const json = JSON.parse(await readFile(join(OUT, 'report.json'), 'utf8')) as Report;
    expect(json.schema).toBe(REPORT_SCHEMA);
    expect(json.case).toMatchObject({ ticket: 'SR-20250918-0042', contextLines: 50, language: 'en' });
    expect(json.findings.length).toBe(diagnosis.findings.length);
    expect(markdownReport(json)).toBe(markdown);
  });

  it('has a finding with its evidence for every planted incident, in the Markdown and in the PDF', () => {
    const flatPdf = squash(pdfText);
    for (const i of generated.manifest.incidents) {
      const findings = findingsOf(i);
      expect(findings.length, `a finding for ${i.id}`).toBeGreaterThan(0);
      for (const f of findings) {
        expect(markdown, `${f.rule} title in the Markdown`).toContain(f.title.en);
        expect(flatPdf, `${f.rule} title in the PDF`).toContain(squash(f.title.en));
        for (const e of f.evidence) {
          expect(markdown, `${f.rule} evidence ${e.path}:${e.line} in the Markdown`).toContain(`\n  ${e.text}\n`);
          expect(flatPdf, `${f.rule} evidence ${e.path}:${e.line} in the PDF`).toContain(squash(e.text));
        }
      }
    }
  });

  it('gives the Chinese evidence lines back exactly from the PDF', () => {
    const lines = new Set(pdfText.split('\n'));
    const chinese = report.findings.flatMap((f) => f.evidence.map((e) => e.text)).filter((t) => CJK.test(t));
    expect(chinese.length).toBeGreaterThan(1);
    for (const text of chinese) {
      // A run of spaces (log4net pads its levels) is a gap to pdftotext: compare those squashed.
      if (/\s{2}/.test(text)) expect(squash(pdfText)).toContain(squash(text));
      else expect(lines.has(text), `the line "${text}" in pdftotext's output`).toBe(true);
    }
    expect(pdfText).toContain('磁盘访问被拒绝');
    expect(pdfText).toContain('建议：重新选择云硬盘，并以管理员身份运行代理。');
  });

  it('prints each pin with ±50 lines of its own file, the pinned line marked, and a query that finds it', () => {
    const attach = incident('attach-volume-404');
    const pin = report.pins[0];
    expect(pin.context[0].line).toBe(attach.line - 50);
    const lines = generated.inventory.files.find((f) => f.path === attach.path)!.lines;
    expect(pin.context.at(-1)!.line).toBe(Math.min(lines, attach.line + 50));
    expect(pin.context.find((l) => l.line === attach.line)!.text).toBe(attach.text);
    expect(markdown).toContain(`> ${attach.line}  ${attach.text}`);
    expect(pin.query).toMatch(/^file:".+" ".+"$/);
    expect(report.queries.some((q) => q.query === pin.query)).toBe(true);
  });

  it('follows the request id of the problem statement across modules', () => {
    const attach = incident('attach-volume-404');
    const trace = report.traces.find((t) => t.id === attach.requestIds[0]);
    expect(trace?.reason).toBe('statement');
    expect(new Set(trace!.events.map((e) => e.component.split('/')[0])).size).toBeGreaterThan(1);
    expect(markdown).toContain(`\`${attach.requestIds[0]}\``);
  });

  it('lists the warning/error message patterns with the searches that show them', () => {
    const patterns = report.patterns!;
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.length).toBeLessThanOrEqual(10);
    for (const p of patterns) {
      expect(p.errors + p.warnings).toBeGreaterThan(0);
      expect(p.count).toBeGreaterThanOrEqual(p.errors + p.warnings);
      expect(p.query).toBe(`template:${p.id}`);
      expect(report.queries.some((q) => q.query === p.query)).toBe(true);
    }
    const mix = patterns.map((p) => p.errors + p.warnings);
    expect(mix).toEqual([...mix].sort((a, b) => b - a));
    expect(markdown).toMatch(/^## \d+\. Message patterns$/m);
    expect(pdfText).toContain('Message patterns');
  });

  it('has a contents page, page numbers, the case id on every page and the chart', () => {
    const pages = pdfText.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(3);
    expect(pages[0]).toContain('Contents');
    pages.forEach((page, n) => expect(page).toContain(`Page ${n + 1} of ${pages.length}`));
    for (const page of pages.slice(1)) expect(page).toContain('SR-20250918-0042');
    expect(report.timeline.chart!.errors.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(markdown).toMatch(/errors {3,}\|[ ▁▂▃▄▅▆▇█]+\|/);
  });

  it('renders its pages to images (test-results/report/page-*.png)', async () => {
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '4', join(OUT, 'report.pdf'), join(OUT, 'page')]);
    const pngs = (await readdir(OUT)).filter((f) => /^page-\d+\.png$/.test(f));
    expect(pngs.length).toBe(4);
  });

  it('says the same in Chinese', async () => {
    const zh = composeReport(generated.index, generated.inventory, diagnosis, {
      notes: notesFor(),
      contextLines: 5,
      language: 'zh',
      generatedAt: epochMs(0),
      generator: 'tarsier test',
    });
    const written = await writeReports(zh, { md: join(OUT, 'report-zh.md'), pdf: join(OUT, 'report-zh.pdf') }, [
      generated.bundle,
    ]);
    expect(written.ok).toBe(true);
    const text = execFileSync('pdftotext', [join(OUT, 'report-zh.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('案例报告');
    expect(text).toContain('目录');
    const attach = report.findings.find((f) => f.rule === 'nova-cinder-attach-404')!;
    expect(squash(text)).toContain(squash(attach.title.zh));
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '3',
      join(OUT, 'report-zh.pdf'),
      join(OUT, 'page-zh'),
    ]);
  });
});
