/**
 * What a query means for one event — the reference semantics. The index only narrows the
 * events this is asked about; anything it cannot decide exactly is settled here against the
 * event's raw text, so search results never depend on what happened to be indexed.
 *
 * - a term matches when all of its tokens are tokens of the event; a term that is more than one
 *   token (`nova.compute`, `连接失败`, `error:`) must also occur as written (case-insensitive);
 * - `prefix*` matches when some token of the event starts with it, or, for a prefix of several
 *   words (`req-3f2a*`), when the event has the first words and a token starting with the last;
 * - a phrase matches where it occurs case-insensitively with word edges not cut in half
 *   (`"to attach"` does not match `to attachment` but does match `… to attach.`);
 * - `/regex/` is tested on the event's text as is (case-sensitive unless `/…/i`);
 * - `id:` matches when the id extractor finds that id (or a child of it) in the event.
 */
import { compileBoundedRegex } from './boundedRegex.ts';
import { compileGlob } from '../glob.ts';
import { extractIds, idKeys, normalizeIdQuery } from '../ids/extractIds.ts';
import { levelRank, type Level } from '../model.ts';
import { partsToEpoch } from '../time.ts';
import type { QueryNode } from './queryLanguage.ts';
import { isWordChar, tokenize } from './tokenize.ts';

/** The facts of one event a query can look at. */
export interface EventFacts {
  /** First line and continuation lines joined by '\n'. */
  text: string;
  level: Level;
  module: string;
  component: string;
  path: string;
  /** Epoch ms, or null when the event has no time. */
  time: number | null;
  /** The event's message template, when the index knows it (`template:` matches nothing without). */
  template?: number;
}

/** Evaluation settings shared by all events of one search. */
export interface MatchContext {
  /** Zone for absolute times written without one. */
  zone: string;
  /** The time `after:-5m` is relative to; null when there is none. */
  reference: number | null;
}

/** A query prepared once and tested against many events. */
export type EventMatcher = (event: EventFacts) => boolean;

/** A reason the query cannot be evaluated (e.g. a relative time without a reference). */
export class QueryEvaluationError extends Error {}

/** Resolves a `time` node to epoch ms. */
export function timeBound(node: Extract<QueryNode, { kind: 'time' }>, context: MatchContext): number {
  if (node.anchor.kind === 'reference') {
    if (context.reference === null)
      throw new QueryEvaluationError(
        `${node.bound}: a relative time needs a reference time (select an event first, or write an absolute time)`,
      );
    return context.reference + node.offsetMs;
  }
  const p = node.anchor.parts;
  const zone = node.anchor.zone ?? context.zone;
  const at = partsToEpoch({ ...p, offsetMinutes: null }, zone);
  if (at === null)
    throw new QueryEvaluationError(
      `${node.bound}: ${p.year}-${p.month}-${p.day} is not a time that exists in zone ${zone}`,
    );
  return at + node.offsetMs;
}

/** Whether `needle` (lowercase) occurs in `lower` with its word edges on token boundaries. */
export function containsPhrase(lower: string, needle: string): boolean {
  if (needle === '') return true;
  const guardStart = isWordChar(needle.charCodeAt(0));
  const guardEnd = isWordChar(needle.charCodeAt(needle.length - 1));
  let at = lower.indexOf(needle);
  while (at >= 0) {
    const end = at + needle.length;
    const startOk = !guardStart || at === 0 || !isWordChar(lower.charCodeAt(at - 1));
    const endOk = !guardEnd || end === lower.length || !isWordChar(lower.charCodeAt(end));
    if (startOk && endOk) return true;
    at = lower.indexOf(needle, at + 1);
  }
  return false;
}

/**
 * One event being tested, with what the tests derive from its text (lowercase, tokens, ids)
 * computed once however many queries look at it.
 */
export interface Scratch {
  facts: EventFacts;
  lower: string | null;
  tokens: Set<string> | null;
  ids: Set<string> | null;
}

/** A fresh {@link Scratch} for one event. */
export function scratchOf(facts: EventFacts): Scratch {
  return { facts, lower: null, tokens: null, ids: null };
}

const lowerOf = (s: Scratch) => (s.lower ??= s.facts.text.toLowerCase());
const tokensOf = (s: Scratch) => (s.tokens ??= new Set(tokenize(lowerOf(s))));
function idsOf(s: Scratch): Set<string> {
  if (s.ids) return s.ids;
  s.ids = new Set();
  for (const found of extractIds(s.facts.text)) for (const key of idKeys(found)) s.ids.add(key);
  return s.ids;
}

/** A compiled query over a {@link Scratch}. */
export type Test = (s: Scratch) => boolean;

function compile(node: QueryNode, context: MatchContext): Test {
  switch (node.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const parts = node.children.map((c) => compile(c, context));
      return (s) => parts.every((p) => p(s));
    }
    case 'or': {
      const parts = node.children.map((c) => compile(c, context));
      return (s) => parts.some((p) => p(s));
    }
    case 'not': {
      const inner = compile(node.child, context);
      return (s) => !inner(s);
    }
    case 'term':
      return node.prefix ? prefixTest(node.text.toLowerCase()) : termTest(node.text.toLowerCase());
    case 'phrase': {
      const needle = node.text.toLowerCase();
      return (s) => containsPhrase(lowerOf(s), needle);
    }
    case 'regex': {
      // Bounded: a regex that backtracks for ever on one line must not hang a search (boundedRegex.ts).
      const compiled = compileBoundedRegex(node.source, node.flags);
      if (!compiled.ok) throw new Error(`search: /${node.source}/${node.flags}: ${compiled.error}`);
      const regex = compiled.value;
      return (s) => regex.test(s.facts.text);
    }
    case 'level': {
      const rank = levelRank(node.level);
      const op = node.op;
      return (s) => compare(levelRank(s.facts.level), op, rank);
    }
    case 'field': {
      const test = compileGlob(node.glob, { ignoreCase: true });
      const field = node.field;
      return (s) => test(field === 'file' ? s.facts.path : s.facts[field]);
    }
    case 'id': {
      const key = normalizeIdQuery(node.value)?.key ?? node.value.toLowerCase();
      return (s) => idsOf(s).has(key);
    }
    case 'template': {
      const id = node.id;
      return (s) => s.facts.template === id;
    }
    case 'time': {
      const bound = timeBound(node, context);
      return node.bound === 'after'
        ? (s) => s.facts.time !== null && s.facts.time >= bound
        : (s) => s.facts.time !== null && s.facts.time <= bound;
    }
  }
}

function termTest(lowered: string): Test {
  const tokens = tokenize(lowered);
  if (tokens.length === 0) return (s) => lowerOf(s).includes(lowered);
  if (tokens.length === 1 && tokens[0] === lowered)
    return (s) => lowerOf(s).includes(lowered) && tokensOf(s).has(lowered);
  return (s) => lowerOf(s).includes(lowered) && tokens.every((t) => tokensOf(s).has(t));
}

function prefixTest(lowered: string): Test {
  const tokens = tokenize(lowered);
  if (tokens.length === 0) return (s) => lowerOf(s).includes(lowered);
  const last = tokens[tokens.length - 1];
  const whole = tokens.slice(0, -1);
  const single = tokens.length === 1 && last === lowered;
  return (s) => {
    // Either way the written prefix is a substring: a cheap first cut.
    if (!lowerOf(s).includes(single ? last : lowered)) return false;
    const set = tokensOf(s);
    // A token that starts with the whole prefix (an IP or UUID prefix is one token's start)…
    if (!single) for (const t of set) if (t.startsWith(lowered)) return true;
    // …or the prefix's own words, the last one as a prefix (`req-3f2a*`).
    if (!whole.every((t) => set.has(t))) return false;
    for (const t of set) if (t.startsWith(last)) return true;
    return false;
  };
}

/** `a op b` for the comparison operators of `level:`. */
export function compare(a: number, op: '=' | '>=' | '>' | '<=' | '<', b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
  }
}

/**
 * Prepares `query` for testing events. Throws {@link QueryEvaluationError} when it cannot be
 * evaluated in this context (a relative time and no reference).
 */
export function compileMatcher(query: QueryNode, context: MatchContext): EventMatcher {
  const test = compile(query, context);
  return (facts) => test(scratchOf(facts));
}

/** {@link compileMatcher} for queries that test the same events: the scratch is shared between them. */
export function compileTest(query: QueryNode, context: MatchContext): Test {
  return compile(query, context);
}
