/** Bounds that keep a hostile or huge bundle from exhausting the laptop. Every reason that cites one names it. */
export interface Limits {
  /** Uncompressed bytes read across the whole case. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed ÷ compressed, judged once `ratioFloorBytes` have come out. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Archives inside archives. */
  maxDepth: number;
  /** Entries in the whole case (files, folders, links). */
  maxEntries: number;
  /** Characters kept of one line; the rest is dropped and the line marked as cut. */
  maxLineChars: number;
  /** A nested zip up to this size is read from memory, a larger one from a temp file. */
  spoolInMemoryBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxTotalBytes: 64 * 2 ** 30,
  maxEntryBytes: 16 * 2 ** 30,
  maxRatio: 1000,
  ratioFloorBytes: 64 * 2 ** 20,
  maxDepth: 6,
  maxEntries: 2_000_000,
  maxLineChars: 65_536,
  spoolInMemoryBytes: 64 * 2 ** 20,
};
