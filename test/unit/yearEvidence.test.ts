// The decision behind a year-less file's year (shared/time/yearEvidence.ts), and the re-timing.
import { describe, expect, it } from 'vitest';
import { epochMs, type FileRecord } from '../../src/shared/model.ts';
import { formatIso } from '../../src/shared/time.ts';
import { decideYear, EvidenceTable, yearRemapper } from '../../src/shared/time/yearEvidence.ts';

const utc = (iso: string) => epochMs(Date.parse(iso));

const record = (path: string, patch: Partial<FileRecord>): FileRecord => ({
  path,
  bundle: 0,
  bytes: 1,
  kind: 'log',
  module: 'm',
  component: 'c',
  format: 'x',
  encoding: 'utf-8',
  lines: 1,
  events: 1,
  firstTime: null,
  lastTime: null,
  levels: { unknown: 1, trace: 0, debug: 0, info: 0, warning: 0, error: 0, critical: 0 },
  linesCut: 0,
  invalidBytes: 0,
  incomplete: null,
  modifiedTime: null,
  ...patch,
});

describe('decideYear', () => {
  const evidence = { files: 3, scope: 'bundle' as const, latest: utc('2024-12-31T10:00:00Z') };
  const bundleTime = utc('2026-12-07T00:00:00Z');

  it('a placeholder mtime (zip 1980) gives way to the evidence, with a week of slack', () => {
    expect(decideYear(utc('1980-01-01T00:00:00Z'), evidence, bundleTime)).toEqual({
      year: 'bundle-dates',
      reference: utc('2025-01-07T10:00:00Z'),
      evidence,
    });
  });

  it('an mtime far after the evidence (the day the bundle was made) gives way too', () => {
    expect(decideYear(utc('2026-12-07T00:00:00Z'), evidence, bundleTime).year).toBe('bundle-dates');
  });

  it('an mtime within 30 days after the evidence, or before it, is kept', () => {
    expect(decideYear(utc('2025-01-20T00:00:00Z'), evidence, bundleTime)).toEqual({
      year: 'file-time',
      reference: utc('2025-01-20T00:00:00Z'),
    });
    expect(decideYear(utc('2023-05-01T00:00:00Z'), evidence, bundleTime).year).toBe('file-time');
  });

  it('no evidence: a plausible mtime, else the bundle time', () => {
    expect(decideYear(utc('2026-12-07T00:00:00Z'), null, bundleTime).year).toBe('file-time');
    expect(decideYear(null, null, bundleTime)).toEqual({ year: 'bundle-time', reference: bundleTime });
  });
});

describe('EvidenceTable', () => {
  it('the same folder first, else the same input bundle; year-less files are no evidence', () => {
    const files = [
      record('a/x.log', { lastTime: utc('2024-03-01T00:00:00Z') }),
      record('a/y.log', { lastTime: utc('2024-04-01T00:00:00Z') }),
      record('b/z.log', { lastTime: utc('2023-01-01T00:00:00Z') }),
      record('b/messages', { lastTime: utc('2026-01-01T00:00:00Z'), timeGuess: { year: 'file-time' } }),
      record('c/other-bundle.log', { bundle: 1, lastTime: utc('2020-01-01T00:00:00Z') }),
    ];
    const table = new EvidenceTable(files);
    expect(table.evidenceFor(record('a/messages', {}))).toEqual({
      files: 2,
      scope: 'folder',
      latest: utc('2024-04-01T00:00:00Z'),
    });
    expect(table.evidenceFor(record('b/messages', {}))).toEqual({
      files: 1,
      scope: 'folder',
      latest: utc('2023-01-01T00:00:00Z'),
    });
    expect(table.evidenceFor(record('d/messages', {}))).toEqual({
      files: 3,
      scope: 'bundle',
      latest: utc('2024-04-01T00:00:00Z'),
    });
    expect(table.evidenceFor(record('d/messages', { bundle: 2 }))).toBeNull();
  });
});

describe('yearRemapper', () => {
  it('moves each time to the year the new reference gives it, keeping the wall time in the zone', () => {
    // Read against 2026-12-07: Dec 31 was 2025 and Jan 1 2026. Against 2025-01-07: 2024 and 2025.
    const remap = yearRemapper('Asia/Shanghai', utc('2025-01-07T00:00:00Z'));
    expect(new Date(remap(utc('2025-12-31T15:59:59+08:00'))).toISOString()).toBe('2024-12-31T07:59:59.000Z');
    expect(new Date(remap(utc('2026-01-01T00:00:01+08:00'))).toISOString()).toBe('2024-12-31T16:00:01.000Z');
    expect(Number.isNaN(remap(Number.NaN))).toBe(true);
  });

  it('a time already in the right year is left as it is', () => {
    const remap = yearRemapper('UTC', utc('2025-01-07T00:00:00Z'));
    expect(remap(utc('2024-11-03T09:23:38.250Z'))).toBe(utc('2024-11-03T09:23:38.250Z'));
  });

  it('over a whole year in a zone with summer time, every time keeps its wall clock and moves a year', () => {
    const zone = 'Europe/Berlin';
    const remap = yearRemapper(zone, utc('2025-01-07T00:00:00Z'));
    let checked = 0;
    for (
      let t: number = utc('2025-01-10T00:00:00Z');
      t < utc('2025-12-31T00:00:00Z');
      t += 7 * 3_600_000 + 13 * 60_000 + 7_001
    ) {
      const before = formatIso(epochMs(t), zone);
      // Wall times in the hour summer time skips in 2024 (2024-03-31 02:xx) do not exist there.
      if (/^2025-03-31T02/.test(before)) continue;
      const after = formatIso(epochMs(remap(t)), zone);
      expect(after.slice(0, 4)).toBe('2024');
      expect(after.slice(4, 23)).toBe(before.slice(4, 23));
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
