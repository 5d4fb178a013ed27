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
import { wrapEms } from '../../src/main/engine/report/pdfLayout.ts';
import { writeReports } from '../../src/main/engine/report/writeReports.ts';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import { epochMs } from '../../src/shared/model.ts';
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
