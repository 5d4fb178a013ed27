/** Tarsier's version, as reports and `tarsier help` name it (kept equal to package.json's by a test). */
export const TARSIER_VERSION = '0.1.0';
