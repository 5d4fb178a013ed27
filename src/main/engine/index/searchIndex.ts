/**
 * Search over a {@link CaseIndex}. The index gives, for every query node, a lower and an
 * upper bound of the events it matches (exact where it can be: levels, fields, times, single
 * indexed words, ids); events between the bounds are decided by the reference semantics in
 * `shared/search/matchEvent.ts` against their raw text. Before the worker has finished, every
 * text node's upper bound is "everything": the same code then is a literal scan.
 */
import { LEVELS, levelRank } from '../../../shared/model.ts';
import { compileGlob } from '../../../shared/glob.ts';
import { normalizeIdQuery } from '../../../shared/ids/extractIds.ts';
import { compileMatcher, timeBound, type MatchContext } from '../../../shared/search/matchEvent.ts';
import type { QueryNode } from '../../../shared/search/queryLanguage.ts';
import { couldBeUuidSegment, indexKey, isIndexed, isUuid, isWordChar, MAX_INDEXED_TOKEN, prefixMayMatchUnindexed, tokenize } from '../../../shared/search/tokenize.ts';
import { requiredLiterals } from '../../../shared/search/regexLiterals.ts';
import { Bitmap } from './bitmap.ts';
import type { CaseIndex, EventView } from './caseIndex.ts';
import { ID_PREFIX } from './indexJob.ts';

/** Options of {@link searchEvents}. */
export interface SearchOptions {
  offset?: number;
  limit?: number;
  /** Reference time for relative `after:-5m`. */
  reference?: number | null;
  signal?: AbortSignal;
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
}

interface Bounds {
  lower: Bitmap;
  upper: Bitmap;
}

/** Events matching `query` as a set of event ids. */
export function matchingEvents(index: CaseIndex, query: QueryNode, options: SearchOptions = {}): { events: Bitmap; verified: number } {
  const context: MatchContext = { zone: index.zone, reference: options.reference ?? null };
  const matcher = compileMatcher(query, context);
  const { lower, upper } = bounds(index, query, context);
  const undecided = upper.andNot(lower);
  let verified = 0;
  const result = lower;
  undecided.forEach((e) => {
    if ((++verified & 0x3ff) === 0 && options.signal?.aborted) return false;
    const f = index.fileOf(e);
    const t = index.events.time[e];
    if (
      matcher({
        text: index.eventText(e),
        level: LEVELS[index.events.level[e]],
        module: f.record.module,
        component: f.record.component,
        path: f.record.path,
        time: Number.isNaN(t) ? null : t,
      })
    ) {
      result.add(e);
    }
  });
  if (options.signal?.aborted) throw new Error('cancelled');
  return { events: result, verified };
}

/** Runs a query: total, counts per component, and one page of hits in time order. */
export function searchEvents(index: CaseIndex, query: QueryNode, options: SearchOptions = {}): SearchResult {
  const { events, verified } = matchingEvents(index, query, options);
  const positions = new Bitmap(index.size);
  const perComponent = new Uint32Array(index.components.length);
  const { rank } = index.timeline;
  const fileOfEvent = index.events.file;
  const componentOfFile = index.files.map((f) => f.component);
  let total = 0;
  events.forEach((e) => {
    positions.add(rank[e]);
    perComponent[componentOfFile[fileOfEvent[e]]]++;
    total++;
  });
  const page = positions.page(options.offset ?? 0, options.limit ?? 100);
  const byComponent = [...perComponent]
    .map((count, i) => ({ component: index.components[i], count }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || (a.component < b.component ? -1 : 1));
  return { total, byComponent, hits: page.map((p) => index.view(index.timeline.order[p])), verified, indexed: index.indexed };
}

function exact(b: Bitmap): Bounds {
  return { lower: b, upper: b.clone() };
}

function unknown(index: CaseIndex): Bounds {
  return { lower: new Bitmap(index.size), upper: Bitmap.full(index.size) };
}

/** Events containing every one of `terms` (index keys); `null` when no term could narrow. */
function allOf(index: CaseIndex, terms: string[]): Bitmap | null {
  const postings = index.postings!;
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
  for (const term of index.termsWithPrefix(indexKey(prefix))) index.postings!.addTo(term, b);
  return b;
}

/** Index keys that every event matching this text must contain (UUIDs are in the id postings). */
function certainKeys(tokens: string[], skipSegments: boolean): string[] {
  return tokens.filter((t) => isIndexed(t) && !(skipSegments && couldBeUuidSegment(t))).map((t) => (isUuid(t) ? ID_PREFIX + t : indexKey(t)));
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
      return index.postings ? termBounds(index, node.text.toLowerCase(), node.prefix) : unknown(index);
    case 'phrase': {
      if (!index.postings) return unknown(index);
      const narrowed = allOf(index, certainKeys(tokenize(node.text.toLowerCase()), true));
      return narrowed ? { lower: new Bitmap(index.size), upper: narrowed } : unknown(index);
    }
    case 'regex': {
      if (!index.postings) return unknown(index);
      const keys = requiredLiterals(node.source, node.flags).flatMap((literal) => certainKeys(interiorTokens(literal), true));
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
          if (node.op === '=' ? r === rank : node.op === '>=' ? r >= rank : node.op === '>' ? r > rank : node.op === '<=' ? r <= rank : r < rank) b.add(e);
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
      if (!index.postings) return unknown(index);
      const key = normalizeIdQuery(node.value)?.key ?? node.value.toLowerCase();
      const b = new Bitmap(index.size);
      index.postings.addTo(ID_PREFIX + key, b);
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
    if (tokens.length === 1 && tokens[0] === lowered && isIndexed(lowered) && indexKey(lowered) === lowered && !isUuid(lowered)) {
      const b = new Bitmap(index.size);
      index.postings!.addTo(lowered, b);
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
    for (const term of index.postings!.withPrefix(ID_PREFIX + lowered)) index.postings!.addTo(term, upper);
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
