/**
 * How a case's times are read, as the engineer set them: the case's zone (for timestamps without
 * an offset) and, per file, a zone and a year that override what was assumed or guessed (a
 * Cloudpods log written in UTC inside a bundle read in +08:00; a syslog whose year the bundle does
 * not tell). Kept with the case (caseState.ts) and given to `reopenCase`, which reads the bundles
 * again with them; the index cache keys include them (engine/index/indexCache.ts).
 *
 * A file is named by its path inside its bundle, as the inventory lists it (`var/log/messages`);
 * `<bundle name>:<path>` names it in one bundle only when several bundles hold the same path.
 */
import { z } from 'zod';
import type { ZoneSpec } from './model.ts';
import { checkZone } from './time.ts';
import { says, show } from './validation.ts';

/** What the engineer set for one file: the zone of its zone-less times, the year of its year-less times. */
export interface FileTimeSetting {
  zone?: ZoneSpec;
  year?: number;
}

/** The case's zone and the files' own settings, by path. */
export interface TimeSettings {
  zone: ZoneSpec;
  files: Record<string, FileTimeSetting>;
}

/** Years a year-less time may be given (the range Tarsier reads full dates in with confidence). */
export const MIN_SET_YEAR = 1970;
export const MAX_SET_YEAR = 2100;
/** Files a case may carry settings for. */
export const MAX_FILE_SETTINGS = 10_000;

/** A zone spec: `local`, `UTC`, `±HH:MM` or an IANA name this runtime knows. */
export const zoneSpecSchema = z
  .string({ error: says((value, field) => `${field || 'zone'} must be a time zone, got ${show(value)}`) })
  .max(64, { error: says((value, field) => `${field || 'zone'} must be a time zone, got ${show(value)}`) })
  .refine((zone) => checkZone(zone) === null, {
    error: says((value, field) => `${field || 'zone'}: ${checkZone(value as string)}`),
  });

const yearSchema = z
  .int({ error: says((value, field) => `${field} must be a year ${MIN_SET_YEAR}–${MAX_SET_YEAR}, got ${show(value)}`) })
  .min(MIN_SET_YEAR)
  .max(MAX_SET_YEAR);

const fileSettingSchema = z.strictObject(
  { zone: zoneSpecSchema.optional(), year: yearSchema.optional() },
  { error: says((value, field) => `${field} must be an object with zone and/or year, got ${show(value)}`) },
);

/** Checks untrusted settings (a request, a saved case): each problem names the field and its value. */
export const timeSettingsSchema = z.strictObject(
  {
    zone: zoneSpecSchema,
    files: z
      .record(
        z
          .string()
          .min(1)
          .max(4096)
          .refine((path) => !path.includes('\0') && path !== '__proto__', {
            error: says((value) => `bad file path ${show(value)}`),
          }),
        fileSettingSchema,
        { error: says((value, field) => `${field} must be an object of file paths, got ${show(value)}`) },
      )
      .refine((files) => Object.keys(files).length <= MAX_FILE_SETTINGS, {
        error: says(
          (value, field) =>
            `${field} must name at most ${MAX_FILE_SETTINGS} files, got ${Object.keys(value as object).length}`,
        ),
      }),
  },
  { error: says((value, field) => `${field || 'time'} must be an object with zone and files, got ${show(value)}`) },
) satisfies z.ZodType<TimeSettings, unknown>;

/** The settings of a case read in `zone` with nothing set per file. */
export const defaultTimeSettings = (zone: ZoneSpec = 'local'): TimeSettings => ({ zone, files: {} });

/** The same settings with empty file entries dropped and the paths in order: one spelling per meaning. */
export function normalizeTimeSettings(settings: TimeSettings): TimeSettings {
  const files: Record<string, FileTimeSetting> = {};
  for (const path of Object.keys(settings.files).sort()) {
    const { zone, year } = settings.files[path]!;
    if (path === '__proto__') continue;
    if (zone === undefined && year === undefined) continue;
    files[path] = { ...(zone !== undefined ? { zone } : {}), ...(year !== undefined ? { year } : {}) };
  }
  return { zone: settings.zone, files };
}

/** Whether two settings read every time alike. */
export function sameTimeSettings(a: TimeSettings, b: TimeSettings): boolean {
  return JSON.stringify(normalizeTimeSettings(a)) === JSON.stringify(normalizeTimeSettings(b));
}

/** The settings with one file's entry replaced (`null`: removed, back to what is guessed). */
export function withFileSetting(settings: TimeSettings, path: string, setting: FileTimeSetting | null): TimeSettings {
  const files = { ...settings.files };
  if (setting === null) delete files[path];
  else files[path] = setting;
  return normalizeTimeSettings({ zone: settings.zone, files });
}

/** What is set for the file at `path` of the bundle named `bundleName`: its own entry in that bundle, else by path. */
export function fileSettingOf(
  files: Readonly<Record<string, FileTimeSetting>>,
  bundleName: string,
  path: string,
): FileTimeSetting | null {
  // Own entries only: a path named `constructor` is a file, not the object's prototype.
  const own = (key: string): FileTimeSetting | null => (Object.hasOwn(files, key) ? files[key]! : null);
  return own(`${bundleName}:${path}`) ?? own(path);
}
