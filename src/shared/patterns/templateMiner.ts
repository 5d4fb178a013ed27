/**
 * A Drain-like log template miner (He et al., "Drain: An Online Log Parsing Approach with Fixed
 * Depth Tree", ICWS 2017), used to group millions of log messages into a few hundred templates.
 *
 * Differences from the paper, each for a reason:
 * - Masking is much richer than Drain's "digits only" (UUIDs, request ids, IPs, hex, sizes,
 *   durations, paths, hosts, key=value) and keeps the punctuation around a variable
 *   (`[instance: <*>]`), so most variables are already `<*>` before the tree sees them.
 * - Two plain words in the same position (`VM Started` / `VM Stopped`, `GET` / `POST`) block a
 *   merge: after good masking a differing plain word is nearly always a different event, which
 *   is what a support engineer wants to see apart. To bound template growth (user names, states
 *   spelled as words), the rule is dropped in a leaf that already holds `maxChildren` groups.
 * - Messages without spaces (Chinese) are split on punctuation; messages are cut at `maxTokens`.
 */

/** One mined template. Plain data: it is structured-cloned from a worker thread. */
export interface MinedTemplate {
  /** Dense id, 0..n-1 in creation order; never changes, even when the template generalises. */
  id: number;
  /** The tokens joined by a single space, variables shown as `<*>`. */
  text: string;
  /** The template's tokens; a variable position is `<*>`. */
  tokens: readonly string[];
  /** How many messages were assigned to this template. */
  count: number;
}

/** Tuning knobs; the defaults suit typical service logs. */
export interface TemplateMinerOptions {
  /** Tree depth as in the paper: the first `depth - 2` tokens route a message (default 4, min 3). */
  depth?: number;
  /** Minimum fraction of equal non-wildcard positions to join a group (default 0.5). */
  similarity?: number;
  /** Fan-out limit of a tree node, and the group count at which a leaf merges plain words (default 100). */
  maxChildren?: number;
  /** Messages longer than this many tokens keep `maxTokens - 1` tokens plus a final `<*>` (default 80). */
  maxTokens?: number;
}

/** The variable placeholder, as in loghub's ground truth. */
export const WILDCARD = '<*>';

/** Longer tokens are data (base64, JSON blobs): masked whole, and never fed to the regexes. */
const MAX_TOKEN_CHARS = 256;

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
/** A plain word (optionally bracketed or followed by punctuation), English or CJK. */
const WORD =
  /^[([{"'（【《「“]?(?:[A-Za-z]+|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+)[)\]}"',.;:!?）】》」”，。、；：？！]*$/;
/** A path or URL: a variable even without a digit (`/latest/meta-data/placement/`). */
const PATH = /^(?:[A-Za-z][\w+.-]*:\/\/|\.{0,2}\/|~\/|[A-Za-z]:[\\/])./;

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Masks one whitespace-free token: returns it with its variable parts replaced by `<*>` (keeping
 * wrapping punctuation, `b9000564-…-1e88b294cd1d]` → `<*>]`), or unchanged if nothing looks
 * variable. Only tokens with a digit, paths and URLs (and over-long tokens) are masked: a word
 * is never a variable.
 */
export function maskToken(token: string): string {
  if (token.length > MAX_TOKEN_CHARS) return WILDCARD;
  // The fast path for most tokens: a variable has a digit or is a path.
  if (!hasDigit(token) && !token.includes('/')) return token;
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.includes(token[start])) start++;
  while (end > start && CLOSERS.includes(token[end - 1])) end--;
  const core = token.slice(start, end);
  if (PATH.test(core)) return token.slice(0, start) + WILDCARD + token.slice(end);
  if (!hasDigit(core)) return token;
  const masked = maskCore(core);
  return masked === core ? token : token.slice(0, start) + masked + token.slice(end);
}

/** Digits and separators only (`1893`, `0.25`, `10.11.10.1`, `2017-05-16`): the commonest case, no regex. */
function isNumeric(s: string): boolean {
  let i = s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45 ? 1 : 0; // + -
  const first = s.charCodeAt(i);
  if (!(first >= 48 && first <= 57)) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 43 && c <= 58) || c === 95)) return false; // + , - . / 0-9 : _
  }
  return true;
}

function maskCore(core: string): string {
  if (isNumeric(core) || WHOLE.test(core)) return WILDCARD;
  const eq = core.indexOf('=');
  if (eq > 0 && KEY.test(core.slice(0, eq))) {
    const value = core.slice(eq + 1);
    return hasDigit(value) ? core.slice(0, eq + 1) + WILDCARD : core;
  }
  return core.replace(PARTS, WILDCARD);
}

// Whitespace, including no-break and ideographic spaces.
function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x3000;
}

// Wide text (CJK, fullwidth forms) has no spaces between words, so it is split on punctuation:
// after a run of closing and separating marks (`）），`), before opening brackets.
const SPLIT_AFTER = new Set('，。、；：？！）】》」』”’,;:!?)]');
const SPLIT_BEFORE = new Set('（【《「『“‘([');

function splitWide(token: string, out: string[], limit: number): void {
  let from = 0;
  for (let i = 0; i < token.length && out.length <= limit; i++) {
    const c = token[i];
    if (SPLIT_BEFORE.has(c) && i > from) {
      out.push(token.slice(from, i));
      from = i;
    } else if (SPLIT_AFTER.has(c) && !SPLIT_AFTER.has(token[i + 1])) {
      out.push(token.slice(from, i + 1));
      from = i + 1;
    }
  }
  if (from < token.length && out.length <= limit) out.push(token.slice(from));
}

/** Splits a message into at most `maxTokens` tokens without scanning (much) past the limit. */
function tokenize(message: string, maxTokens: number): string[] {
  const out: string[] = [];
  const n = message.length;
  let i = 0;
  while (out.length <= maxTokens) {
    while (i < n && isSpace(message.charCodeAt(i))) i++;
    if (i >= n) break;
    let j = i;
    let wide = false;
    for (; j < n; j++) {
      const c = message.charCodeAt(j);
      if (isSpace(c)) break;
      if (c >= 0x2e80) wide = true;
    }
    const token = message.slice(i, j);
    if (wide && token.length > 1) splitWide(token, out, maxTokens);
    else out.push(token);
    i = j;
  }
  if (out.length > maxTokens) {
    out.length = maxTokens - 1;
    out.push(WILDCARD); // stands for the cut-off rest
  }
  return out;
}

// A V8 substring may keep its whole parent (a decoded chunk) alive; templates live for the whole
// run, so their tokens are copied into strings of their own.
function detach(s: string): string {
  return (' ' + s).slice(1);
}

interface Group {
  id: number;
  tokens: string[];
  count: number;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  groups: Group[];
}

const newNode = (): TreeNode => ({ children: new Map(), groups: [] });

// Tokens with digits or a variable route to the shared `<*>` branch, as in Drain.
function routeKey(token: string): string {
  return hasDigit(token) || token.includes(WILDCARD) ? WILDCARD : token;
}

/**
 * Online template miner: {@link TemplateMiner.add} assigns each message to a template, creating
 * or generalising templates as it goes. Not thread-safe; one instance per worker.
 */
export class TemplateMiner {
  private readonly prefixDepth: number;
  private readonly similarity: number;
  private readonly maxChildren: number;
  private readonly maxTokens: number;
  private readonly byLength = new Map<number, TreeNode>();
  private readonly groups: Group[] = [];

  constructor(options: TemplateMinerOptions = {}) {
    this.prefixDepth = Math.max(1, Math.floor(options.depth ?? 4) - 2);
    this.similarity = options.similarity ?? 0.5;
    this.maxChildren = Math.max(2, Math.floor(options.maxChildren ?? 100));
    this.maxTokens = Math.max(2, Math.floor(options.maxTokens ?? 80));
  }

  /** The number of templates so far. */
  get size(): number {
    return this.groups.length;
  }

  /**
   * Adds one message (the message part of a log event, without timestamp, level or logger) and
   * returns its template id. The template may get more general; its id stays the same.
   */
  add(message: string): number {
    const tokens = tokenize(message, this.maxTokens);
    for (let i = 0; i < tokens.length; i++) tokens[i] = maskToken(tokens[i]);
    const leaf = this.leafFor(tokens);
    const group = this.bestGroup(leaf, tokens);
    if (group) {
      const t = group.tokens;
      for (let i = 0; i < t.length; i++) if (t[i] !== tokens[i] && t[i] !== WILDCARD) t[i] = WILDCARD;
      group.count++;
      return group.id;
    }
    const created: Group = { id: this.groups.length, tokens: tokens.map(detach), count: 1 };
    this.groups.push(created);
    leaf.groups.push(created);
    return created.id;
  }

  /** The template with this id (a fresh plain object). Throws a RangeError for an unknown id. */
  template(id: number): MinedTemplate {
    const group = this.groups[id];
    if (!Number.isInteger(id) || !group) throw new RangeError(`no template ${id}`);
    return { id, text: group.tokens.join(' '), tokens: [...group.tokens], count: group.count };
  }

  /** All templates in id order, as fresh plain objects. */
  templates(): MinedTemplate[] {
    return this.groups.map((g) => this.template(g.id));
  }

  /** Walks (and grows) the tree: token count, then the first `depth - 2` tokens. */
  private leafFor(tokens: string[]): TreeNode {
    let node = this.byLength.get(tokens.length);
    if (!node) {
      node = newNode();
      this.byLength.set(tokens.length, node);
    }
    const depth = Math.min(this.prefixDepth, tokens.length);
    for (let i = 0; i < depth; i++) node = this.child(node, routeKey(tokens[i]));
    return node;
  }

  private child(node: TreeNode, key: string): TreeNode {
    const found = node.children.get(key);
    if (found) return found;
    // A full node sends newcomers to its `<*>` child, so a variable first word cannot explode it.
    const slot = node.children.size < this.maxChildren - 1 ? key : WILDCARD;
    let child = node.children.get(slot);
    if (!child) {
      child = newNode();
      node.children.set(slot, child);
    }
    return child;
  }

  /** The most similar group of the leaf that the message may join, if any. */
  private bestGroup(leaf: TreeNode, tokens: string[]): Group | undefined {
    const wordsMayDiffer = leaf.groups.length >= this.maxChildren;
    let best: Group | undefined;
    let bestSim = -1;
    let bestWild = -1;
    for (const group of leaf.groups) {
      const t = group.tokens;
      let equal = 0;
      let wild = 0;
      let blocked = false;
      for (let i = 0; i < t.length; i++) {
        const a = t[i];
        if (a === WILDCARD) wild++;
        else if (a === tokens[i]) equal++;
        else if (!wordsMayDiffer && WORD.test(a) && WORD.test(tokens[i])) {
          blocked = true;
          break;
        }
      }
      if (blocked) continue;
      const fixed = t.length - wild;
      const sim = fixed === 0 ? 1 : equal / fixed;
      if (sim >= this.similarity && (sim > bestSim || (sim === bestSim && wild > bestWild))) {
        best = group;
        bestSim = sim;
        bestWild = wild;
      }
    }
    return best;
  }
}
