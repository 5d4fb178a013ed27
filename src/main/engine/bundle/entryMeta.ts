/** What a container knows about one of its entries, before it is read. */
import { epochMs, type EpochMs } from '../../../shared/model.ts';

/** Metadata of the entry as its container knows it. */
export interface EntryMeta {
  size: number | null;
  mtime: EpochMs | null;
}

/** Converts a container's `Date` (or nothing) into an epoch time, dropping impossible ones. */
export function mtimeOf(date: Date | undefined | null): EpochMs | null {
  if (!date) return null;
  const t = date.getTime();
  return Number.isFinite(t) && t > 0 ? epochMs(t) : null;
}
