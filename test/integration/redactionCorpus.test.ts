/**
 * The redaction corpus end to end: every secret shape of test/fixtures/secretCorpus.ts as log
 * lines of one bundle, all of them in a pinned excerpt, the learnt values again alone (on a
 * pinned line, in its note, the problem statement and the conclusion), a bare token in the
 * conclusion — rendered to JSON, Markdown and PDF. Without redaction every canary is in every
 * format (the corpus reaches the report); with --redact none is, in any format (the PDF read back
 * with pdftotext, whitespace removed so a wrapped line cannot hide one); what a report needs —
 * rule ids, request ids, UUIDs, paths, times, key names, near misses — stays.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase, type Diagnosis } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { composeReport } from '../../src/main/engine/report/composeReport.ts';
import { writeReports } from '../../src/main/engine/report/writeReports.ts';
import type { Inventory } from '../../src/shared/api.ts';
import { emptyNotes, type CaseNotes, type Pin } from '../../src/shared/caseNotes.ts';
import { epochMs } from '../../src/shared/model.ts';
import type { RedactionOptions } from '../../src/shared/redact/redactor.ts';
import { CONCLUSION_CANARY, CONCLUSION_TOKEN, LEARNED, NEAR_MISSES, SECRET_CORPUS } from '../fixtures/secretCorpus.ts';
import { buildTarGz } from '../support/archives.ts';

const PATH = 'opt/installer/production/logs/proxy/proxy-engine.log';
const REQUEST = 'req-3f1c2a4e-9b8d-4c7e-a6f5-0e1d2c3b4a59';
const UUID = '7e7cc42f-3cb9-4d91-804c-f5a32d54f1c5';
const clock = (n: number) =>
  `2025-09-18 16:${String(10 + Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000 2533`;

function logLines(): string[] {
  const lines: string[] = [];
  for (let n = 0; n < 20; n++)
    lines.push(`${clock(n)} INFO proxy.engine [${REQUEST} - - - - -] heartbeat ${n} instance ${UUID}`);
  lines.push(
    `${clock(20)} ERROR proxy.engine [${REQUEST} - - - - -] Connection timed out to 10.20.0.15 while syncing ${UUID}`,
  );
  for (const shape of SECRET_CORPUS) lines.push(...shape.lines);
  lines.push(...NEAR_MISSES);
  for (let n = 30; n < 50; n++) lines.push(`${clock(n)} INFO proxy.engine [-] heartbeat ${n}`);
  return lines;
}

const lines = logLines();
const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
let dir: string;
let bundle: string;
let index: CaseIndex;
let inventory: Inventory;
let diagnosis: Diagnosis;

function pin(line: number, note: string): Pin {
  return {
    path: PATH,
    line,
    file: null,
    text: lines[line - 1],
    time: null,
    level: 'info',
    component: 'proxy/proxy-engine',
    note,
    pinnedAt: line,
  };
}

function notes(): CaseNotes {
  return {
    ...emptyNotes(),
    ticket: 'SR-CORPUS',
    statement: `Sync of ${UUID} fails (${REQUEST}); the customer pasted admin/${LEARNED.password}`,
    conclusion: `Rotate ${CONCLUSION_TOKEN} and the credential ${LEARNED.bearer}; see ${PATH}.`,
    // The timed-out line, whose context holds the whole file; and the line where a learnt value stands alone.
    pins: [
      pin(lineOf('Connection timed out'), 'context of every shape'),
      pin(lineOf(`admin/${LEARNED.password}`), `the value ${LEARNED.bearer} again`),
    ],
  };
}

/** The three formats as text; the PDF through pdftotext. */
async function outputs(
  redaction: RedactionOptions | null,
  name: string,
): Promise<Record<'json' | 'md' | 'pdf', string>> {
  const report = composeReport(index, inventory, diagnosis, {
    notes: notes(),
    contextLines: lines.length,
    generatedAt: epochMs(0),
    generator: 'tarsier test',
    redaction,
  });
  const targets = { json: join(dir, `${name}.json`), md: join(dir, `${name}.md`), pdf: join(dir, `${name}.pdf`) };
  const written = await writeReports(report, targets, [bundle]);
  if (!written.ok) throw new Error(written.error);
  return {
    json: await readFile(targets.json, 'utf8'),
    md: await readFile(targets.md, 'utf8'),
    pdf: execFileSync('pdftotext', [targets.pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }),
  };
}

/** Text without whitespace: a canary wrapped across two lines of the PDF still reads as one. */
const flat = (text: string) => text.replace(/\s+/g, '');
const canariesOf = (shape: (typeof SECRET_CORPUS)[number]) => [shape.canary, ...(shape.canary2 ? [shape.canary2] : [])];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-corpus-'));
  bundle = join(dir, 'corpus.tar.gz');
  await writeFile(bundle, await buildTarGz([{ name: PATH, data: `${lines.join('\n')}\n` }]));
  const result = await indexCase([bundle], { zone: '+08:00', indexMode: 'inline' });
  if (!result.ok) throw new Error(result.error);
  ({ index, inventory } = result.value);
  diagnosis = diagnoseCase(index, inventory);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the redaction corpus in JSON, Markdown and PDF', () => {
  it('reaches every format when redaction is off (the test can see a leak)', async () => {
    const plain = await outputs(null, 'plain');
    for (const [format, text] of Object.entries(plain)) {
      for (const shape of SECRET_CORPUS)
        for (const canary of canariesOf(shape))
          expect(flat(text), `${shape.name} in the plain ${format}`).toContain(canary);
      expect(flat(text), `the conclusion's token in the plain ${format}`).toContain(CONCLUSION_CANARY);
    }
  }, 60_000);

  it.each([
    ['--redact', { secrets: true, network: false }],
    ['--redact --redact-network', { secrets: true, network: true }],
  ] as const)(
    'masks every shape in every format with %s',
    async (name, redaction) => {
      const redacted = await outputs(redaction, name.replace(/\W+/g, '-'));
      const masked: Record<string, number> = {};
      for (const [format, text] of Object.entries(redacted)) {
        const leaks = SECRET_CORPUS.filter((shape) =>
          canariesOf(shape).some((canary) => flat(text).includes(canary)),
        ).map((shape) => shape.name);
        expect(leaks, `shapes leaking in the ${format}`).toEqual([]);
        expect(flat(text), `the conclusion's token in the ${format}`).not.toContain(CONCLUSION_CANARY);
        masked[format] = SECRET_CORPUS.length - leaks.length;
      }
      expect(masked).toEqual({ json: SECRET_CORPUS.length, md: SECRET_CORPUS.length, pdf: SECRET_CORPUS.length });
    },
    60_000,
  );

  it('keeps rule ids, request ids, UUIDs, paths, times, key names and near misses readable', async () => {
    const redacted = await outputs({ secrets: true, network: false }, 'readable');
    const rule = diagnosis.findings.find((f) => f.evidence.some((e) => e.text.includes('Connection timed out')))?.rule;
    expect(rule, 'a finding on the timed-out line').toBeDefined();
    const keep = [
      rule!,
      REQUEST,
      UUID,
      PATH,
      '2025-09-18',
      'password=',
      'AccountName=tarsierlogs',
      'SharedAccessKeyName=RootManageSharedAccessKey',
      '--os-auth-token',
      'requirepass',
      'ipmitool',
      ...NEAR_MISSES,
    ];
    // The bundle's hash is hex: never taken for a random token.
    const sha256 = createHash('sha256')
      .update(await readFile(bundle))
      .digest('hex');
    expect(JSON.parse(redacted.json).bundle.sha256).toBe(sha256);
    for (const [format, text] of Object.entries(redacted)) {
      for (const item of keep) {
        // The PDF has no CJK face; what it cannot draw is not the redactor's to keep.
        if (format === 'pdf' && /[^\x20-\x7e]/.test(item)) continue;
        expect(flat(text), `${item} in the ${format}`).toContain(flat(item));
      }
    }
  }, 60_000);

  it('counts what it masked by kind, learnt values and random tokens included, and never reproduces a learnt value in a query', async () => {
    const redacted = await outputs({ secrets: true, network: false }, 'counts');
    const report = JSON.parse(redacted.json);
    for (const kind of new Set(SECRET_CORPUS.map((shape) => shape.kind)))
      expect(report.redaction.counts[kind], `${kind} counted`).toBeGreaterThan(0);
    expect(redacted.md).toMatch(/learned × \d+/);
    expect(redacted.md).toMatch(/high-entropy × \d+/);
    const learnedPin = report.pins.find((p: { line: number }) => p.line === lineOf(`admin/${LEARNED.password}`));
    expect(learnedPin.query).toBe(`file:"${PATH}"`);
    for (const query of report.queries) expect(query.query).not.toMatch(/CANARY|canary/);
  }, 60_000);
});
