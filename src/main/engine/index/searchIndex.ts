/**
 * Search over a {@link CaseIndex}. The index gives, for every query node, a lower and an
 * upper bound of the events it matches (exact where it can be: levels, fields, times, single
 * indexed words, ids); events between the bounds are decided by the reference semantics in
 * `shared/search/matchEvent.ts` against their raw text. Phrases are looked up as word pairs
 * (exact for two words), so that a common phrase is a lookup, not a verification of every event
 * with both words. A page of hits is verified in timeline order and stops when it is full; the
 * total is counted after it, within a time budget when one is given (then it may come back as a
 * lower bound, `totalExact: false`).
 */
import { LEVELS, levelRank } from '../../../shared/model.ts';
import { compileGlob } from '../../../shared/glob.ts';
import { normalizeIdQuery } from '../../../shared/ids/extractIds.ts';
import { compileMatcher, timeBound, type MatchContext } from '../../../shared/search/matchEvent.ts';
import type { QueryNode } from '../../../shared/search/queryLanguage.ts';
import {
  couldBeUuidSegment,
  forEachToken,
  indexKey,
  isIndexed,
  isPairable,
  isUuid,
  isWordChar,
  MAX_INDEXED_TOKEN,
  MAX_PAIR_SEPARATOR,
  pairKey,
  prefixMayMatchUnindexed,
  tokenize,
} from '../../../shared/search/tokenize.ts';
import { requiredLiterals } from '../../../shared/search/regexLiterals.ts';
import { Bitmap } from './bitmap.ts';
import { ID_PREFIX, idTerm, type CaseIndex, type EventView } from './caseIndex.ts';

/** Options of {@link searchEvents}. */
export interface SearchOptions {
  offset?: number;
  limit?: number;
  /** Reference time for relative `after:-5m`. */
  reference?: number | null;
  signal?: AbortSignal;
  /**
   * Time the total may take to count after the page is filled, in ms (default: no limit). Past
   * it, `total` is the hits counted so far and `totalExact` is false.
   */
  countBudgetMs?: number;
}

/** Hits in time order, one page, with totals. */
export interface SearchResult {
  total: number;
  /** Hits per `module/component`, most first. */
  byComponent: { component: string; count: number }[];
  hits: EventView[];
  /** Events whose raw text had to be read to decide. */
  verified: number;
  /** False while the full-text index is still being built (the search was a scan). */
  indexed: boolean;
  /** False when the count stopped at its budget: `total` and `byComponent` then count the hits found so far. */
  totalExact: boolean;
  /** At most this many events can match (equal to `total` when it is exact and nothing was left undecided). */
  upperBound: number;
}

interface Bounds {
  lower: Bitmap;
  upper: Bitmap;
}

/** A query ready to run: its exact hits, its undecided candidates, and the test that decides them. */
interface Prepared {
  lower: Bitmap;
  undecided: Bitmap;
  decide: (event: number) => boolean;
}

function prepare(index: CaseIndex, query: QueryNode, options: SearchOptions): Prepared {
  const context: MatchContext = { zone: index.zone, reference: options.reference ?? null };
  const matcher = compileMatcher(query, context);
  const { lower, upper } = bounds(index, query, context);
  const decide = (e: number): boolean => {
    const f = index.fileOf(e);
    const t = index.events.time[e];
    return matcher({
      text: index.eventText(e),
      level: LEVELS[index.events.level[e]],
      module: f.record.module,
      component: f.record.component,
      path: f.record.path,
      time: Number.isNaN(t) ? null : t,
      template: index.templateOf[e],
    });
  };
  return { lower, undecided: upper.andNot(lower), decide };
}

/** Events matching `query` as a set of event ids. */
export function matchingEvents(
  index: CaseIndex,
  query: QueryNode,
  options: SearchOptions = {},
): { events: Bitmap; verified: number } {
  const { lower, undecided, decide } = prepare(index, query, options);
  let verified = 0;
  const result = lower;
  // In event order: each file's text is read front to back.
  undecided.forEach((e) => {
    if ((++verified & 0x3ff) === 0 && options.signal?.aborted) return false;
    if (decide(e)) result.add(e);
  });
  if (options.signal?.aborted) throw new Error('cancelled');
  return { events: result, verified };
}

/**
 * Runs a query: one page of hits in time order (verified first, in that order, stopping when
 * the page is full), then the total and the counts per component.
 */
export function searchEvents(index: CaseIndex, query: QueryNode, options: SearchOptions = {}): SearchResult {
  const { lower, undecided, decide } = prepare(index, query, options);
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 100;
  const { rank, order } = index.timeline;
  // Candidates (exact and undecided) by timeline position.
  const positions = new Bitmap(index.size);
  lower.forEach((e) => positions.add(rank[e]));
  undecided.forEach((e) => positions.add(rank[e]));
  const decided = new Map<number, boolean>();
  const page: number[] = [];
  let seen = 0;
  let verified = 0;
  positions.forEach((p) => {
    const e = order[p];
    let hit = lower.has(e);
    if (!hit) {
      if ((verified & 0x3ff) === 0x3ff && options.signal?.aborted) return false;
      hit = decide(e);
      verified++;
      decided.set(e, hit);
    }
    if (!hit) return;
    if (seen++ >= offset) page.push(e);
    if (page.length >= limit) return false;
  });
  if (options.signal?.aborted) throw new Error('cancelled');
  // The total: the exact hits and every undecided candidate, in event order, within the budget.
  const perComponent = new Uint32Array(index.components.length);
  const fileOfEvent = index.events.file;
  const componentOfFile = index.files.map((f) => f.component);
  let total = 0;
  lower.forEach((e) => {
    perComponent[componentOfFile[fileOfEvent[e]]]++;
    total++;
  });
  const budget = options.countBudgetMs;
  const deadline = budget === undefined ? Number.POSITIVE_INFINITY : performance.now() + budget;
  let totalExact = true;
  const undecidedCount = undecided.count();
  let counted = 0;
  undecided.forEach((e) => {
    let hit = decided.get(e);
    if (hit === undefined) {
      // Past the budget the count stops here: what is left is only an upper bound.
      if ((verified & 0xff) === 0 && (performance.now() > deadline || options.signal?.aborted)) {
        totalExact = false;
        return false;
      }
      hit = decide(e);
      verified++;
    }
    counted++;
    if (hit) {
      perComponent[componentOfFile[fileOfEvent[e]]]++;
      total++;
    }
  });
  const left = undecidedCount - counted;
  if (options.signal?.aborted) throw new Error('cancelled');
  const byComponent = [...perComponent]
    .map((count, i) => ({ component: index.components[i], count }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || (a.component < b.component ? -1 : 1));
  return {
    total,
    byComponent,
    hits: page.map((e) => index.view(e)),
    verified,
    indexed: index.indexed,
    totalExact,
    upperBound: total + left,
  };
}

function exact(b: Bitmap): Bounds {
  return { lower: b, upper: b.clone() };
}

function unknown(index: CaseIndex): Bounds {
  return { lower: new Bitmap(index.size), upper: Bitmap.full(index.size) };
}

/** Events containing every one of `terms` (index keys); `null` when no term could narrow. */
function allOf(index: CaseIndex, terms: string[]): Bitmap | null {
  const postings = index.postings;
  let result: Bitmap | null = null;
  // Rarest first: the intersection is then small from the start.
  for (const term of [...new Set(terms)].sort((a, b) => postings.count(a) - postings.count(b))) {
    const b = new Bitmap(index.size);
    postings.addTo(term, b);
    result = result ? result.and(b) : b;
  }
  return result;
}

function anyWithPrefix(index: CaseIndex, prefix: string): Bitmap {
  const b = new Bitmap(index.size);
  for (const term of index.termsWithPrefix(indexKey(prefix))) index.postings.addTo(term, b);
  return b;
}

/** Index keys that every event matching this text must contain (UUIDs are in the id postings). */
function certainKeys(tokens: string[], skipSegments: boolean): string[] {
  return tokens
    .filter((t) => isIndexed(t) && !(skipSegments && couldBeUuidSegment(t)))
    .map((t) => (isUuid(t) ? ID_PREFIX + t : indexKey(t)));
}

/**
 * The tokens of a phrase (lowercase) that are tokens of any event the phrase occurs in, with
 * where they start. An IPv4 address at an edge of the phrase is left out: the text around the
 * phrase may continue it as a longer dotted number (`IP 10.0.0.1` occurs in `IP 10.0.0.1.5353`,
 * whose tokens are `10`, `0`, `0`, `1`, `5353`).
 */
function phraseTokens(lower: string): { token: string; start: number }[] {
  const tokens: { token: string; start: number }[] = [];
  forEachToken(lower, (token, start) => tokens.push({ token, start }));
  const dotted = (t: { token: string }) => t.token.includes('.');
  if (
    tokens.length > 0 &&
    tokens[tokens.length - 1].start + tokens[tokens.length - 1].token.length === lower.length &&
    dotted(tokens[tokens.length - 1])
  )
    tokens.pop();
  if (tokens.length > 0 && tokens[0].start === 0 && dotted(tokens[0])) tokens.shift();
  return tokens;
}

/**
 * The word-pair keys of a text whose tokens are all whole words of any event it occurs in (a
 * phrase's {@link phraseTokens}, the inside of a regex literal): consecutive pairable tokens, as
 * the index records them. `exact` when the text is exactly one pair: its events are then
 * exactly the pair's.
 */
function pairKeys(lower: string, tokens: { token: string; start: number }[]): { keys: string[]; exact: boolean } {
  const keys: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1];
    const b = tokens[i];
    const gap = b.start - (a.start + a.token.length);
    if (isPairable(a.token) && isPairable(b.token) && gap <= MAX_PAIR_SEPARATOR)
      keys.push(pairKey(a.token, lower.slice(a.start + a.token.length, b.start), b.token));
  }
  const exact =
    tokens.length === 2 &&
    keys.length === 1 &&
    tokens[0].start === 0 &&
    tokens[1].start + tokens[1].token.length === lower.length;
  return { keys, exact };
}

/** All tokens of a text, with where they start. */
function tokensAt(lower: string): { token: string; start: number }[] {
  const tokens: { token: string; start: number }[] = [];
  forEachToken(lower, (token, start) => tokens.push({ token, start }));
  return tokens;
}

/** Events per level filter (`>=warning`…), per index; bounds mutate what they get, so callers get clones. */
const levelBitmaps = new WeakMap<CaseIndex, Map<string, Bitmap>>();

function bounds(index: CaseIndex, node: QueryNode, context: MatchContext): Bounds {
  switch (node.kind) {
    case 'all':
      return exact(Bitmap.full(index.size));
    case 'and': {
      const parts = node.children.map((c) => bounds(index, c, context));
      const lower = parts[0].lower;
      const upper = parts[0].upper;
      for (const p of parts.slice(1)) {
        lower.and(p.lower);
        upper.and(p.upper);
      }
      return { lower, upper };
    }
    case 'or': {
      const parts = node.children.map((c) => bounds(index, c, context));
      const lower = parts[0].lower;
      const upper = parts[0].upper;
      for (const p of parts.slice(1)) {
        lower.or(p.lower);
        upper.or(p.upper);
      }
      return { lower, upper };
    }
    case 'not': {
      const inner = bounds(index, node.child, context);
      return { lower: inner.upper.not(), upper: inner.lower.not() };
    }
    case 'term':
      return termBounds(index, node.text.toLowerCase(), node.prefix);
    case 'phrase': {
      const lowered = node.text.toLowerCase();
      const tokens = phraseTokens(lowered);
      const pairs = pairKeys(lowered, tokens);
      const narrowed = allOf(index, [
        ...pairs.keys,
        ...certainKeys(
          tokens.map((t) => t.token),
          true,
        ),
      ]);
      if (narrowed && pairs.exact) return exact(narrowed);
      return narrowed ? { lower: new Bitmap(index.size), upper: narrowed } : unknown(index);
    }
    case 'regex': {
      const keys = requiredLiterals(node.source, node.flags).flatMap((literal) => {
        const inside = interiorText(literal.toLowerCase());
        return [
          ...certainKeys(interiorTokens(literal), true),
          ...(inside === null ? [] : pairKeys(inside, tokensAt(inside)).keys),
        ];
      });
      const narrowed = allOf(index, keys);
      return narrowed ? { lower: new Bitmap(index.size), upper: narrowed } : unknown(index);
    }
    case 'level': {
      // Rules repeat the same few level filters: each is one pass over the level column, kept.
      let cached = levelBitmaps.get(index);
      if (!cached) levelBitmaps.set(index, (cached = new Map()));
      const key = `${node.op}${node.level}`;
      let b = cached.get(key);
      if (!b) {
        b = new Bitmap(index.size);
        const rank = levelRank(node.level);
        const level = index.events.level;
        for (let e = 0; e < level.length; e++) {
          const r = level[e];
          if (
            node.op === '='
              ? r === rank
              : node.op === '>='
                ? r >= rank
                : node.op === '>'
                  ? r > rank
                  : node.op === '<='
                    ? r <= rank
                    : r < rank
          )
            b.add(e);
        }
        cached.set(key, b);
      }
      return exact(b.clone());
    }
    case 'field': {
      const test = compileGlob(node.glob, { ignoreCase: true });
      const b = new Bitmap(index.size);
      for (const f of index.files) {
        const value = node.field === 'file' ? f.record.path : f.record[node.field];
        if (test(value)) b.addRange(f.first, f.first + f.count);
      }
      return exact(b);
    }
    case 'id': {
      const key = normalizeIdQuery(node.value)?.key ?? node.value.toLowerCase();
      const { term, exact: isExact } = idTerm(key);
      const b = new Bitmap(index.size);
      index.postings.addTo(term, b);
      return isExact ? exact(b) : { lower: new Bitmap(index.size), upper: b };
    }
    case 'template': {
      const b = new Bitmap(index.size);
      const templateOf = index.templateOf;
      for (let e = 0; e < templateOf.length; e++) if (templateOf[e] === node.id) b.add(e);
      return exact(b);
    }
    case 'time': {
      const bound = timeBound(node, context);
      const b = new Bitmap(index.size);
      const time = index.events.time;
      for (let e = 0; e < time.length; e++) {
        const t = time[e];
        if (node.bound === 'after' ? t >= bound : t <= bound) b.add(e);
      }
      return exact(b);
    }
  }
}

function termBounds(index: CaseIndex, lowered: string, prefix: boolean): Bounds {
  const tokens = tokenize(lowered);
  if (tokens.length === 0) return unknown(index);
  if (!prefix) {
    if (
      tokens.length === 1 &&
      tokens[0] === lowered &&
      isIndexed(lowered) &&
      indexKey(lowered) === lowered &&
      !isUuid(lowered)
    ) {
      const b = new Bitmap(index.size);
      index.postings.addTo(lowered, b);
      return exact(b);
    }
    const narrowed = allOf(index, certainKeys(tokens, false));
    return narrowed ? { lower: new Bitmap(index.size), upper: narrowed } : unknown(index);
  }
  const last = tokens[tokens.length - 1];
  const single = tokens.length === 1 && last === lowered;
  const lastNarrows = !prefixMayMatchUnindexed(last);
  if (single && lastNarrows && last.length <= MAX_INDEXED_TOKEN) return exact(anyWithPrefix(index, last));
  let upper = allOf(index, certainKeys(tokens.slice(0, -1), false));
  if (lastNarrows) upper = upper ? upper.and(anyWithPrefix(index, last)) : anyWithPrefix(index, last);
  if (!upper) return unknown(index);
  // Or one token that starts with the whole prefix: an IP among the words, a UUID among the ids.
  if (!single) {
    upper.or(anyWithPrefix(index, lowered));
    for (const term of index.postings.withPrefix(ID_PREFIX + lowered)) index.postings.addTo(term, upper);
  }
  return { lower: new Bitmap(index.size), upper };
}

/**
 * Tokens of a literal piece of a regex that are whole words in any match: a first or last token
 * that reaches the edge of the piece may continue into what the regex matches around it.
 */
function interiorTokens(literal: string): string[] {
  const tokens = tokenize(literal);
  const from = isWordChar(literal.charCodeAt(0)) ? 1 : 0;
  const to = isWordChar(literal.charCodeAt(literal.length - 1)) ? tokens.length - 1 : tokens.length;
  return tokens.slice(from, Math.max(from, to));
}

/**
 * The part of a regex literal between its first and last word edge (the text whose tokens are
 * whole words in any match), or null when there is none.
 */
function interiorText(lower: string): string | null {
  let from = 0;
  let to = lower.length;
  if (isWordChar(lower.charCodeAt(0))) while (from < to && isWordChar(lower.charCodeAt(from))) from++;
  if (isWordChar(lower.charCodeAt(to - 1))) while (to > from && isWordChar(lower.charCodeAt(to - 1))) to--;
  // Trim to whole tokens: start after the separator, end before it.
  while (from < to && !isWordChar(lower.charCodeAt(from)) && !isHanStart(lower.charCodeAt(from))) from++;
  while (to > from && !isWordChar(lower.charCodeAt(to - 1)) && !isHanStart(lower.charCodeAt(to - 1))) to--;
  return to > from ? lower.slice(from, to) : null;
}

function isHanStart(c: number): boolean {
  return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}
