/**
 * Zone offsets and abbreviations as logs print them: `Z`, `+08`, `+0800`, `+08:00`, and the
 * abbreviations `date(1)`, PostgreSQL and Java write (`UTC`, `PDT`, `CST`…).
 */

/** Offset east of UTC in minutes of `Z`, `+08`, `+0800` or `+08:00`; null when it is none of them. */
export function parseOffset(value: string): number | null {
  if (value === 'Z' || value === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(value);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Abbreviations read as fixed offsets. An abbreviation names a zone only within a country, so
 * only the common ones are listed, each with the meaning a support bundle most likely has.
 * `CST` is China Standard Time (+08:00), not US Central (−06:00): Tarsier reads bundles of
 * deployments in China, where Asia/Shanghai prints `CST` in `date(1)`, PostgreSQL (`PRC`) and
 * Java logs; a US Central server writes `CDT` half the year and rarely ships such bundles.
 * An abbreviation not listed leaves the time in the bundle zone rather than guessing.
 */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  UT: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  WEST: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  CST: 480,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  EST: -300,
  EDT: -240,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
};

/** Offset of a zone abbreviation or a numeric offset in minutes; null when unknown. */
export function zoneOffset(value: string): number | null {
  const known = ABBREVIATIONS[value.toUpperCase()];
  return known ?? parseOffset(value);
}
