/** Strings of the viewer view(s), English and Simplified Chinese (same keys in both). */
export const viewerEn = {} as const;

export const viewerZh: Record<keyof typeof viewerEn, string> = {};
