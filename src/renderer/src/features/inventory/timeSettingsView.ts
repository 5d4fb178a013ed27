/**
 * The Files view's time control, without React: the zones offered, what the engineer typed made
 * into a file's setting (or why not), and the case's settings as the inventory tells them (each
 * file's `timeGuess.set`, the case zone from its status), so that one change is sent with the
 * others kept (shared/timeSettings.ts).
 */
import type { FileRecord, ZoneSpec } from '../../../../shared/model.ts';
import { checkZone } from '../../../../shared/time.ts';
import {
  MAX_SET_YEAR,
  MIN_SET_YEAR,
  normalizeTimeSettings,
  type FileTimeSetting,
  type TimeSettings,
} from '../../../../shared/timeSettings.ts';

/** The zones offered by name; any other (`±HH:MM`, an IANA name) can be typed. */
export const ZONE_CHOICES: readonly ZoneSpec[] = [
  'local',
  'UTC',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  '+08:00',
  '+00:00',
  '-05:00',
];

/** The settings the case was read with: its zone, and what each file says was set for it. */
export function settingsOfCase(files: readonly FileRecord[], zone: ZoneSpec): TimeSettings {
  const set: Record<string, FileTimeSetting> = {};
  for (const file of files) {
    const own = file.timeGuess?.set;
    if (own && (own.zone !== undefined || own.year !== undefined)) set[file.path] = { ...own };
  }
  return normalizeTimeSettings({ zone, files: set });
}

/** Whether the Files view offers a time control for a file: some of its times were read with a guess. */
export const hasTimeControl = (file: FileRecord): boolean =>
  file.timeGuess?.year !== undefined || file.timeGuess?.zone !== undefined;

/** What the dialog holds while it is edited: the zone chosen (`''`: the case's), typed text, the year typed. */
export interface TimeDraft {
  zone: string;
  otherZone: string;
  year: string;
}

/** The choice that means "another zone, typed". */
export const OTHER_ZONE = '*other*';

/** The dialog's first state for a file: what is set for it, else nothing (the case zone, the guessed year). */
export function draftOf(file: FileRecord): TimeDraft {
  const set = file.timeGuess?.set;
  const zone = set?.zone;
  const known = zone !== undefined && ZONE_CHOICES.includes(zone);
  return {
    zone: zone === undefined ? '' : known ? zone : OTHER_ZONE,
    otherZone: zone !== undefined && !known ? zone : '',
    year: set?.year !== undefined ? String(set.year) : '',
  };
}

/** Why a draft cannot be applied. */
export type DraftProblem = { field: 'zone' } | { field: 'year'; min: number; max: number };

/** The file's setting from a draft (`null`: nothing set, back to the guesses), or what is wrong with it. */
export function settingOf(
  draft: TimeDraft,
): { ok: true; setting: FileTimeSetting | null } | { ok: false; problem: DraftProblem } {
  const zone = draft.zone === OTHER_ZONE ? draft.otherZone.trim() : draft.zone;
  if (zone !== '' && (zone.length > 64 || checkZone(zone) !== null)) return { ok: false, problem: { field: 'zone' } };
  const yearText = draft.year.trim();
  const year = Number(yearText);
  if (yearText !== '' && !(/^\d{4}$/.test(yearText) && year >= MIN_SET_YEAR && year <= MAX_SET_YEAR))
    return { ok: false, problem: { field: 'year', min: MIN_SET_YEAR, max: MAX_SET_YEAR } };
  if (zone === '' && yearText === '') return { ok: true, setting: null };
  return {
    ok: true,
    setting: { ...(zone !== '' ? { zone } : {}), ...(yearText !== '' ? { year } : {}) },
  };
}

/** A zone as a choice's label shows it: `local` says it is this computer's. */
export const zoneChoiceLabel = (zone: ZoneSpec, localName: string): string =>
  zone === 'local' ? `local (${localName})` : zone;
