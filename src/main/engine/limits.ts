/** One ratio bound. */
export interface RatioTier {
  afterBytes: number;
  maxRatio: number;
}

/** The ratio tier that an entry of `bytes` output has exceeded, if any. */
export function ratioExceeded(tiers: readonly RatioTier[], bytes: number, compressed: number): RatioTier | null {
  const ratio = bytes / Math.max(1, compressed);
  for (const tier of tiers) if (bytes > tier.afterBytes && ratio > tier.maxRatio) return tier;
  return null;
}

/** How a tier is named in a reason. */
export const describeTier = (tier: RatioTier): string => `maxRatio=${tier.maxRatio}:1 beyond ${Math.round(tier.afterBytes / 2 ** 20)} MiB`;

/** Bounds that keep a hostile or huge bundle from exhausting the laptop. Every reason that cites one names it. */
export interface Limits {
  /** Uncompressed bytes read across the whole case. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /**
   * Uncompressed ÷ compressed, judged once an entry has produced `afterBytes`. The larger the
   * output, the less plausible an extreme ratio: a 100 MB line of one repeated pattern is odd but
   * real; a gigabyte at 285:1 is a bomb.
   */
  ratioTiers: RatioTier[];
  /** Archives inside archives. */
  maxDepth: number;
  /** Entries in the whole case (files, folders, links). */
  maxEntries: number;
  /** Characters kept of one line; the rest is dropped and the line marked as cut. */
  maxLineChars: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxTotalBytes: 64 * 2 ** 30,
  maxEntryBytes: 16 * 2 ** 30,
  // Real logs gzip at 5–50:1, very repetitive ones near 100:1; deflate's ceiling is ~1030:1.
  ratioTiers: [
    { afterBytes: 64 * 2 ** 20, maxRatio: 1000 },
    { afterBytes: 256 * 2 ** 20, maxRatio: 200 },
  ],
  maxDepth: 6,
  maxEntries: 2_000_000,
  maxLineChars: 65_536,
};
