// The merged timeline of real files that are not in time order themselves: the vendored
// OpenStack samples (insights-core's ceilometer, heat and mistral logs, each with a line earlier
// than the one before it) and lnav's rollover syslog, read as one folder. The merged list must be
// the brute-force stable sort of every event by time (then file, then line); the file viewer
// keeps each file's own line order; search hits and traces follow the merged order.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { eventsPage, fileLinesPage, searchPage } from '../../src/main/engine/index/casePages.ts';
import { indexCase, releaseSpool, type IndexedCase } from '../../src/main/engine/index/indexCase.ts';
import { GOLDEN_DIR } from './goldenSupport.ts';

const VENDORED = resolve(GOLDEN_DIR, '..', 'fixtures', 'vendored');
const CEILOMETER = 'openstack/insights-core_ceilometer_log_samples.log';

let indexed: IndexedCase;
let index: CaseIndex;

beforeAll(async () => {
  const result = await indexCase([VENDORED], { zone: 'UTC', indexMode: 'inline' });
  if (!result.ok) throw new Error(result.error);
  indexed = result.value;
  index = indexed.index;
});

afterAll(() => {
  if (indexed) releaseSpool(indexed);
});

const fileOf = (suffix: string) => {
  const i = index.files.findIndex((f) => f.record.path.endsWith(suffix));
  if (i < 0) throw new Error(`no file ${suffix} in ${VENDORED}`);
  return { i, ...index.files[i] };
};

/** The sort key, from the documentation: own time, else the file's timed event before, else its first time. */
function briefKeys(): number[] {
  const key: number[] = [];
  for (const f of index.files) {
    let before = Number.POSITIVE_INFINITY;
    for (let e = f.first; e < f.first + f.count; e++)
      if (!Number.isNaN(index.events.time[e])) {
        before = index.events.time[e];
        break;
      }
    for (let e = f.first; e < f.first + f.count; e++) {
      if (!Number.isNaN(index.events.time[e])) before = index.events.time[e];
      key[e] = before;
    }
  }
  return key;
}

describe('the merged timeline of files out of time order (test/fixtures/vendored)', () => {
  it('reads files whose own lines go back in time', () => {
    const outOfOrder = index.files.filter((f) => {
      for (let e = f.first + 1; e < f.first + f.count; e++)
        if (index.events.time[e] < index.events.time[e - 1]) return true;
      return false;
    });
    expect(outOfOrder.map((f) => f.record.path)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('insights-core_ceilometer'),
        expect.stringContaining('insights-core_heat'),
        expect.stringContaining('insights-core_mistral'),
        expect.stringContaining('logfile_rollover.2'),
      ]),
    );
  });

  it('lists every event as the brute-force stable sort by time, then file, then line', () => {
    const key = briefKeys();
    // Event ids are files in reading order, then lines: a stable sort by key is (key, id).
    const expected = Array.from({ length: index.size }, (_, e) => e).sort((a, b) => key[a] - key[b] || a - b);
    const listed: number[] = [];
    for (let offset = 0; offset < index.size; offset += 97)
      listed.push(...eventsPage(index, offset, 97).rows.map((r) => r.id));
    expect(listed).toEqual(expected);
    const rows = eventsPage(index, 0, index.size).rows;
    for (let p = 1; p < rows.length; p++) {
      const [a, b] = [rows[p - 1], rows[p]];
      if (a.time !== null && b.time !== null) expect(b.time, `${b.path}:${b.line}`).toBeGreaterThanOrEqual(a.time);
      if (a.time === b.time && a.file === b.file) expect(b.line).toBeGreaterThan(a.line);
    }
  });

  it('puts ceilometer’s 14:32:41 warning (line 6) before its 14:38 lines 1–5', () => {
    const f = fileOf(CEILOMETER);
    const rows = eventsPage(index, 0, index.size).rows.filter((r) => r.file === f.i);
    expect(rows.slice(0, 10).map((r) => r.line)).toEqual([6, 7, 8, 9, 1, 2, 3, 4, 5, 10]);
    expect(rows[0].level).toBe('warning');
    // Jumping to 14:32:41 lands on it, not past it.
    const at = eventsPage(index, 0, 1, Date.UTC(2016, 10, 9, 14, 32, 41, 99)).rows[0];
    expect([at.file, at.line]).toEqual([f.i, 6]);
  });

  it('keeps the file viewer in the file’s own line order', () => {
    const f = fileOf(CEILOMETER);
    const page = fileLinesPage(index, f.i, 1, 21)!;
    expect(page.heads.map((h) => h.line)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(page.lines[5]).toContain('2016-11-09 14:32:41.099');
  });

  it('gives search hits in the same time order', () => {
    const hits = searchPage(index, 'level:warning', 0, 1000).hits;
    expect(hits.length).toBeGreaterThan(5);
    const positions = hits.map((h) => h.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const ceilometer = hits.filter((h) => h.path.endsWith(CEILOMETER)).map((h) => h.line);
    expect(ceilometer.slice(0, 3)).toEqual([6, 9, 1]);
  });
});
