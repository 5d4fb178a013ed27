import { describe, expect, it } from 'vitest';
import type { FileRecord } from '../../../../shared/model.ts';
import { emptyLevelCounts } from '../../../../shared/model.ts';
import { draftOf, hasTimeControl, OTHER_ZONE, settingOf, settingsOfCase } from './timeSettingsView.ts';

const file = (path: string, timeGuess?: FileRecord['timeGuess']): FileRecord =>
  ({
    path,
    bundle: 0,
    bytes: 1,
    kind: 'text',
    module: 'm',
    component: 'c',
    format: 'syslog',
    encoding: 'utf-8',
    lines: 1,
    events: 1,
    firstTime: null,
    lastTime: null,
    levels: emptyLevelCounts(),
    linesCut: 0,
    invalidBytes: 0,
    incomplete: null,
    modifiedTime: null,
    ...(timeGuess ? { timeGuess } : {}),
  }) as FileRecord;

describe('the Files view time control', () => {
  it('rebuilds the case settings from what each file says was set', () => {
    const files = [
      file('a.log', { zone: 'assumed', set: { zone: 'UTC' } }),
      file('var/log/messages', { year: 'file-time', set: { year: 2019 } }),
      file('b.log', { zone: 'assumed' }),
      file('c.log'),
    ];
    expect(settingsOfCase(files, '+08:00')).toEqual({
      zone: '+08:00',
      files: { 'a.log': { zone: 'UTC' }, 'var/log/messages': { year: 2019 } },
    });
  });

  it('is offered for files whose year or zone was guessed, only', () => {
    expect(hasTimeControl(file('a', { zone: 'assumed' }))).toBe(true);
    expect(hasTimeControl(file('a', { year: 'bundle-dates' }))).toBe(true);
    expect(hasTimeControl(file('a'))).toBe(false);
  });

  it('starts from what is set: a listed zone, a typed one, a year', () => {
    expect(draftOf(file('a', { zone: 'assumed' }))).toEqual({ zone: '', otherZone: '', year: '' });
    expect(draftOf(file('a', { zone: 'assumed', set: { zone: 'Asia/Shanghai', year: 2019 } }))).toEqual({
      zone: 'Asia/Shanghai',
      otherZone: '',
      year: '2019',
    });
    expect(draftOf(file('a', { zone: 'assumed', set: { zone: '+05:45' } }))).toEqual({
      zone: OTHER_ZONE,
      otherZone: '+05:45',
      year: '',
    });
  });

  it('makes a setting of a draft, or says which field is wrong', () => {
    expect(settingOf({ zone: 'UTC', otherZone: '', year: '' })).toEqual({ ok: true, setting: { zone: 'UTC' } });
    expect(settingOf({ zone: OTHER_ZONE, otherZone: ' -03:30 ', year: '2019' })).toEqual({
      ok: true,
      setting: { zone: '-03:30', year: 2019 },
    });
    expect(settingOf({ zone: '', otherZone: 'x', year: '' })).toEqual({ ok: true, setting: null });
    expect(settingOf({ zone: OTHER_ZONE, otherZone: 'UTC+8', year: '' })).toEqual({
      ok: false,
      problem: { field: 'zone' },
    });
    expect(settingOf({ zone: OTHER_ZONE, otherZone: '', year: '' })).toEqual({ ok: true, setting: null });
    for (const year of ['19', '2019.5', '1969', '2101', 'abcd'])
      expect(settingOf({ zone: '', otherZone: '', year })).toEqual({
        ok: false,
        problem: { field: 'year', min: 1970, max: 2100 },
      });
  });
});
