/** Strings of the overview view(s), English and Simplified Chinese (same keys in both). */
export const overviewEn = {} as const;

export const overviewZh: Record<keyof typeof overviewEn, string> = {};
