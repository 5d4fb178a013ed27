/**
 * A line of a file → the event whose lines hold it (`lineEvent`), as a pin made in the file viewer
 * takes its time from; and the report's key events giving a pin saved without a time (by older
 * versions) the time of its event. On the generated incident bundle, through the dispatch.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import type { ApiResult } from '../../src/shared/api.ts';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import type { EventView, EventsPage } from '../../src/shared/caseViews.ts';
import type { Report } from '../../src/shared/report.ts';
import { defaultExportOptions } from '../../src/shared/reportExport.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

let dir: string;
let manifest: Manifest;
const manager = new CaseManager();
let caseId: string;
/** An event of three lines or more, with a time. */
let long: EventView;

async function call<T>(method: string, payload: unknown): Promise<ApiResult<T>> {
  return (await dispatchRequest(manager, method, payload)) as ApiResult<T>;
}
async function value<T>(method: string, payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-line-event-'));
  const bundle = join(dir, 'case.tar.gz');
  manifest = await generateBundle({ seed: 7, targetBytes: 1_200_000, outPath: bundle });
  caseId = (await value<{ caseId: string }>('openCase', { paths: [bundle], zone: manifest.timeZone })).caseId;
  await manager.diagnosed(caseId);
  for (let offset = 0; ; offset += 5000) {
    const page = await value<EventsPage>('events', { caseId, offset, limit: 5000 });
    const found = page.rows.find((r) => r.lineCount >= 3 && r.time !== null);
    if (found) {
      long = found;
      break;
    }
    if (offset + 5000 >= page.total) throw new Error('the generated bundle has no event of three lines with a time');
  }
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('lineEvent', () => {
  it('gives the event for its head line and for each of its continuation lines', async () => {
    for (const line of [long.line, long.line + 1, long.line + long.lineCount - 1]) {
      const event = await value<EventView | null>('lineEvent', { caseId, file: long.file, line });
      expect(event, `line ${line}`).toMatchObject({ id: long.id, time: long.time, level: long.level, line: long.line });
    }
  });

  it('gives the next event (or none) for the line after the event', async () => {
    const after = await value<EventView | null>('lineEvent', {
      caseId,
      file: long.file,
      line: long.line + long.lineCount,
    });
    expect(after === null || after.id !== long.id).toBe(true);
    if (after) expect(after.line).toBe(long.line + long.lineCount);
  });

  it('gives null past the end of the file', async () => {
    expect(await value<EventView | null>('lineEvent', { caseId, file: long.file, line: 2 ** 30 })).toBeNull();
  });

  it('refuses an unknown file and a bad line, naming them', async () => {
    expect(await call('lineEvent', { caseId, file: 99999, line: 1 })).toEqual({
      ok: false,
      error: `lineEvent: case ${caseId} has no file 99999`,
    });
    expect(await call('lineEvent', { caseId, file: 0, line: 0 })).toEqual({
      ok: false,
      error: 'lineEvent: line must be a 1-based line number, got 0',
    });
  });
});

describe('the report of a pin saved without a time', () => {
  it('takes the time of the event holding the pinned line', async () => {
    const pin = {
      path: long.path,
      line: long.line + 1,
      file: long.file,
      text: '',
      time: null,
      level: long.level,
      component: `${long.module}/${long.component}`,
      note: '',
      pinnedAt: 1,
    };
    const result = await manager.exportReport({
      caseId,
      notes: { ...emptyNotes(), pins: [pin] },
      stage: null,
      options: { ...defaultExportOptions('en'), formats: ['json'] },
    });
    if (!result.ok) throw new Error(result.error);
    const report = JSON.parse(Buffer.from(result.value.files[0].base64, 'base64').toString('utf8')) as Report;
    expect(report.pins[0].time).not.toBeNull();
    expect(Date.parse(report.pins[0].time!)).toBe(long.time);
  }, 60_000);
});
