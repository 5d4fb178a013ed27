/**
 * How the template miner sees a message: its tokens, and each token with its variable parts
 * masked as `<*>`. One implementation for the miner and for message shapes (`messageShape.ts`),
 * so that a shape stands exactly for the masked tokens of all of its messages.
 */

/** The variable placeholder, as in loghub's ground truth. */
export const WILDCARD = '<*>';

/** Messages with more tokens than this are cut to `MAX_TOKENS - 1` tokens and a final `<*>`. */
export const MAX_TOKENS = 40;

/** Longer tokens are data (base64, JSON blobs): masked whole, and never fed to the regexes. */
const MAX_TOKEN_CHARS = 256;

/**
 * A token whose unmasked rest is longer than this, or changes between letters and digits at
 * least {@link MIXED_TRANSITIONS} times, is an id as a whole (`aB3xQz9K`, a Go frame with its
 * offset, a Java frame with its line). Without this each such token would be a template.
 */
const LONG_REST_CHARS = 32;
const MIXED_TRANSITIONS = 4;

// Punctuation that wraps a variable and is kept around its `<*>`: `(path):`, `'host'.`, `id]`.
const OPENERS = '([{"\'<';
const CLOSERS = ')]}"\'>,;:.!?';

const HEX = '[0-9a-fA-F]';
const UUID = `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`;
const HOST = '[\\w-]+(?:\\.[\\w-]+)+(?::\\d+)?';
/** A token core that is a variable as a whole (the core always holds a digit here). */
const WHOLE = new RegExp(
  '^(?:' +
    [
      `(?:req-)?${UUID}`, // request and object ids
      '[-+]?\\d[\\d.,:/_+-]*(?:[a-zA-Z%]{1,4})?', // numbers, sizes, durations, dates, times, IP[:port]
      '\\d{4}-\\d\\d-\\d\\d[T_]\\d[\\d:.,]*(?:Z|[+-]\\d\\d:?\\d\\d)?', // ISO 8601 timestamps
      `(?:0[xX])?${HEX}{8,}`, // hashes, long hex ids
      `0[xX]${HEX}+`, // addresses
      `${HEX}{2}(?::${HEX}{2}){5}`, // MAC addresses
      `${HEX}{0,4}(?::${HEX}{0,4}){2,7}`, // IPv6
      '[A-Za-z0-9+/_-]{16,}={1,2}', // padded base64: tokens, keys, digests
      `${HOST}(?::${HOST})*`, // dotted names with a digit: hosts, host:port, host:host, files
    ].join('|') +
    ')$',
);
/** Variables inside a token that is not one as a whole (`network-vif-plugged:<uuid>`, `HTTP/1.1`, `耗时12ms`). */
const PARTS = new RegExp(
  [
    `(?:req-)?${UUID}`,
    `(?<![0-9A-Za-z])(?=[a-fA-F]*\\d)(?:0x)?${HEX}{8,}(?![0-9A-Za-z])`,
    // Not after a letter, digit or dot, so `sha256`, `ipv4`, `v1.2` keep their digits.
    '(?<![A-Za-z0-9_.])[-+]?\\d+(?:[.,]\\d+)*(?:[a-zA-Z%]{1,4})?(?![A-Za-z0-9_])',
  ].join('|'),
  'g',
);
const KEY = /^[A-Za-z_][\w.-]*$/;
/** A path or URL: a variable even without a digit (`/latest/meta-data/placement/`). */
const PATH = /^(?:[A-Za-z][\w+.-]*:\/\/|\.{0,2}\/|~\/|[A-Za-z]:[\\/])./;

/** Whitespace, including no-break and ideographic spaces. */
export function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x3000;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whether `s[start, end)` holds a digit. */
export function hasDigitIn(s: string, start = 0, end = s.length): boolean {
  for (let i = start; i < end; i++) if (isDigit(s.charCodeAt(i))) return true;
  return false;
}

/** Digits and separators only (`1893`, `0.25`, `10.11.10.1`, `2017-05-16`): a variable as a whole. */
export function isNumericAt(s: string, start: number, end: number): boolean {
  let i = start;
  if (i < end && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++; // + -
  if (i >= end || !isDigit(s.charCodeAt(i))) return false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 43 && c <= 58) || c === 95)) return false; // + , - . / 0-9 : _
  }
  return true;
}

/** Whether what is left of a partly masked core is an id all the same (long, or letters and digits mixed). */
function isOpaqueRest(masked: string): boolean {
  let length = 0;
  let transitions = 0;
  let previous = 0; // 0 none, 1 letter, 2 digit
  for (let i = 0; i < masked.length; i++) {
    if (masked.startsWith(WILDCARD, i)) {
      i += WILDCARD.length - 1;
      previous = 0;
      continue;
    }
    length++;
    const c = masked.charCodeAt(i);
    const kind = isDigit(c) ? 2 : isLetter(c) ? 1 : 0;
    if (kind !== 0 && previous !== 0 && kind !== previous) transitions++;
    if (kind !== 0) previous = kind;
  }
  return length > LONG_REST_CHARS || transitions >= MIXED_TRANSITIONS;
}

/**
 * Masks one whitespace-free token: returns it with its variable parts replaced by `<*>` (keeping
 * wrapping punctuation, `b9000564-…-1e88b294cd1d]` → `<*>]`), or unchanged if nothing looks
 * variable. Only tokens with a digit, paths and URLs (and over-long tokens) are masked: a word
 * is never a variable.
 */
export function maskToken(token: string): string {
  if (token.length > MAX_TOKEN_CHARS) return WILDCARD;
  // One pass: a variable has a digit or is a path.
  let digit = false;
  let slash = false;
  let backslash = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c === 47) slash = true;
    else if (c === 92) backslash = true;
  }
  if (!digit && !slash) return token;
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.includes(token[start])) start++;
  while (end > start && CLOSERS.includes(token[end - 1])) end--;
  const core = start === 0 && end === token.length ? token : token.slice(start, end);
  if ((slash || backslash) && PATH.test(core)) return token.slice(0, start) + WILDCARD + token.slice(end);
  if (!digit || !hasDigitIn(core)) return token;
  const masked = maskCore(core);
  return masked === core ? token : token.slice(0, start) + masked + token.slice(end);
}

function maskCore(core: string): string {
  if (isNumericAt(core, 0, core.length) || isUuid(core) || isNumberWithUnit(core)) return WILDCARD;
  const eq = core.indexOf('=');
  const keyed = eq > 0 && KEY.test(core.slice(0, eq));
  const keyValue = (): string => (hasDigitIn(core, eq + 1) ? core.slice(0, eq + 1) + WILDCARD : core);
  // Only padded base64 ends with `=` among the whole-variable shapes, so a key=value core that
  // does not end with one cannot be one of them, and the regex need not run.
  if (keyed && core.charCodeAt(core.length - 1) !== 61) return keyValue();
  if (WHOLE.test(core)) return WILDCARD;
  if (keyed) return keyValue();
  const masked = core.replace(PARTS, WILDCARD);
  return isOpaqueRest(masked) ? WILDCARD : masked;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** `[req-]8-4-4-4-12` hex digits: the first of {@link WHOLE}'s shapes, without the regex. */
function isUuid(core: string): boolean {
  const from = core.startsWith('req-') ? 4 : 0;
  if (core.length - from !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = core.charCodeAt(from + i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !isHex(c)) return false;
  }
  return true;
}

/** A number with separators and a short unit (`12ms`, `1.5GiB`, `10.0.0.1:80`): {@link WHOLE}'s second shape. */
function isNumberWithUnit(core: string): boolean {
  let i = core.charCodeAt(0) === 43 || core.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= core.length || !isDigit(core.charCodeAt(i))) return false;
  for (i++; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (!((c >= 43 && c <= 58) || c === 95)) break; // + , - . / 0-9 : _
  }
  const unit = core.length - i;
  if (unit < 1 || unit > 4) return false;
  for (; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (!(isLetter(c) || c === 37)) return false;
  }
  return true;
}

// Wide text (CJK, fullwidth forms) has no spaces between words, so it is split on punctuation:
// after a run of closing and separating marks (`）），`), before opening brackets.
const SPLIT_AFTER = new Set('，。、；：？！）】》」』”’,;:!?)]');
const SPLIT_BEFORE = new Set('（【《「『“‘([');

/**
 * The tokens of a message, as the miner splits it: on whitespace, and wide (CJK) text on its
 * punctuation. At most `maxTokens` tokens: when there are more, the last one has `start < 0`
 * and stands for the cut-off rest. A reusable cursor rather than a callback: it runs once per
 * event while a bundle is indexed.
 */
export class TokenCursor {
  /** The current token is `message.slice(start, end)`; `start < 0` for the cut-off rest. */
  start = 0;
  end = 0;
  /** Whether the current token holds a digit, or a `/` (set with it, in the same pass). */
  digit = false;
  slash = false;
  private message = '';
  private maxTokens = MAX_TOKENS;
  private at = 0;
  private count = 0;
  private done = false;
  // Inside a wide token: the next piece starts at `pieceFrom`, the token ends at `wideEnd`.
  private pieceFrom = -1;
  private wideEnd = 0;
  private rawStart = 0;
  private rawEnd = 0;
  // The raw token's flags, from the whitespace scan; undefined for a wide token's piece.
  private rawDigit: boolean | undefined = undefined;
  private rawSlash = false;

  /** Starts on a new message. */
  reset(message: string, maxTokens = MAX_TOKENS): this {
    this.message = message;
    this.maxTokens = maxTokens;
    this.at = 0;
    this.count = 0;
    this.done = false;
    this.pieceFrom = -1;
    return this;
  }

  /** Moves to the next token; false at the end. */
  next(): boolean {
    if (this.done || !this.raw()) return false;
    this.count++;
    if (this.count === this.maxTokens) {
      this.done = true;
      const start = this.rawStart;
      const end = this.rawEnd;
      if (this.raw()) {
        this.start = -1;
        this.end = -1;
        return true;
      }
      this.start = start;
      this.end = end;
      this.flags();
      return true;
    }
    this.start = this.rawStart;
    this.end = this.rawEnd;
    if (this.rawDigit === undefined) this.flags();
    else {
      this.digit = this.rawDigit;
      this.slash = this.rawSlash;
    }
    return true;
  }

  private flags(): void {
    let digit = false;
    let slash = false;
    for (let i = this.start; i < this.end; i++) {
      const c = this.message.charCodeAt(i);
      if (c >= 48 && c <= 57) digit = true;
      else if (c === 47) slash = true;
    }
    this.digit = digit;
    this.slash = slash;
  }

  /** The next token, uncounted, into rawStart/rawEnd. */
  private raw(): boolean {
    const m = this.message;
    if (this.pieceFrom >= 0) return this.piece();
    const n = m.length;
    let i = this.at;
    while (i < n && isSpace(m.charCodeAt(i))) i++;
    if (i >= n) return false;
    let j = i;
    let wide = false;
    let digit = false;
    let slash = false;
    for (; j < n; j++) {
      const c = m.charCodeAt(j);
      if (c <= 57) {
        if (c >= 48) digit = true;
        else if (c === 47) slash = true;
        else if (c <= 32) break;
      } else if (c >= 0x2e80) {
        if (c === 0x3000) break;
        wide = true;
      } else if (c === 0xa0) break;
    }
    this.at = j;
    if (wide && j - i > 1) {
      this.pieceFrom = i;
      this.wideEnd = j;
      return this.piece();
    }
    this.rawStart = i;
    this.rawEnd = j;
    this.rawDigit = digit;
    this.rawSlash = slash;
    return true;
  }

  /** The next piece of a wide token: cut after a run of closing marks, before an opening one. */
  private piece(): boolean {
    const m = this.message;
    const from = this.pieceFrom;
    const end = this.wideEnd;
    for (let k = from; k < end; k++) {
      const c = m[k];
      if (SPLIT_BEFORE.has(c) && k > from) return this.cut(from, k);
      if (SPLIT_AFTER.has(c) && !(k + 1 < end && SPLIT_AFTER.has(m[k + 1]))) return this.cut(from, k + 1);
    }
    return this.cut(from, end);
  }

  private cut(from: number, to: number): boolean {
    this.rawDigit = undefined;
    this.rawStart = from;
    this.rawEnd = to;
    this.pieceFrom = to < this.wideEnd ? to : -1;
    return true;
  }
}
