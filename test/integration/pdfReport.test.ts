/**
 * The PDF writer on hostile excerpts: a pinned line of 60 000 characters without a space (base64,
 * minified JSON), control characters, characters the fonts lack, a cell of half a megabyte — the
 * report is still written, the long line is wrapped (and cut, with a note), and its text reads
 * back from the PDF. Also the monospace wrapping on its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { composeReport } from '../../src/main/engine/report/composeReport.ts';
import { fitWords, wordsOf, wrapEms } from '../../src/main/engine/report/pdfLayout.ts';
import { writePdfReport } from '../../src/main/engine/report/pdfReport.ts';
import { writeReports } from '../../src/main/engine/report/writeReports.ts';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import { epochMs } from '../../src/shared/model.ts';
import { emptyReport } from '../support/emptyReport.ts';
import { buildTarGz } from '../support/archives.ts';

const PATH = 'opt/installer/production/logs/porter/porter-api.log';
const LONG = Array.from(
  { length: 60_000 },
  (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 7) % 64],
).join('');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-pdf-'));
}, 10_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('wrapEms', () => {
  it('cuts a monospace line by width, never inside a character, full-width counting double', () => {
    const em = (ch: string) => (/[\u4e00-\u9fff]/.test(ch) ? 1 : 0.5);
    expect(wrapEms('abcdefgh', 2, em)).toEqual(['abcd', 'efgh']);
    expect(wrapEms('ab cdef gh', 3, em)).toEqual(['ab ', 'cdef ', 'gh']);
    expect(wrapEms('abcd efghij', 2.5, em)).toEqual(['abcd ', 'efghi', 'j']);
    expect(wrapEms('ab中文cd', 2, em)).toEqual(['ab中', '文cd']);
    expect(wrapEms('', 4, em)).toEqual(['']);
    expect(wrapEms('中', 0.5, em)).toEqual(['中']);
  });
});

describe('fitWords', () => {
  it('widens a column to its widest word with room from those that have some, keeping the total', () => {
    // The monospace column (null) gives up to 40% of itself; the third gives what its word does not need.
    expect(fitWords([100, 20, 30], [null, 35, 10], 200)).toEqual([90, 35, 25]);
    // Not enough to spare: the column grows as far as the room goes.
    expect(fitWords([10, 10], [null, 30], 100)).toEqual([6, 14]);
    // A word wider than the cap is not fitted beyond it.
    expect(fitWords([100, 20], [null, 500], 50)).toEqual([70, 50]);
    expect(fitWords([50, 50], [10, 10], 100)).toEqual([50, 50]);
  });

  it('splits a cell into the runs a line cannot break inside', () => {
    expect(wordsOf(' cloudpods  utf-8\tx ')).toEqual(['cloudpods', 'utf-8', 'x']);
    expect(wordsOf('云硬盘abc，挂载')).toEqual(['abc']);
  });
});

describe('writePdfReport on hostile excerpts', () => {
  it('writes a report with a 60 000-character pinned line, control characters and missing glyphs', async () => {
    const lines = [
      '2025-09-18 16:24:30.002 1234 INFO porter.api [-] before',
      `2025-09-18 16:24:31.123 1234 ERROR porter.api [-] payload ${LONG}`,
      '2025-09-18 16:24:32.000 1234 WARNING porter.api [-] bell \u0007 escape \u001b[31m emoji ✅❌🙂 rtl \u202e',
    ];
    const bundle = join(dir, 'long.tar.gz');
    await writeFile(bundle, await buildTarGz([{ name: PATH, data: `${lines.join('\n')}\n` }]));
    const opened = await indexCase([bundle], { zone: 'UTC', indexMode: 'inline' });
    if (!opened.ok) throw new Error(opened.error);
    const { index, inventory } = opened.value;
    const notes = {
      ...emptyNotes(),
      statement: `x${'y'.repeat(500_000)}`,
      pins: [
        {
          path: PATH,
          line: 2,
          file: null,
          text: '',
          time: null,
          level: 'error' as const,
          component: 'porter/porter-api',
          note: '',
          pinnedAt: 1,
        },
      ],
    };
    const report = composeReport(index, inventory, diagnoseCase(index, inventory), {
      notes,
      contextLines: 5,
      generatedAt: epochMs(0),
      generator: 'tarsier test',
    });
    const pdf = join(dir, 'long.pdf');
    const written = await writeReports(report, { pdf, md: join(dir, 'long.md') }, [bundle]);
    expect(written.ok).toBe(true);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`payload${LONG.slice(0, 3000)}`);
    expect(text).toMatch(/more characters in the JSON report/);
    expect(text).toContain('✓×');
    expect(text).not.toMatch(/[\u0007\u001b]/);
  }, 120_000);
});

describe('writePdfReport tables', () => {
  it('never breaks a short word inside a narrow column (the Format column said "cloudpod/s")', async () => {
    // Format ids of resources/formats, each one word: the column must fit them whole.
    const formats = ['cloudpods', 'mongodb', 'haproxy', 'postgres', 'libvirt', 'logcat', 'squid'];
    const levels = { critical: 0, error: 2, warning: 1, info: 5, debug: 0, trace: 0, unknown: 0 };
    const files = formats.map((format, i) => ({
      path: `var/log/${format}/${format}-${i}.log`,
      module: format,
      component: `${format}-server`,
      format,
      encoding: 'utf-8',
      lines: 120,
      events: 118,
      levels,
    }));
    const pdf = join(dir, 'formats.pdf');
    await writePdfReport(emptyReport({ files: files as never }), pdf);
    // pdftotext puts cells of one row on one line, apart by spaces: compare the words.
    const words = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split(/\s+/);
    for (const format of formats) {
      expect(words, `"${format}" whole in the PDF`).toContain(format);
      const broken = words.filter((w) => w !== format && w.length > 0 && format.startsWith(w));
      expect(broken, `"${format}" split in the PDF`).toEqual([]);
    }
  }, 60_000);
});
