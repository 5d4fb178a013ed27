/**
 * `--file-zone GLOB=ZONE` and `--file-year GLOB=YEAR` (repeatable) of `analyze`, `search` and
 * `trace`: the same fixes the Files view's time control makes (shared/timeSettings.ts), for the
 * files whose path inside the bundle (or `<bundle name>:<path>`) matches GLOB. The first matching
 * rule wins. `--zone-for` is the older name of `--file-zone`.
 */
import type { ApiResult } from '../../shared/api.ts';
import { checkZone } from '../../shared/time.ts';
import { MAX_SET_YEAR, MIN_SET_YEAR } from '../../shared/timeSettings.ts';

/** The options, for `parseArgs`. */
const repeated = { type: 'string', multiple: true } as const;
export const TIME_OPTIONS = { 'file-zone': repeated, 'zone-for': repeated, 'file-year': repeated };

/** Their lines in a command's usage. */
export const TIME_USAGE = `      --file-zone GLOB=ZONE reads the zone-less times of matching files in ZONE ("cloudpods/**=UTC",
      "agent.zip:**=+08:00"); --file-year GLOB=YEAR gives the year-less times (syslog, klog) of
      matching files the year YEAR ("var/log/messages*=2019"). Both repeat; the first match wins.`;

/** The zone and year rules of a command line, or the one-line problem naming the flag and its value. */
export function timeRulesOf(values: {
  'file-zone'?: string[];
  'zone-for'?: string[];
  'file-year'?: string[];
}): ApiResult<{ zoneRules: { glob: string; zone: string }[]; yearRules: { glob: string; year: number }[] }> {
  const zoneRules: { glob: string; zone: string }[] = [];
  const split = (flag: string, rule: string, what: string): ApiResult<[string, string]> => {
    const at = rule.lastIndexOf('=');
    return at <= 0 || at === rule.length - 1
      ? { ok: false, error: `--${flag} wants GLOB=${what}, got "${rule}"` }
      : { ok: true, value: [rule.slice(0, at), rule.slice(at + 1)] };
  };
  for (const flag of ['file-zone', 'zone-for'] as const) {
    for (const rule of values[flag] ?? []) {
      const parts = split(flag, rule, 'ZONE');
      if (!parts.ok) return parts;
      const problem = checkZone(parts.value[1]);
      if (problem) return { ok: false, error: `--${flag} ${rule}: ${problem}` };
      zoneRules.push({ glob: parts.value[0], zone: parts.value[1] });
    }
  }
  const yearRules: { glob: string; year: number }[] = [];
  for (const rule of values['file-year'] ?? []) {
    const parts = split('file-year', rule, 'YEAR');
    if (!parts.ok) return parts;
    const year = /^\d{4}$/.test(parts.value[1]) ? Number(parts.value[1]) : NaN;
    if (!(year >= MIN_SET_YEAR && year <= MAX_SET_YEAR))
      return {
        ok: false,
        error: `--file-year ${rule}: the year must be ${MIN_SET_YEAR}–${MAX_SET_YEAR}, got "${parts.value[1]}"`,
      };
    yearRules.push({ glob: parts.value[0], year });
  }
  return { ok: true, value: { zoneRules, yearRules } };
}
