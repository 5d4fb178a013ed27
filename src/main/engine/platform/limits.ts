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
export const describeTier = (tier: RatioTier): string =>
  `maxRatio=${tier.maxRatio}:1 beyond ${Math.round(tier.afterBytes / 2 ** 20)} MiB`;

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
  /**
   * Uncompressed bytes of one bundle ÷ its bytes read from disk so far, judged once the bundle has
   * expanded past `afterBytes`. The entry tiers above miss a bundle of many members each below
   * them (200 gzip members of 63 MiB at 257:1 in a 51 MB tar: 600+ s, 6.8 GB); real bundles
   * expand 5–50:1 overall, very repetitive ones ~100:1, so 200:1 past 1 GiB is a bomb.
   */
  bundleRatio: RatioTier;
  /**
   * Wall-clock time one bundle may take to read, in ms: the backstop for what no byte bound
   * catches (a bomb just under every ratio, a source that trickles). Generous: a real 10 GB
   * bundle reads in minutes.
   */
  maxBundleMs: number;
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
  bundleRatio: { afterBytes: 2 ** 30, maxRatio: 200 },
  maxBundleMs: 60 * 60 * 1000,
  maxDepth: 6,
  maxEntries: 2_000_000,
  maxLineChars: 65_536,
};
