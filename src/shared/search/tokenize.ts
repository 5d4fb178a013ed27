/**
 * The one tokenizer of Tarsier's search: the index, the query evaluator and the tests all cut
 * text the same way, so "does event E contain word W" has a single meaning.
 *
 * Text is lowercased, then cut into:
 * - UUIDs and IPv4 addresses, kept whole (they are what people paste into a search box), when
 *   they stand alone (not glued to more word characters, not inside a longer dotted number);
 * - runs of letters, digits, marks and `_` (a dotted logger name gives one token per part);
 * - runs of Han characters as every single character plus every pair of neighbours, so that a
 *   Chinese word of any length is found through its bigrams without a dictionary.
 */

const isHan = (c: number): boolean =>
  (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const WORDISH = /[\p{L}\p{N}\p{M}_]/u;
// Word characters below 128: digits, letters, underscore. A table beats a regex per character.
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;
ASCII_WORD[95] = 1;
const UUID_AT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/y;
const IPV4_AT = /\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)/y;
const HEXISH = /^[0-9a-f]+$/;
const DIGITS = /^[0-9]+$/;

/** Tokens longer than this are indexed by their first this-many characters (and verified). */
export const MAX_INDEXED_TOKEN = 40;

/** Whether a UTF-16 code unit belongs to a word token (letters but not Han, digits, marks, `_`). */
export function isWordChar(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  if (isHan(c) || (c >= 0xd800 && c <= 0xdfff)) return false;
  return WORDISH.test(String.fromCharCode(c));
}

/**
 * Calls `emit` for every token of `lower` (which must already be lowercase) and where it
 * starts, in order, duplicates included. A hand-written scanner: three to four times faster than one regex with
 * alternatives, and this runs over every byte of a bundle.
 */
export function forEachToken(lower: string, emit: (token: string, start: number) => void): void {
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (c < 128 ? ASCII_WORD[c] === 1 : isWordChar(c)) {
      let j = i + 1;
      while (j < n) {
        const d = lower.charCodeAt(j);
        if (d < 128 ? ASCII_WORD[d] !== 1 : !isWordChar(d)) break;
        j++;
      }
      const next = j < n ? lower.charCodeAt(j) : 0;
      if (next === 45 && j - i === 8) {
        UUID_AT.lastIndex = i;
        if (UUID_AT.test(lower) && (i + 36 >= n || !isWordChar(lower.charCodeAt(i + 36)))) {
          emit(lower.slice(i, i + 36), i);
          i += 36;
          continue;
        }
      } else if (next === 46 && j - i <= 3 && c >= 48 && c <= 57 && (i === 0 || lower.charCodeAt(i - 1) !== 46)) {
        IPV4_AT.lastIndex = i;
        if (IPV4_AT.test(lower)) {
          const end = IPV4_AT.lastIndex;
          emit(lower.slice(i, end), i);
          i = end;
          continue;
        }
      }
      emit(lower.slice(i, j), i);
      i = j;
    } else if (isHan(c)) {
      let j = i + 1;
      while (j < n && isHan(lower.charCodeAt(j))) j++;
      for (let k = i; k < j; k++) {
        emit(lower[k], k);
        if (k + 1 < j) emit(lower.slice(k, k + 2), k);
      }
      i = j;
    } else {
      i++;
    }
  }
}

/** Every token of `text` (lowercased first), in order, duplicates included. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachToken(text.toLowerCase(), (t) => out.push(t));
  return out;
}

/**
 * Whether a token goes into the full-text index. Numbers and long hex strings stay out (they
 * are most of the vocabulary and little of what people search for); a query that needs one is
 * answered by verifying candidates against the raw text instead.
 */
export function isIndexed(token: string): boolean {
  const c = token.charCodeAt(0);
  if (c >= 48 && c <= 57 && DIGITS.test(token)) return false;
  if (token.length >= 8 && HEXISH.test(token) && /[0-9]/.test(token)) return false;
  return true;
}

/** The index key of an indexed token: itself, or its first {@link MAX_INDEXED_TOKEN} characters. */
export function indexKey(token: string): string {
  return token.length > MAX_INDEXED_TOKEN ? token.slice(0, MAX_INDEXED_TOKEN) : token;
}

/** Whether `prefix*` could match a token that {@link isIndexed} keeps out of the index. */
export function prefixMayMatchUnindexed(prefix: string): boolean {
  return HEXISH.test(prefix);
}

/**
 * Hex-letter tokens that could be one segment of a UUID (`…-beef-…`): inside a UUID they are
 * not tokens of their own, so an index lookup cannot stand in for a substring test on them.
 */
export function couldBeUuidSegment(token: string): boolean {
  return (token.length === 4 || token.length === 8 || token.length === 12) && HEXISH.test(token);
}

const UUID_EXACT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a token is a UUID (those are looked up through the id index, not the word index). */
export function isUuid(token: string): boolean {
  return token.length === 36 && UUID_EXACT.test(token);
}

/** Separators of at most this many characters join two words into an indexed word pair. */
export const MAX_PAIR_SEPARATOR = 3;

/**
 * Whether a token may be one side of an indexed word pair (`"state changed"` is looked up as
 * one pair instead of verifying every event with both words): an indexed word, not a UUID or a
 * part of one, not cut to {@link MAX_INDEXED_TOKEN}, not Han (Han text has its own bigrams).
 * A phrase's tokens that pass this test are tokens of the text wherever the phrase occurs —
 * except an IPv4 address at an edge of the phrase, which the text may continue as a longer
 * dotted number (search leaves those out) — so pairs of them are an exact test of adjacency.
 */
export function isPairable(token: string): boolean {
  const c = token.charCodeAt(0);
  if (isHan(c) || token.length > MAX_INDEXED_TOKEN) return false;
  return isIndexed(token) && !isUuid(token) && !couldBeUuidSegment(token);
}

/** The index key of the word pair `a`, separator, `b` (all lowercase). */
export function pairKey(a: string, separator: string, b: string): string {
  return `\u0002${a}${separator}${b}`;
}
