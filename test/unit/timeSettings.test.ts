// The engineer's time settings (shared/timeSettings.ts): the one shape a case's zone and each
// file's zone and year travel in, checked like every payload (the reopenCase request, a saved case).
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/shared/api.ts';
import { sanitizeCaseState } from '../../src/shared/caseState.ts';
import {
  fileSettingOf,
  normalizeTimeSettings,
  sameTimeSettings,
  timeSettingsSchema,
  withFileSetting,
} from '../../src/shared/timeSettings.ts';
import { problemsOf } from '../../src/shared/validation.ts';
import { yearSetter } from '../../src/shared/time/yearEvidence.ts';

const check = (value: unknown) => problemsOf(timeSettingsSchema, value);

describe('timeSettingsSchema', () => {
  it('takes a case zone and per-file zones and years', () => {
    const settings = {
      zone: '+08:00',
      files: { 'cloudpods/host.log': { zone: 'UTC' }, 'var/log/messages': { year: 2019, zone: 'Asia/Shanghai' } },
    };
    expect(check(settings)).toEqual({ ok: true, value: settings });
  });

  it('names the field and the value of each problem', () => {
    expect(check({ zone: 'Mars/Olympus', files: {} })).toEqual({
      ok: false,
      problems: ['zone: unknown time zone "Mars/Olympus" (use local, UTC, +08:00 or an IANA name)'],
    });
    const year = check({ zone: 'UTC', files: { 'var/log/messages': { year: 19 } } });
    expect(year.ok).toBe(false);
    expect(!year.ok && year.problems[0]).toBe('files.var/log/messages.year must be a year 1970–2100, got 19');
    const fraction = check({ zone: 'UTC', files: { a: { year: 2019.5 } } });
    expect(!fraction.ok && fraction.problems[0]).toBe('files.a.year must be a year 1970–2100, got 2019.5');
    const extra = check({ zone: 'UTC', files: { a: { zone: 'UTC', shift: 3 } } });
    expect(!extra.ok && extra.problems[0]).toBe('"files.a": unknown field "shift"');
    const noFiles = check({ zone: 'UTC' });
    expect(!noFiles.ok && noFiles.problems[0]).toMatch(/^files must be an object of file paths, got undefined/);
  });

  it('keeps no entry for a path that would set an object prototype', () => {
    const parsed = check(JSON.parse('{"zone":"UTC","files":{"__proto__":{"year":2019}}}'));
    const files = parsed.ok ? parsed.value.files : null;
    expect(files && Object.getPrototypeOf(files)).toBe(Object.prototype);
    expect(files && Object.keys(files)).toEqual([]);
  });
});

describe('settings helpers', () => {
  it('spells equal settings one way: empty entries dropped, paths in order', () => {
    const a = { zone: 'UTC', files: { b: { year: 2019 }, a: { zone: '+01:00' }, c: {} } };
    expect(normalizeTimeSettings(a)).toEqual({ zone: 'UTC', files: { a: { zone: '+01:00' }, b: { year: 2019 } } });
    expect(Object.keys(normalizeTimeSettings(a).files)).toEqual(['a', 'b']);
    expect(sameTimeSettings(a, { zone: 'UTC', files: { a: { zone: '+01:00' }, b: { year: 2019 } } })).toBe(true);
    expect(sameTimeSettings(a, { zone: 'UTC', files: { a: { zone: '+01:00' } } })).toBe(false);
    expect(sameTimeSettings(a, { ...a, zone: 'local' })).toBe(false);
  });

  it('sets and resets one file', () => {
    const set = withFileSetting({ zone: 'UTC', files: {} }, 'var/log/messages', { year: 2019 });
    expect(set.files).toEqual({ 'var/log/messages': { year: 2019 } });
    expect(withFileSetting(set, 'var/log/messages', null).files).toEqual({});
  });

  it('finds a file by bundle and path first, then by path, own entries only', () => {
    const files = { 'a.tgz:log/x': { zone: 'UTC' }, 'log/x': { zone: '+08:00' } };
    expect(fileSettingOf(files, 'a.tgz', 'log/x')).toEqual({ zone: 'UTC' });
    expect(fileSettingOf(files, 'b.tgz', 'log/x')).toEqual({ zone: '+08:00' });
    expect(fileSettingOf(files, 'b.tgz', 'log/y')).toBeNull();
    expect(fileSettingOf(files, 'b.tgz', 'constructor')).toBeNull();
  });
});

describe('where the settings travel', () => {
  it('reopenCase takes them, and says what is wrong with them', () => {
    const caseId = 'abcdefghijkl';
    expect(validateRequest('reopenCase', { caseId })).toBeNull();
    expect(validateRequest('reopenCase', { caseId, time: { zone: 'UTC', files: { x: { year: 2019 } } } })).toBeNull();
    expect(validateRequest('reopenCase', { caseId, time: { zone: 'UTC', files: { x: { zone: 'nowhere' } } } })).toBe(
      'reopenCase: time.files.x.zone: unknown time zone "nowhere" (use local, UTC, +08:00 or an IANA name)',
    );
  });

  it('a saved case keeps them; a damaged one falls back to none', () => {
    const time = { zone: '+08:00', files: { 'var/log/messages': { year: 2019 } } };
    expect(sanitizeCaseState({ notes: {}, time }).time).toEqual(time);
    expect(sanitizeCaseState({ notes: {}, time: { zone: 'Mars' } }).time).toBeNull();
    expect(sanitizeCaseState({ notes: {} }).time).toBeUndefined();
  });
});

describe('yearSetter', () => {
  it('gives the calendar fields the year set, in the zone they were read in', () => {
    const to2019 = yearSetter('+08:00', 2019);
    // Nov 3 09:23:38 read as 2016 in +08:00 → the same wall time in 2019.
    expect(to2019(Date.parse('2016-11-03T09:23:38+08:00'))).toBe(Date.parse('2019-11-03T09:23:38+08:00'));
    expect(to2019(Date.parse('2016-11-03T09:23:38.250+08:00'))).toBe(Date.parse('2019-11-03T09:23:38.250+08:00'));
    // A time already in that year is left as it is.
    expect(to2019(Date.parse('2019-01-01T00:00:00+08:00'))).toBe(Date.parse('2019-01-01T00:00:00+08:00'));
    // Across a DST change of the zone: the wall time is kept, the offset is the target date's.
    const berlin = yearSetter('Europe/Berlin', 2019);
    expect(berlin(Date.parse('2016-07-01T12:00:00+02:00'))).toBe(Date.parse('2019-07-01T12:00:00+02:00'));
    expect(berlin(Date.parse('2016-12-01T12:00:00+01:00'))).toBe(Date.parse('2019-12-01T12:00:00+01:00'));
  });
});
