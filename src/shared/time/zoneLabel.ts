/**
 * The zone a report's times are in, named for a reader: `local` alone tells nothing to whoever
 * reads the report on another machine, so it becomes the machine's IANA zone with its offset.
 */
import { epochMs, type ZoneSpec } from '../model.ts';
import { formatIso } from '../time.ts';
import { parseOffset } from './zones.ts';

/** This machine's IANA zone (`Asia/Shanghai`), or `UTC` when the runtime cannot tell. */
export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `local` replaced by this machine's IANA zone; any other spec as it is. */
export const namedZone = (zone: ZoneSpec): string => (zone === 'local' ? localZoneName() : zone);

/** `+08:00` of an ISO time's suffix; `Z` as `+00:00`. */
const offsetOf = (iso: string): string => (iso.endsWith('Z') ? '+00:00' : iso.slice(-6));

/**
 * `Asia/Shanghai (UTC+08:00)`, `UTC+08:00` for a fixed offset, `UTC` for UTC. The offsets are
 * those in force at `instants` (the span of the logs): a span across a DST change shows both.
 */
export function zoneLabel(zone: ZoneSpec, instants: readonly number[]): string {
  const name = namedZone(zone);
  if (name === 'UTC') return 'UTC';
  const fixed = parseOffset(name);
  if (fixed !== null) return `UTC${offsetOf(formatIso(epochMs(0), name))}`;
  const at = instants.filter((t) => Number.isFinite(t));
  const offsets = [...new Set((at.length > 0 ? at : [Date.now()]).map((t) => offsetOf(formatIso(epochMs(t), name))))];
  return `${name} (${offsets.map((o) => `UTC${o}`).join(' / ')})`;
}
