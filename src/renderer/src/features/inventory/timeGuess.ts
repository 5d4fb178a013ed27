/**
 * What the Files view says about a file's guessed times (FileRecord.timeGuess): a badge for a
 * guessed year and one for an assumed zone, each with its tooltip as dictionary keys and values
 * (what was guessed and from what); and how a file's kind reads (a HAR says how many requests).
 */
import type { FileRecord } from '../../../../shared/model.ts';
import type { StringKey } from '../../i18n/strings.ts';
import { formatLocalTime } from '../../lib/display.ts';

/** One sentence of a tooltip: a dictionary key and its values. */
export interface Phrase {
  key: StringKey;
  params?: Record<string, string | number>;
}

/** A badge of the Files view. */
export interface GuessBadge {
  kind: 'year' | 'zone';
  /** Guessed, or set by the engineer (shared/timeSettings.ts). */
  source: 'guessed' | 'set';
  label: StringKey;
  labelParams?: Record<string, string | number>;
  /** The tooltip, sentence by sentence. */
  title: Phrase[];
}

/** `2016` or `2015–2016`: the years of a file's times, in this computer's zone. */
export function yearsOf(file: FileRecord): string {
  if (file.firstTime === null) return '?';
  const first = new Date(file.firstTime).getFullYear();
  const last = new Date(file.lastTime ?? file.firstTime).getFullYear();
  return first === last ? String(first) : `${first}–${last}`;
}

function yearPhrase(file: FileRecord): Phrase {
  const guess = file.timeGuess!;
  const years = yearsOf(file);
  const evidence = guess.yearEvidence;
  const reference = guess.yearReference?.time;
  switch (guess.year) {
    case 'bundle-dates':
      if (!evidence) break;
      return {
        key:
          evidence.scope === 'folder'
            ? evidence.files === 1
              ? 'guessYearFolderOne'
              : 'guessYearFolder'
            : evidence.files === 1
              ? 'guessYearBundleOne'
              : 'guessYearBundle',
        params: { years, n: evidence.files, latest: formatLocalTime(evidence.latest) },
      };
    case 'file-time':
      if (reference === undefined) break;
      return { key: 'guessYearFileTime', params: { years, time: formatLocalTime(reference) } };
    case 'bundle-time':
      if (reference === undefined) break;
      return { key: 'guessYearBundleTime', params: { years, time: formatLocalTime(reference) } };
  }
  return { key: 'guessYearUnknown', params: { years } };
}

/** The badges of a file: none when its times were read as written. */
export function guessBadges(file: FileRecord): GuessBadge[] {
  const guess = file.timeGuess;
  if (!guess) return [];
  const badges: GuessBadge[] = [];
  const set = guess.set;
  if (guess.year && set?.year !== undefined)
    badges.push({
      kind: 'year',
      source: 'set',
      label: 'tsSetYearBadge',
      labelParams: { year: set.year },
      title: [{ key: 'guessYearIntro' }, { key: 'tsSetYearTitle', params: { year: set.year } }, { key: 'tsResetHint' }],
    });
  else if (guess.year)
    badges.push({
      kind: 'year',
      source: 'guessed',
      label: 'guessYearBadge',
      title: [{ key: 'guessYearIntro' }, yearPhrase(file)],
    });
  if (guess.zone && set?.zone !== undefined)
    badges.push({
      kind: 'zone',
      source: 'set',
      label: 'tsSetZoneBadge',
      labelParams: { zone: set.zone },
      title: [{ key: 'tsSetZoneTitle', params: { zone: set.zone } }, { key: 'tsResetHint' }],
    });
  else if (guess.zone)
    badges.push({ kind: 'zone', source: 'guessed', label: 'guessZoneBadge', title: [{ key: 'guessZoneTitle' }] });
  return badges;
}

/** How many files had their year guessed (not set by the engineer). */
export function guessedYears(files: readonly FileRecord[]): number {
  let n = 0;
  for (const file of files) if (file.timeGuess?.year && file.timeGuess.set?.year === undefined) n++;
  return n;
}

/** The kind column: a HAR says how many requests it holds; any other file its kind. */
export function kindPhrase(file: FileRecord): Phrase | null {
  if (file.kind !== 'har') return null;
  return file.events === 1 ? { key: 'kindHarOne' } : { key: 'kindHar', params: { n: file.events } };
}
