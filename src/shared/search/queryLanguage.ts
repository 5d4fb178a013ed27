/**
 * The search box's query language: words, `"phrases"`, `/regexes/`, `field:value` filters,
 * `-` / `NOT`, `OR` and parentheses. Google-style precedence: `OR` binds tighter than the
 * implicit AND between items, so `a b OR c` means `a AND (b OR c)`.
 *
 * The parser is a hand-written recursive descent over a lazy lexer, so the first error in
 * reading order is the one reported, with the character range the search box underlines.
 */
import { compileBoundedRegex } from './boundedRegex.ts';
import type { Level } from '../model.ts';
import { formatTimeValue, parseTimeValue, type TimeAnchor } from './queryTime.ts';

export type { TimeAnchor, TimeOfDay } from './queryTime.ts';

/** Comparison of a `level:` filter; `=` when none was typed. */
export type LevelOp = '=' | '>=' | '>' | '<=' | '<';

/** A parsed query. `and` / `or` always have two or more children and never a child of their own kind. */
export type QueryNode =
  | { kind: 'all' }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'term'; text: string; prefix: boolean }
  | { kind: 'phrase'; text: string }
  | { kind: 'regex'; source: string; flags: string }
  | { kind: 'level'; op: LevelOp; level: Level }
  | { kind: 'field'; field: 'module' | 'component' | 'file'; glob: string }
  | { kind: 'id'; value: string }
  /** The events of one message template (the Patterns view's id); only the case's index knows them. */
  | { kind: 'template'; id: number }
  | { kind: 'time'; bound: 'after' | 'before'; anchor: TimeAnchor; offsetMs: number };

/** A syntax error: `position` is a 0-based UTF-16 index into the input; `length` is 0 only at the end of input. */
export interface QueryError {
  message: string;
  position: number;
  length: number;
}

/** The result of {@link parseQuery}. */
export type QueryParse = { ok: true; query: QueryNode } | { ok: false; error: QueryError };

const LEVEL_WORDS: Record<string, Level> = {
  unknown: 'unknown',
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
  err: 'error',
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
};
const FIELDS = new Set(['level', 'module', 'component', 'file', 'id', 'after', 'before', 'template']);
// Deep enough for any hand-written query, shallow enough that recursion cannot blow the stack.
const MAX_DEPTH = 100;

type Token =
  | { t: '(' | ')' | '-' | 'OR' | 'AND' | 'NOT' | 'end'; pos: number; len: number }
  | { t: 'atom'; node: QueryNode; pos: number; len: number };

class Failure {
  constructor(readonly error: QueryError) {}
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const WORD_END = /[\s()"]/;
const FIELD_PREFIX = /^([A-Za-z]+):/;
const DATE_ONLY = /^\d{4}-\d{1,2}-\d{1,2}$/;
const CLOCK_AFTER = /[ \t]+(\d{1,2}:\d{2}[^\s()"]*)/y;

class Parser {
  private i = 0;
  private peeked: Token | null = null;
  private depth = 0;

  constructor(private readonly input: string) {}

  private fail(message: string, position: number, length: number): never {
    const n = this.input.length;
    if (position >= n) throw new Failure({ message, position: n, length: 0 });
    throw new Failure({ message, position, length: Math.max(1, Math.min(length, n - position)) });
  }

  peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  next(): Token {
    const tok = this.peek();
    this.peeked = null;
    return tok;
  }

  parse(): QueryNode {
    if (this.peek().t === 'end') return { kind: 'all' };
    const node = this.andExpr();
    const tok = this.peek();
    if (tok.t === ')') this.fail('unmatched )', tok.pos, 1);
    return node;
  }

  private startsItem(tok: Token): boolean {
    return tok.t === 'atom' || tok.t === '(' || tok.t === '-' || tok.t === 'NOT';
  }

  private andExpr(): QueryNode {
    const children: QueryNode[] = [];
    for (let tok = this.peek(); tok.t !== 'end' && tok.t !== ')'; tok = this.peek()) {
      if (tok.t === 'AND') {
        this.next();
        if (children.length === 0 || !this.startsItem(this.peek()))
          this.fail('AND needs a term on each side', tok.pos, 3);
        continue;
      }
      children.push(this.orExpr());
    }
    return combine('and', children);
  }

  private orExpr(): QueryNode {
    const children = [this.unary()];
    while (this.peek().t === 'OR') {
      const or = this.next();
      const after = this.peek();
      if (!this.startsItem(after)) this.fail('OR needs a term on each side', after.t === 'OR' ? after.pos : or.pos, 2);
      children.push(this.unary());
    }
    return combine('or', children);
  }

  private unary(): QueryNode {
    const tok = this.next();
    if (tok.t === '-' || tok.t === 'NOT') {
      if (!this.startsItem(this.peek())) this.fail(`${tok.t} needs a term after it`, tok.pos, tok.len);
      return this.nested(tok, () => ({ kind: 'not', child: this.unary() }));
    }
    if (tok.t === '(') {
      const close = this.peek();
      if (close.t === ')') this.fail('empty parentheses', tok.pos, close.pos + 1 - tok.pos);
      const inner = this.nested(tok, () => this.andExpr());
      if (this.next().t !== ')') this.fail('unclosed (', tok.pos, 1);
      return inner;
    }
    if (tok.t === 'atom') return tok.node;
    if (tok.t === 'OR') this.fail('OR needs a term on each side', tok.pos, 2);
    if (tok.t === ')') this.fail('unmatched )', tok.pos, 1);
    return this.fail(`unexpected ${tok.t === 'end' ? 'end of query' : tok.t}`, tok.pos, tok.len);
  }

  private nested(tok: Token, build: () => QueryNode): QueryNode {
    if (++this.depth > MAX_DEPTH) this.fail(`too deeply nested (more than ${MAX_DEPTH} levels)`, tok.pos, tok.len);
    const node = build();
    this.depth--;
    return node;
  }

  private lex(): Token {
    const s = this.input;
    while (isSpace(s[this.i])) this.i++;
    const pos = this.i;
    const c = s[pos];
    if (c === undefined) return { t: 'end', pos, len: 0 };
    if (c === '(' || c === ')') return this.punct(c, pos, 1);
    if (c === '"') {
      const q = this.readQuoted(pos);
      if (q.text === '') this.fail('empty phrase ""', pos, 2);
      return this.atom({ kind: 'phrase', text: q.text }, pos, q.end);
    }
    if (c === '-') {
      const after = s[pos + 1];
      if (after === undefined || isSpace(after)) this.fail('- needs a term after it', pos, 1);
      // `--force`, `-->` are text people search for; only a single leading dash negates.
      if (after !== '-') return this.punct('-', pos, 1);
    }
    if (c === '/') {
      const regex = this.tryRegex(pos);
      if (regex) return regex;
    }
    let end = pos;
    while (end < s.length && !WORD_END.test(s[end])) end++;
    const word = s.slice(pos, end);
    if (word === 'OR' || word === 'AND' || word === 'NOT') return this.punct(word, pos, end - pos);
    const field = FIELD_PREFIX.exec(word);
    if (field && FIELDS.has(field[1].toLowerCase()))
      return this.field(field[1].toLowerCase(), pos, pos + field[0].length, end);
    if (word === '*') this.fail('* alone is not a search term (write a prefix like attach*)', pos, 1);
    const prefix = word.endsWith('*');
    return this.atom({ kind: 'term', text: prefix ? word.slice(0, -1) : word, prefix }, pos, end);
  }

  private punct(t: '(' | ')' | '-' | 'OR' | 'AND' | 'NOT', pos: number, len: number): Token {
    this.i = pos + len;
    return { t, pos, len };
  }

  private atom(node: QueryNode, pos: number, end: number): Token {
    this.i = end;
    return { t: 'atom', node, pos, len: end - pos };
  }

  /** Reads `"..."` from `start`; only `\"` and `\\` are escapes, so `"C:\temp"` needs no doubling. */
  private readQuoted(start: number): { text: string; end: number } {
    const s = this.input;
    let text = '';
    for (let j = start + 1; j < s.length; j++) {
      const ch = s[j];
      if (ch === '\\' && (s[j + 1] === '"' || s[j + 1] === '\\')) text += s[++j];
      else if (ch === '"') return { text, end: j + 1 };
      else text += ch;
    }
    return this.fail('unclosed quote', start, 1);
  }

  /**
   * A `/` starts a regex only when a closing `/`, optional flags and a boundary follow; anything
   * else (`/var/log/messages`, `/usr/bin`) is an ordinary term, since paths are common searches.
   */
  private tryRegex(start: number): Token | null {
    const s = this.input;
    let j = start + 1;
    let inClass = false;
    for (; j < s.length; j++) {
      const ch = s[j];
      if (ch === '\\') j++;
      else if (inClass) inClass = ch !== ']';
      else if (ch === '[') inClass = true;
      else if (ch === '/') break;
    }
    if (j >= s.length) return null;
    let end = j + 1;
    while (end < s.length && 'imsu'.includes(s[end])) end++;
    // The same boundary that ends a word, so no word reads as a regex in one place and a term in another.
    if (end < s.length && !WORD_END.test(s[end])) return null;
    const source = s.slice(start + 1, j);
    if (source === '') this.fail('empty regex //', start, end - start);
    let flags = '';
    try {
      flags = new RegExp(source, s.slice(j + 1, end)).flags;
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e), start, end - start);
    }
    const bounded = compileBoundedRegex(source, flags);
    if (!bounded.ok) this.fail(bounded.error, start, end - start);
    return this.atom({ kind: 'regex', source, flags }, start, end);
  }

  private field(name: string, pos: number, valuePos: number, wordEnd: number): Token {
    const s = this.input;
    let value = s.slice(valuePos, wordEnd);
    let end = wordEnd;
    const quoted = value === '' && s[wordEnd] === '"';
    if (quoted) {
      const q = this.readQuoted(wordEnd);
      value = q.text;
      end = q.end;
    }
    if (value === '') this.fail(`${s.slice(pos, valuePos)} needs a value`, pos, end - pos);
    if ((name === 'after' || name === 'before') && !quoted && DATE_ONLY.test(value)) {
      // `after:2025-09-18 16:24` would otherwise search for the text "16:24"; take the clock too.
      CLOCK_AFTER.lastIndex = end;
      const clock = CLOCK_AFTER.exec(s);
      if (clock) {
        value += ` ${clock[1]}`;
        end = CLOCK_AFTER.lastIndex;
      }
    }
    const valueStart = quoted ? wordEnd : valuePos;
    const node = this.fieldNode(name, value, valueStart, end - valueStart, quoted);
    return this.atom(node, pos, end);
  }

  private fieldNode(name: string, value: string, at: number, len: number, quoted: boolean): QueryNode {
    switch (name) {
      case 'level': {
        const op = /^(?:>=|<=|>|<|=)?/.exec(value)?.[0] ?? '';
        const word = value.slice(op.length);
        // Inside quotes escapes shift offsets, so point at the whole value there.
        const [wordAt, wordLen] = quoted ? [at, len] : [at + op.length, word.length];
        if (word === '') this.fail(`level:${op} needs a level`, at, len);
        const level = LEVEL_WORDS[word.toLowerCase()];
        if (!level)
          this.fail(
            `unknown level "${word}" (use trace, debug, info, warning, error, critical or unknown)`,
            wordAt,
            wordLen,
          );
        return { kind: 'level', op: (op || '=') as LevelOp, level };
      }
      case 'after':
      case 'before': {
        const time = parseTimeValue(value);
        if (!time.ok) this.fail(time.message, at, len);
        return { kind: 'time', bound: name, anchor: time.anchor, offsetMs: time.offsetMs };
      }
      case 'id':
        return { kind: 'id', value };
      case 'template':
        if (!/^\d{1,9}$/.test(value)) this.fail(`template: needs a template number, got "${value}"`, at, len);
        return { kind: 'template', id: Number(value) };
      default:
        return { kind: 'field', field: name as 'module' | 'component' | 'file', glob: value };
    }
  }
}

function combine(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  const flat = children.flatMap((c) => (c.kind === kind ? c.children : [c]));
  return flat.length === 1 ? flat[0] : { kind, children: flat };
}

/**
 * Parses a search-box query. Never throws: every problem comes back as a {@link QueryError}
 * with the range to underline. Whitespace alone gives `{ kind: 'all' }`.
 */
export function parseQuery(input: string): QueryParse {
  try {
    return { ok: true, query: new Parser(input).parse() };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
}

/** `text` as a quoted value of the query language (`\\` and `\"` escaped), read back as `text`. */
export const quote = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&')}"`;
const bareValue = (value: string): string => (/^[^\s()"]+$/.test(value) ? value : quote(value));

function formatTerm(text: string, prefix: boolean): string {
  const bare = prefix ? `${text}*` : text;
  const back = parseQuery(bare);
  // Text that would read back as something else (`OR`, `level:x`, `/a/`) can only be a phrase.
  if (back.ok && back.query.kind === 'term' && back.query.text === text && back.query.prefix === prefix) return bare;
  return quote(text);
}

/** Whether the formatted node ends with a date-only time that is not closed off by a parenthesis. */
function endsWithBareDate(node: QueryNode): boolean {
  if (node.kind === 'or') {
    const last = node.children[node.children.length - 1];
    return last.kind !== 'and' && last.kind !== 'or' && endsWithBareDate(last);
  }
  if (node.kind === 'not') return node.child.kind === 'time' && endsWithBareDate(node.child);
  return node.kind === 'time' && DATE_ONLY.test(formatTimeValue(node.anchor, node.offsetMs));
}

/**
 * Canonical text for a query: `parseQuery(formatQuery(t))` gives back `t` for every tree that
 * `parseQuery` can produce, with one known gap: a term that starts with `/` and has no other `/`
 * (`/tmp`) re-reads as the start of a regex when a later item supplies a closing `/` + boundary.
 * Trees that no parse yields (a term `OR`) get the nearest text that does parse (`"OR"`).
 */
export function formatQuery(node: QueryNode): string {
  const group = (child: QueryNode, wrap: boolean): string => (wrap ? `(${formatQuery(child)})` : formatQuery(child));
  switch (node.kind) {
    case 'all':
      return '';
    case 'and': {
      const parts = node.children.map((c) => group(c, c.kind === 'and'));
      // `after:2025-09-18 16:24` reads back as one time, so a date before a clock-like word gets an explicit T00:00.
      return parts
        .map((p, i) =>
          endsWithBareDate(node.children[i]) && /^\d{1,2}:\d{2}/.test(parts[i + 1] ?? '') ? `${p}T00:00` : p,
        )
        .join(' ');
    }
    case 'or':
      return node.children.map((c) => group(c, c.kind === 'and' || c.kind === 'or')).join(' OR ');
    case 'not': {
      const inner = formatQuery(node.child);
      const wrap = ['and', 'or', 'not'].includes(node.child.kind) || inner.startsWith('-');
      return wrap ? `-(${inner})` : `-${inner}`;
    }
    case 'term':
      return formatTerm(node.text, node.prefix);
    case 'phrase':
      return quote(node.text);
    case 'regex':
      return `/${node.source}/${node.flags}`;
    case 'level':
      return `level:${node.op === '=' ? '' : node.op}${node.level}`;
    case 'field':
      return `${node.field}:${bareValue(node.glob)}`;
    case 'id':
      return `id:${bareValue(node.value)}`;
    case 'template':
      return `template:${node.id}`;
    case 'time':
      return `${node.bound}:${formatTimeValue(node.anchor, node.offsetMs)}`;
  }
}

/**
 * The text parts a matching event must contain, for hit highlighting: terms (without the `*`),
 * phrases and regexes that sit under an even number of negations. Duplicates are dropped.
 */
export function positiveTerms(node: QueryNode): {
  terms: string[];
  phrases: string[];
  regexes: { source: string; flags: string }[];
} {
  const terms = new Set<string>();
  const phrases = new Set<string>();
  const regexes = new Map<string, { source: string; flags: string }>();
  const walk = (n: QueryNode, negated: boolean): void => {
    if (n.kind === 'and' || n.kind === 'or') for (const c of n.children) walk(c, negated);
    else if (n.kind === 'not') walk(n.child, !negated);
    else if (negated) return;
    else if (n.kind === 'term') terms.add(n.text);
    else if (n.kind === 'phrase') phrases.add(n.text);
    else if (n.kind === 'regex') regexes.set(`${n.flags}/${n.source}`, { source: n.source, flags: n.flags });
  };
  walk(node, false);
  return { terms: [...terms], phrases: [...phrases], regexes: [...regexes.values()] };
}

/** Help rows for the search box: syntax, a working example, and what it does in English and Simplified Chinese. */
export const QUERY_SYNTAX: readonly { syntax: string; example: string; en: string; zh: string }[] = [
  {
    syntax: 'word',
    example: 'timeout',
    en: 'Events containing the word (any case)',
    zh: '包含该词的事件（不区分大小写）',
  },
  { syntax: 'word*', example: 'attach*', en: 'Words starting with the prefix', zh: '以该前缀开头的词' },
  {
    syntax: '"phrase"',
    example: '"volume not found"',
    en: 'The exact words in this order; \\" for a quote',
    zh: '按顺序出现的完整短语；引号写作 \\"',
  },
  {
    syntax: '/regex/flags',
    example: '/HTTP 5\\d\\d/i',
    en: 'A JavaScript regular expression (always ends: no back-reference or lookaround with repeats); flags i, m, s, u',
    zh: 'JavaScript 正则表达式（总能结束：不支持与重复同用的反向引用或环视）；可用标志 i、m、s、u',
  },
  {
    syntax: 'a b',
    example: 'attach failed',
    en: 'Both (AND is implied; the word AND is allowed)',
    zh: '同时包含（默认即为 AND，也可写 AND）',
  },
  {
    syntax: 'a OR b',
    example: 'timeout OR refused',
    en: 'Either; OR binds tighter than the implied AND',
    zh: '任一即可；OR 的优先级高于隐含的 AND',
  },
  {
    syntax: '-a  NOT a',
    example: '-heartbeat',
    en: 'Excludes; also -"phrase", -(…), -level:debug',
    zh: '排除；也可用于 -"短语"、-(…)、-level:debug',
  },
  { syntax: '( … )', example: '(timeout OR refused) porter', en: 'Groups terms', zh: '分组' },
  {
    syntax: 'level:L',
    example: 'level:>=warning',
    en: 'Level trace, debug, info, warning, error, critical; with =, >, >=, <, <=',
    zh: '按级别筛选：trace、debug、info、warning、error、critical，可加 =、>、>=、<、<=',
  },
  {
    syntax: 'module: component: file:',
    example: 'file:"**/nova-api.log"',
    en: 'Source filters; globs * ** ? {a,b}',
    zh: '按模块、组件、文件筛选；支持通配符 * ** ? {a,b}',
  },
  {
    syntax: 'id:value',
    example: 'id:req-6ec3e693',
    en: 'Events carrying this request or trace id',
    zh: '带有该请求 ID 或追踪 ID 的事件',
  },
  {
    syntax: 'after: before:',
    example: 'after:2025-09-18T16:24 before:"2025-09-18 16:30+08:00"',
    en: 'Time range; zone-less times use the case zone',
    zh: '时间范围；未写时区时按案例时区解释',
  },
  {
    syntax: 'after:-5m before:+10m',
    example: 'after:-5m before:+5m',
    en: 'Relative to the selected event (ms, s, m, h, d)',
    zh: '相对所选事件的时间（ms、s、m、h、d）',
  },
  {
    syntax: 'after:TIME±offset',
    example: 'after:2025-09-18T16:24:31-5m',
    en: 'An absolute time shifted by an offset',
    zh: '绝对时间加上偏移量',
  },
];
