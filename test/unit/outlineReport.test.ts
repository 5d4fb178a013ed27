/**
 * The report outline is what both writers print: every section under its numbered heading even
 * when it has nothing to say, the cover only repeating the sections, every text of the outline in
 * the Markdown, and each list cut once, for every format.
 */
import { describe, expect, it } from 'vitest';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import type { Report, ReportFinding, ReportFile } from '../../src/shared/report.ts';
import { markdownReport } from '../../src/shared/reportText/markdownReport.ts';
import { blockTexts, inlineText, type OutlineBlock } from '../../src/shared/reportText/outlineBlocks.ts';
import { outlineReport } from '../../src/shared/reportText/outlineReport.ts';
import { REPORT_SECTIONS } from '../../src/shared/reportText/reportOutline.ts';
import { MAX_INVENTORY_ROWS } from '../../src/shared/reportText/sectionBlocks.ts';
import { emptyReport } from '../support/emptyReport.ts';

const finding: ReportFinding = {
  rule: 'volume-attach-404',
  title: { en: 'Attaching a volume failed', zh: '挂载云硬盘失败' },
  severity: 'error',
  category: 'target',
  module: 'atomy',
  component: 'atomy-unicloud',
  stage: null,
  stages: [],
  count: 2,
  firstTime: '2025-09-18T16:24:30.714+08:00',
  lastTime: '2025-09-18T16:25:00.000+08:00',
  evidence: [
    {
      path: 'logs/atomy.log',
      line: 12,
      text: 'ERROR attach volume vol-1 failed: 404',
      time: null,
      level: 'error',
      match: { line: 14, text: 'NotFound: volume vol-1' },
    },
  ],
  requestIds: ['req-1111', 'req-2222'],
  advice: { en: 'Run `openstack volume show <id>` on the target.', zh: '在目标端执行 `openstack volume show <id>`。' },
  references: ['seeds/000 §6 attach failed', 'https://docs.openstack.org/cinder'],
  query: 'level:error "attach volume"',
};

function file(i: number): ReportFile {
  return {
    path: `logs/file-${i}.log`,
    bundle: 'case.tar.gz',
    module: 'atomy',
    component: 'atomy-unicloud',
    kind: 'log',
    format: 'oslo',
    encoding: 'utf-8',
    bytes: 10,
    lines: 1,
    events: 1,
    firstTime: null,
    lastTime: null,
    levels: { unknown: 0, trace: 0, debug: 0, info: 1, warning: 0, error: 0, critical: 0 },
    linesCut: 0,
    invalidBytes: 0,
    incomplete: null,
  };
}

/** A report with something in every section. */
function fullReport(): Report {
  return emptyReport({
    files: [file(1), file(2)],
    skipped: [{ path: 'logs/db.sqlite', reason: 'binary file' }],
    findings: [finding],
    case: {
      ...emptyNotes(),
      ticket: 'SR-42',
      engineer: 'Li Wei',
      statement: 'Attach failed for req-1111.',
      conclusion: 'The volume was deleted.',
      language: 'en',
      contextLines: 1,
    },
    timeline: {
      events: [
        {
          time: null,
          component: 'atomy/atomy-unicloud',
          path: 'logs/atomy.log',
          line: 12,
          level: 'error',
          text: 'ERROR attach volume vol-1 failed: 404',
          source: { kind: 'finding', rules: ['volume-attach-404'] },
        },
      ],
      chart: {
        from: '2025-09-18T16:00:00.000+08:00',
        to: '2025-09-18T17:00:00.000+08:00',
        binMs: 600_000,
        errors: [0, 2, 0],
        warnings: [1, 0, 0],
        other: [5, 3, 0],
      },
    },
    traces: [
      {
        id: 'req-1111',
        reason: 'statement',
        components: ['atomy/atomy-unicloud', 'nova/nova-api'],
        errors: 1,
        firstTime: null,
        lastTime: null,
        events: [
          { time: null, component: 'nova/nova-api', path: 'logs/nova.log', line: 3, level: 'error', text: 'nova 404' },
        ],
        omitted: 7,
      },
    ],
    pins: [
      {
        path: 'logs/atomy.log',
        line: 12,
        time: null,
        level: 'error',
        component: 'atomy/atomy-unicloud',
        text: 'ERROR attach volume vol-1 failed: 404',
        note: 'The first failure.',
        context: [
          { line: 11, text: 'INFO attaching vol-1' },
          { line: 12, text: 'ERROR attach volume vol-1 failed: 404' },
          { line: 13, text: 'INFO rolled back' },
        ],
        query: 'file:"logs/atomy.log" "attach volume vol-1"',
      },
      {
        path: 'gone.log',
        line: 7,
        time: null,
        level: 'warning',
        component: 'x/y',
        text: 'a line of a file not in the case',
        note: '',
        context: [],
        query: 'file:"gone.log"',
      },
    ],
    queries: [{ what: 'finding volume-attach-404 in atomy/atomy-unicloud', query: 'level:error "attach volume"' }],
  });
}

/** Each level-1 heading with the blocks under it. */
function sections(blocks: readonly OutlineBlock[]): { heading: string; blocks: OutlineBlock[] }[] {
  const out: { heading: string; blocks: OutlineBlock[] }[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level === 1) out.push({ heading: inlineText(b.spans), blocks: [] });
    else out.at(-1)?.blocks.push(b);
  }
  return out;
}

/** Text without the marks Markdown adds around it (code, strong, emphasis) and without spacing. */
const bare = (text: string): string => text.replace(/[`*_\s]/g, '');

describe('outlineReport', () => {
  it('gives every section its numbered heading and something under it, even when the report is empty', () => {
    for (const language of ['en', 'zh'] as const) {
      const outline = outlineReport(emptyReport(), language);
      const found = sections(outline.blocks);
      // "Compared with" is there only when the report was made with a comparison.
      expect(found.map((s) => s.heading)).toHaveLength(REPORT_SECTIONS.length - 1);
      const contents = outline.blocks.find((b) => b.kind === 'contents');
      expect(contents?.kind === 'contents' && contents.entries.map((e) => e.heading)).toEqual(
        found.map((s) => s.heading),
      );
      found.forEach((s, i) => {
        expect(s.heading.startsWith(`${i + 1}. `)).toBe(true);
        expect(s.blocks.flatMap(blockTexts).join('').trim(), `${s.heading} says something`).not.toBe('');
      });
    }
    const empty = outlineReport(emptyReport()).blocks.flatMap(blockTexts);
    expect(empty).toContain('No known problem signature matched.');
    expect(empty).toContain('Nothing was pinned.');
  });

  it('puts nothing on the cover that the sections do not say', () => {
    const outline = outlineReport(fullReport());
    const cover = outline.blocks.find((b) => b.kind === 'cover');
    const body = bare(
      outline.blocks
        .filter((b) => b.kind !== 'cover')
        .flatMap(blockTexts)
        .join('\n'),
    );
    const coverTexts = cover ? blockTexts(cover) : [];
    expect(coverTexts.length).toBeGreaterThan(2);
    for (const text of coverTexts)
      for (const piece of text.split(' · ')) expect(body, `"${piece}" in a section`).toContain(bare(piece));
  });

  it('prints every text of the outline in the Markdown, in both languages', () => {
    for (const language of ['en', 'zh'] as const) {
      const report = fullReport();
      const markdown = bare(markdownReport(report, language));
      const outline = outlineReport(report, language);
      const texts = outline.blocks.filter((b) => b.kind !== 'cover').flatMap(blockTexts);
      expect(texts.length).toBeGreaterThan(100);
      for (const text of texts) expect(markdown, `"${text}" in the Markdown`).toContain(bare(text));
    }
  });

  it('says each finding with its evidence, ids, search and references, and each pin with its context', () => {
    const texts = outlineReport(fullReport()).blocks.flatMap(blockTexts);
    for (const text of [
      'logs/atomy.log:12',
      'ERROR attach volume vol-1 failed: 404',
      'logs/atomy.log:14',
      'NotFound: volume vol-1',
      'req-1111, req-2222',
      'level:error "attach volume"',
      'https://docs.openstack.org/cinder',
      'INFO rolled back',
      'a line of a file not in the case',
      'file:"gone.log"',
      '7 more events are not shown.',
    ])
      expect(texts, text).toContain(text);
  });

  it('cuts the file list once, for every format, and says how many more there are', () => {
    const files = Array.from({ length: MAX_INVENTORY_ROWS + 3 }, (_, i) => file(i));
    const blocks = outlineReport(emptyReport({ files })).blocks;
    const table = blocks.find((b) => b.kind === 'table' && b.columns[0]?.title === 'Path' && b.rows.length > 3);
    expect(table?.kind === 'table' && table.rows).toHaveLength(MAX_INVENTORY_ROWS);
    expect(blocks.flatMap(blockTexts)).toContain('… 3 more in the JSON report.');
    expect(markdownReport(emptyReport({ files }))).toContain('_… 3 more in the JSON report._');
  });
});
