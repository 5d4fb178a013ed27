// The timestamp shapes of issue 15: each layout reads a real shape (taken from lnav's test logs
// and format files, journald and audit docs) to the instant it means.
import { describe, expect, it } from 'vitest';
import { compileTimeLayout, partsToEpoch } from '../../src/shared/time.ts';

/** Reads `text` with `layout` in UTC (year 2026 when the layout has none) as ISO-8601, or null. */
function read(layout: string, text: string): string | null {
  const compiled = compileTimeLayout(layout);
  if (!compiled.ok) throw new Error(compiled.error);
  const parts = compiled.parse(text);
  if (!parts) return null;
  const time = partsToEpoch({ ...parts, year: parts.year ?? 2026 }, 'UTC');
  return time === null ? null : new Date(time).toISOString();
}

describe('epoch numbers: the unit follows the magnitude', () => {
  it.each([
    ['1428634687', '2015-04-10T02:58:07.000Z'],
    ['1761019822.3152757', '2025-10-21T04:10:22.315Z'],
    ['1428634687123', '2015-04-10T02:58:07.123Z'],
    ['1490386367764.0', '2017-03-24T20:12:47.764Z'],
    ['1534860261221373', '2018-08-21T14:04:21.221Z'],
    ['1700000000000000000', '2023-11-14T22:13:20.000Z'],
  ])('%s', (text, expected) => {
    for (const layout of ['epoch', 'epoch-s', 'epoch-ms', 'epoch-us', 'epoch-ns'])
      expect(read(layout, text)).toBe(expected);
  });

  it('a millisecond epoch under the seconds layout is not year 56145', () => {
    expect(read('epoch-s', '1745532517537')).toBe('2025-04-24T22:08:37.537Z');
  });

  it('rejects what is not a number', () => {
    expect(read('epoch', '')).toBeNull();
    expect(read('epoch', '12:30')).toBeNull();
    expect(read('epoch', '-5')).toBeNull();
  });
});

describe('counted stamps', () => {
  it('audit(seconds.millis:serial)', () => {
    expect(read('audit', 'audit(1709604932.118:4310)')).toBe('2024-03-05T02:15:32.118Z');
    expect(read('audit', '1709604932.118:4310')).toBe('2024-03-05T02:15:32.118Z');
  });

  it('TAI64N as tai64nlocal reads it', () => {
    expect(read('tai64n', '@40000000433225833b6e1a8c')).toBe('2005-09-22T03:31:05.997Z');
    expect(read('tai64n', '@4000')).toBeNull();
  });
});

describe('calendar layouts', () => {
  it.each([
    ['YYMMDD HH:mm:ss', '120823 13:07:01', '2012-08-23T13:07:01.000Z'],
    ['YYMMDD H:mm:ss', '130909  9:18:33', '2013-09-09T09:18:33.000Z'],
    ['YYMMDD HHmmss', '240305 101532', '2024-03-05T10:15:32.000Z'],
    ['YY/MM/DD HH:mm:ss', '17/06/09 20:10:40', '2017-06-09T20:10:40.000Z'],
    ['YYYYMMDD-HH:mm:ss:SSS', '20240305-10:15:32:123', '2024-03-05T10:15:32.123Z'],
    ['MM.DD HH:mm:ss', '03.05 10:15:32', '2026-03-05T10:15:32.000Z'],
    ['DD-MMM-YYYY HH:mm:ss.SSS', '07-Dec-2026 01:49:34.123', '2026-12-07T01:49:34.123Z'],
    ['MMM DD, YYYY h:mm:ss a', 'Dec 07, 2026 1:49:34 PM', '2026-12-07T13:49:34.000Z'],
    ['MMM DD, YYYY h:mm:ss a', 'Dec 07, 2026 12:49:34 AM', '2026-12-07T00:49:34.000Z'],
    ['EEE MMM DD HH:mm:ss YYYY', 'Sun Mar 13 22:49:12 2016', '2016-03-13T22:49:12.000Z'],
    ['EEE MMM D HH:mm:ss YYYY', 'Tue Jan  3 05:01:31 2012', '2012-01-03T05:01:31.000Z'],
    ['EEE MMM DD HH:mm:ss.SSSSSS YYYY', 'Tue Apr 04 06:28:08.605341 2017', '2017-04-04T06:28:08.605Z'],
    ['EEE MMM D HH:mm:ss zzz YYYY', 'Wed May 19 08:00:01 EST 2021', '2021-05-19T13:00:01.000Z'],
    ['EEE MMM D HH:mm:ss zzz YYYY', 'Mon Dec  7 01:49:34 UTC 2026', '2026-12-07T01:49:34.000Z'],
    ['M/D/YYYY h:mm:ss a', '3/5/2024 1:15:32 PM', '2024-03-05T13:15:32.000Z'],
    ['YYYY-MM-DD HH:mm:ss.SSS zzz', '2025-08-13 01:45:01.123 PDT', '2025-08-13T08:45:01.123Z'],
    ['YYYY-MM-DD HH:mm:ss zzz', '2017-09-06 08:40:10 UTC', '2017-09-06T08:40:10.000Z'],
    ['YYYY-MM-DD HH:mm:ss zzz', '2021-02-14 01:34:02 CET', '2021-02-14T00:34:02.000Z'],
    ['YYYY-MM-DD HH:mm:ss zzz', '2024-03-05 10:15:32 CST', '2024-03-05T02:15:32.000Z'],
    ['YYYY-MM-DD HH:mm:ss zzz', '2024-03-05 10:15:32 GMT', '2024-03-05T10:15:32.000Z'],
    ['YYYY-MM-DD HH:mm:ss zzz', '2024-03-05 10:15:32 EDT', '2024-03-05T14:15:32.000Z'],
    ['YYYY-MM-DD HH:mm:ss zzz', '2024-03-05 10:15:32 PST', '2024-03-05T18:15:32.000Z'],
    ['YYYY-MM-DD HH:mm:ss.SSS zzz', '2022-02-17 06:45:10.440 -0800', '2022-02-17T14:45:10.440Z'],
    ['YYYY-MM-DD HH:mm:ss.SSS:', '2015-03-12 23:16:52.071:', '2015-03-12T23:16:52.071Z'],
  ])('%s reads %s', (layout, text, expected) => {
    expect(read(layout, text)).toBe(expected);
  });

  it('an unknown zone name leaves the bundle zone', () => {
    expect(read('YYYY-MM-DD HH:mm:ss zzz', '2024-03-05 10:15:32 FOO')).toBe('2024-03-05T10:15:32.000Z');
  });

  it('ISO 8601 offsets +08, +0800 and +08:00, also after a space', () => {
    expect(read('ISO8601', '2024-03-05T10:15:32+08')).toBe('2024-03-05T02:15:32.000Z');
    expect(read('ISO8601', '2024-03-05T10:15:32+0800')).toBe('2024-03-05T02:15:32.000Z');
    expect(read('ISO8601', '2024-03-05T10:15:32.5+08:00')).toBe('2024-03-05T02:15:32.500Z');
    expect(read('ISO8601', '2024-03-05 10:15:32 +0800')).toBe('2024-03-05T02:15:32.000Z');
    expect(read('ISO8601', '2015-03-12T23:16:52.071')).toBe('2015-03-12T23:16:52.071Z');
  });

  it('12-hour clocks reject hour 13; a weekday is only its shape', () => {
    expect(read('M/D/YYYY h:mm:ss a', '3/5/2024 13:15:32 PM')).toBeNull();
    expect(read('EEE MMM DD HH:mm:ss YYYY', 'Xyz Mar 13 22:49:12 2016')).toBe('2016-03-13T22:49:12.000Z');
  });
});
