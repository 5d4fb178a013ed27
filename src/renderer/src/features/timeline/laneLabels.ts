/**
 * Lane names that fit their column: cut in the middle, keeping the module and the end of the
 * component that tells lanes apart (`porter/…-migration`, not `porter/p…`). Pure; the full name
 * stays in the label's tooltip.
 */
import { splitKey } from './binning.ts';

const SEPARATOR = /[-_./ ]/;

/** `key` in at most `max` characters, cut in the middle with `…` when longer. */
export function shortenMiddle(key: string, max: number): string {
  if (key.length <= max) return key;
  if (max <= 1) return '…';
  const { module, component } = splitKey(key);
  const head = module && module.length + 1 + 1 + 4 <= max ? `${module}/` : '';
  const rest = head ? component : key;
  const room = max - head.length - 1;
  // Without the module to lead, keep a third of the room for the start of the name.
  const lead = head ? '' : rest.slice(0, Math.floor(room / 3));
  let tail = rest.slice(rest.length - (room - lead.length));
  // Start the end at a word when that costs little: `…-migration` rather than `…r-migration`.
  const cut = tail.slice(1).search(SEPARATOR) + 1;
  if (cut > 0 && cut <= Math.floor(tail.length / 3)) tail = tail.slice(cut);
  return `${head}${lead}…${tail}`;
}

/** Average width of a character of the lane names (12.5 px monospace), rounded up. */
export const NAME_CHAR_PX = 7.8;
/** Average width of a digit of the lane counts (11.5 px) and the padding of one count. */
const COUNT_CHAR_PX = 7;
const COUNT_PAD_PX = 14;
/** The label's own padding and gaps around the name. */
const LABEL_CHROME_PX = 12 + 8 + 4;

/** How many characters of a lane name fit a label `labelPx` wide beside its counts (as shown). */
export function nameBudget(labelPx: number, counts: readonly string[]): number {
  const countsPx = counts.reduce((sum, text) => sum + text.length * COUNT_CHAR_PX + COUNT_PAD_PX, 0);
  return Math.max(4, Math.floor((labelPx - LABEL_CHROME_PX - countsPx) / NAME_CHAR_PX));
}
