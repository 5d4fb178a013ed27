/** Strings of the events view(s), English and Simplified Chinese (same keys in both). */
export const eventsEn = {} as const;

export const eventsZh: Record<keyof typeof eventsEn, string> = {};
