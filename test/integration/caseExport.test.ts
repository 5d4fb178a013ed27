/**
 * Case → Export and case persistence through the AnalyzerApi (CaseManager), as the UI calls them:
 * the report in every format with the UI's notes and choices, the checks on a bad request, and
 * the case's state kept in the data folder and found again by a later session.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { CaseStore } from '../../src/main/engine/case/caseStore.ts';
import { validateRequest } from '../../src/shared/api.ts';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import type { CaseState } from '../../src/shared/caseState.ts';
import type { Report } from '../../src/shared/report.ts';
import { defaultExportOptions, type ExportReportRequest } from '../../src/shared/reportExport.ts';
import { TARSIER_VERSION } from '../../src/shared/version.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

let dir: string;
let bundle: string;
let manifest: Manifest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-export-'));
  bundle = join(dir, 'case.tar.gz');
  manifest = await generateBundle({ seed: 7, targetBytes: 1_200_000, outPath: bundle });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function opened(manager: CaseManager): Promise<string> {
  const result = await manager.openCase({ paths: [bundle], zone: manifest.timeZone });
  if (!result.ok) throw new Error(result.error);
  await manager.diagnosed(result.value.caseId);
  return result.value.caseId;
}

/**
 * One case opened by a manager without a data folder, shared by the tests that neither keep state
 * nor need a later session: opening and diagnosing the bundle is what these tests spend their time on.
 */
let noDataFolder: Promise<{ manager: CaseManager; caseId: string }> | undefined;
function openedWithoutDataFolder(): Promise<{ manager: CaseManager; caseId: string }> {
  noDataFolder ??= (async () => {
    const manager = new CaseManager({ generator: `tarsier ${TARSIER_VERSION}` });
    return { manager, caseId: await opened(manager) };
  })();
  return noDataFolder;
}

const decode = (base64: string): Buffer => Buffer.from(base64, 'base64');

describe('exportReport', () => {
  it('returns the report in every format asked for, with the notes, redacted by default', async () => {
    const { manager, caseId } = await openedWithoutDataFolder();
    const attach = manifest.incidents.find((i) => i.id === 'attach-volume-404')!;
    const notes = {
      ...emptyNotes(),
      ticket: 'SR 42/a',
      statement: 'pasted: password=Hunter2',
      pins: [
        {
          path: attach.path,
          line: attach.line,
          file: null,
          text: '',
          time: null,
          level: 'error' as const,
          component: 'unicloud/unicloud-engine',
          note: 'here',
          pinnedAt: 1,
        },
      ],
    };
    const result = await manager.exportReport({
      caseId,
      notes,
      stage: 'host-boot-block',
      options: { ...defaultExportOptions('en'), formats: ['pdf', 'md', 'json'] },
    });
    if (!result.ok) throw new Error(result.error);
    const byFormat = Object.fromEntries(result.value.files.map((f) => [f.format, f]));
    expect(Object.keys(byFormat).sort()).toEqual(['json', 'md', 'pdf']);
    expect(byFormat.pdf.fileName).toMatch(/^tarsier-SR-42-a-\d{8}-\d{4}\.pdf$/);
    expect(decode(byFormat.pdf.base64).subarray(0, 5).toString()).toBe('%PDF-');
    expect(byFormat.pdf.bytes).toBe(decode(byFormat.pdf.base64).length);
    const json = JSON.parse(decode(byFormat.json.base64).toString('utf8')) as Report;
    expect(json.stage?.id).toBe('host-boot-block');
    expect(json.pins[0].context[0].line).toBe(attach.line - 50);
    expect(json.pins[0].context.some((l) => l.line === attach.line)).toBe(true);
    expect(json.generator).toBe(`tarsier ${TARSIER_VERSION}`);
    const md = decode(byFormat.md.base64).toString('utf8');
    expect(md).toContain('password=[REDACTED:password]');
    expect(md).not.toContain('Hunter2');
    expect(result.value).toMatchObject({ findings: json.findings.length, pins: 1 });
    expect(result.value.redaction?.counts.password).toBe(1);
    // With addresses and names pseudonymised, no file name carries the bundle's (maybe a host's) name.
    const anonymous = await manager.exportReport({
      caseId,
      notes: emptyNotes(),
      stage: null,
      options: { ...defaultExportOptions('en'), formats: ['md'], redactNetwork: true },
    });
    expect(anonymous.ok && anonymous.value.files[0].fileName).toMatch(/^tarsier-case-\d{8}-\d{4}\.md$/);
  }, 60_000);

  it('refuses a bad request with a message naming the field', async () => {
    const request = (patch: Partial<ExportReportRequest['options']>): unknown => ({
      caseId: 'abc',
      notes: emptyNotes(),
      stage: null,
      options: { ...defaultExportOptions('en'), ...patch },
    });
    expect(validateRequest('exportReport', request({ formats: [] }))).toMatch(
      /formats must list one or more of pdf, md, json/,
    );
    expect(validateRequest('exportReport', request({ formats: ['docx' as 'pdf'] }))).toMatch(/got \["docx"\]/);
    expect(validateRequest('exportReport', request({ contextLines: 9999 }))).toMatch(
      /contextLines must be a whole number from 0 to 500, got 9999/,
    );
    expect(validateRequest('exportReport', request({ language: 'fr' as 'en' }))).toMatch(
      /language must be en or zh, got "fr"/,
    );
    expect(validateRequest('exportReport', request({}))).toBeNull();
    const { manager, caseId } = await openedWithoutDataFolder();
    const unknown = await manager.exportReport({
      caseId,
      notes: emptyNotes(),
      stage: 'no-such-stage',
      options: defaultExportOptions('en'),
    });
    expect(unknown).toEqual({ ok: false, error: 'exportReport: unknown stage "no-such-stage"' });
  }, 60_000);
});

describe('case state in the data folder', () => {
  it('keeps notes, stage, filters and the report draft for the bundle, for a later session', async () => {
    const dataDir = join(dir, 'data');
    const first = new CaseManager({ dataDir });
    const caseId = await opened(first);
    expect(await first.caseState({ caseId })).toEqual({ ok: true, value: null });
    const state: CaseState = {
      notes: { ...emptyNotes(), ticket: 'SR-9', conclusion: '结论' },
      stage: 'host-boot-block',
      query: 'level:>=error',
      range: { from: 1, to: 2 },
      exportOptions: { ...defaultExportOptions('zh'), redactNetwork: true },
    };
    expect(await first.saveCaseState({ caseId, state })).toEqual({ ok: true, value: { saved: true } });
    const later = new CaseManager({ dataDir });
    const again = await opened(later);
    expect(await later.caseState({ caseId: again })).toEqual({ ok: true, value: state });
    const saved = await later.savedCases();
    expect(saved.ok && saved.value.map((c) => ({ names: c.names, paths: c.paths, ticket: c.ticket }))).toEqual([
      { names: ['case.tar.gz'], paths: [bundle], ticket: 'SR-9' },
    ]);
  }, 60_000);

  it('keeps the last of many saves made at once, intact', async () => {
    const store = new CaseStore(join(dir, 'concurrent'));
    const key = 'a'.repeat(64);
    const state = (n: number): CaseState => ({
      notes: { ...emptyNotes(), ticket: `T${n}`, conclusion: 'x'.repeat(n % 2 === 0 ? 200_000 : 10) },
      stage: null,
      query: '',
      range: null,
      exportOptions: null,
    });
    await Promise.all(Array.from({ length: 30 }, (_, n) => store.save(key, state(n), { names: ['b'], paths: ['/b'] })));
    expect((await store.load(key))?.notes.ticket).toBe('T29');
    expect((await readdir(join(dir, 'concurrent', 'cases'))).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('treats a damaged saved case as none, and keeps nothing without a data folder', async () => {
    const dataDir = join(dir, 'damaged');
    const manager = new CaseManager({ dataDir });
    const caseId = await opened(manager);
    await manager.saveCaseState({
      caseId,
      state: { notes: emptyNotes(), stage: null, query: '', range: null, exportOptions: null },
    });
    const [file] = await readdir(join(dataDir, 'cases'));
    await writeFile(join(dataDir, 'cases', file), '{ not json');
    const later = new CaseManager({ dataDir });
    expect(await later.caseState({ caseId: await opened(later) })).toEqual({ ok: true, value: null });
    const { manager: none, caseId: other } = await openedWithoutDataFolder();
    expect(
      await none.saveCaseState({
        caseId: other,
        state: { notes: emptyNotes(), stage: null, query: '', range: null, exportOptions: null },
      }),
    ).toEqual({ ok: true, value: { saved: false } });
    expect(await none.savedCases()).toEqual({ ok: true, value: [] });
  }, 60_000);
});
