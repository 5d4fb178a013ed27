import { describe, expect, it } from 'vitest';
import { epochMs, type FileRecord } from '../../../../shared/model.ts';
import { en, zh } from '../../i18n/strings.ts';
import { guessBadges, guessedYears, kindPhrase, yearsOf, type Phrase } from './timeGuess.ts';

// Local times, so that the years and the printed times do not depend on the machine's zone.
const local = (...parts: [number, number, number, number?, number?, number?]) => epochMs(new Date(...parts).getTime());

const file = (patch: Partial<FileRecord>): FileRecord => ({
  path: 'var/log/messages',
  bundle: 0,
  bytes: 10,
  kind: 'log',
  module: 'system',
  component: 'syslog',
  format: 'syslog-rfc3164',
  encoding: 'utf-8',
  lines: 4,
  events: 4,
  firstTime: local(2015, 11, 3, 9, 23, 38),
  lastTime: local(2016, 0, 3, 9, 47, 2),
  levels: { unknown: 4, trace: 0, debug: 0, info: 0, warning: 0, error: 0, critical: 0 },
  linesCut: 0,
  invalidBytes: 0,
  incomplete: null,
  modifiedTime: null,
  ...patch,
});

/** A phrase as the English dictionary prints it. */
const say = ({ key, params }: Phrase, dictionary: Record<string, string> = en): string =>
  dictionary[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name]));

describe('guessBadges', () => {
  it('says what the engineer set instead of the guess, in both languages, and counts it no more as guessed', () => {
    const set = file({
      timeGuess: { year: 'file-time', zone: 'assumed', set: { year: 2019, zone: 'UTC' } },
    });
    const badges = guessBadges(set);
    expect(badges.map((b) => [b.kind, b.source, b.label, b.labelParams])).toEqual([
      ['year', 'set', 'tsSetYearBadge', { year: 2019 }],
      ['zone', 'set', 'tsSetZoneBadge', { zone: 'UTC' }],
    ]);
    expect(say({ key: badges[0]!.label, params: badges[0]!.labelParams })).toBe('year 2019 · set by you');
    expect(say({ key: badges[1]!.label, params: badges[1]!.labelParams }, zh)).toBe('时区 UTC · 由你设定');
    expect(badges[0]!.title.map((p) => say(p))).toContain('You set the year of its times that carry none to 2019.');
    expect(guessedYears([set, file({ timeGuess: { year: 'file-time' } })])).toBe(1);
    // Only the year set: the zone is still told as assumed.
    const yearOnly = guessBadges(file({ timeGuess: { year: 'file-time', zone: 'assumed', set: { year: 2019 } } }));
    expect(yearOnly.map((b) => [b.kind, b.source])).toEqual([
      ['year', 'set'],
      ['zone', 'guessed'],
    ]);
  });

  it('nothing guessed: no badge', () => {
    expect(guessBadges(file({}))).toEqual([]);
    expect(guessBadges(file({ timeGuess: {} }))).toEqual([]);
  });

  it('year from the bundle dates: the years, how many files, where, and the latest time', () => {
    const badges = guessBadges(
      file({
        timeGuess: {
          year: 'bundle-dates',
          yearReference: { time: local(2016, 0, 21), zone: 'UTC' },
          yearEvidence: { files: 31, scope: 'bundle', latest: local(2016, 0, 14, 20, 4, 34) },
          zone: 'assumed',
        },
      }),
    );
    expect(badges.map((b) => b.kind)).toEqual(['year', 'zone']);
    expect(badges.map((b) => b.title.map((p) => say(p)).join(' '))).toEqual([
      'Its times carry no year. Year 2015–2016 from 31 files with full dates in this bundle (latest 2016-01-14 20:04:34).',
      "Its times carry no zone offset: they were read in the case's time zone.",
    ]);
    // Every phrase exists in Chinese too, with the same values.
    expect(say(badges[0]!.title[1]!, zh)).toBe(
      '年份 2015–2016 取自本日志包中 31 个带完整日期的文件（最晚 2016-01-14 20:04:34）。',
    );
  });

  it('one file of the same folder: the singular', () => {
    const [badge] = guessBadges(
      file({
        firstTime: local(2016, 10, 3),
        lastTime: local(2016, 10, 3),
        timeGuess: { year: 'bundle-dates', yearEvidence: { files: 1, scope: 'folder', latest: local(2016, 10, 9) } },
      }),
    );
    expect(say(badge!.title[1]!)).toBe(
      'Year 2016 from 1 file with full dates in the same folder (latest 2016-11-09 00:00:00).',
    );
  });

  it("year from the file's or the bundle's modification time", () => {
    const mtime = local(2016, 1, 1, 12, 0, 0);
    const fromFile = guessBadges(
      file({ timeGuess: { year: 'file-time', yearReference: { time: mtime, zone: 'UTC' } } }),
    );
    expect(say(fromFile[0]!.title[1]!)).toBe("Year 2015–2016 from the file's modification time (2016-02-01 12:00:00).");
    const fromBundle = guessBadges(
      file({ timeGuess: { year: 'bundle-time', yearReference: { time: mtime, zone: 'UTC' } } }),
    );
    expect(fromBundle[0]!.title[1]!.key).toBe('guessYearBundleTime');
    // A record from before the reference was kept (an older cache) still gets a badge.
    expect(guessBadges(file({ timeGuess: { year: 'file-time' } }))[0]!.title[1]!.key).toBe('guessYearUnknown');
  });
});

describe('guessedYears, yearsOf, kindPhrase', () => {
  it('counts the files whose year was guessed', () => {
    expect(
      guessedYears([file({}), file({ timeGuess: { year: 'file-time' } }), file({ timeGuess: { zone: 'assumed' } })]),
    ).toBe(1);
  });

  it('yearsOf: one year, a range, or unknown', () => {
    expect(yearsOf(file({ lastTime: null, firstTime: local(2024, 5, 1) }))).toBe('2024');
    expect(yearsOf(file({}))).toBe('2015–2016');
    expect(yearsOf(file({ firstTime: null, lastTime: null }))).toBe('?');
  });

  it('a HAR says how many requests it holds; other kinds have no phrase', () => {
    expect(say(kindPhrase(file({ kind: 'har', format: 'har', events: 12 }))!)).toBe('HAR: 12 requests');
    expect(say(kindPhrase(file({ kind: 'har', format: 'har', events: 1 }))!)).toBe('HAR: 1 request');
    expect(kindPhrase(file({}))).toBeNull();
  });
});
