/**
 * What the events view does with query text: resolve `after:-5m` against the selected event
 * (the engine's search takes no reference time), toggle a component filter from a chip, and
 * find the words a hit must contain (highlighter.tsx marks them). No React: unit tested.
 */
import {
  formatQuery,
  parseQuery,
  positiveTerms,
  type QueryError,
  type QueryNode,
} from '../../../../shared/search/queryLanguage.ts';
import { utcParts } from '../../../../shared/time.ts';

/** The query to send: the text itself, or a rewrite with relative times made absolute. */
export type Prepared =
  { kind: 'ok'; query: string; node: QueryNode } | { kind: 'syntax'; error: QueryError } | { kind: 'needsReference' };

function mapTimes(node: QueryNode, reference: number): QueryNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((c) => mapTimes(c, reference)) };
    case 'not':
      return { ...node, child: mapTimes(node.child, reference) };
    case 'time': {
      if (node.anchor.kind !== 'reference') return node;
      return { ...node, anchor: { kind: 'absolute', parts: utcParts(reference), zone: 'UTC' } };
    }
    default:
      return node;
  }
}

function hasReference(node: QueryNode): boolean {
  if (node.kind === 'and' || node.kind === 'or') return node.children.some(hasReference);
  if (node.kind === 'not') return hasReference(node.child);
  return node.kind === 'time' && node.anchor.kind === 'reference';
}

/** Parses `text`; relative times are measured from `reference` (the selected event's time). */
export function prepareQuery(text: string, reference: number | null): Prepared {
  const parsed = parseQuery(text);
  if (!parsed.ok) return { kind: 'syntax', error: parsed.error };
  if (!hasReference(parsed.query)) return { kind: 'ok', query: text.trim(), node: parsed.query };
  if (reference === null) return { kind: 'needsReference' };
  const node = mapTimes(parsed.query, reference);
  return { kind: 'ok', query: formatQuery(node), node };
}

/**
 * The query sent for `query` within a time range: the range as `after:`/`before:` bounds in UTC
 * (exact to the millisecond, whatever the case's zone), the query bracketed so an OR stays inside.
 */
export function withRange(query: string, range: { from: number; to: number } | null): string {
  if (range === null) return query;
  const bounds = `after:${new Date(range.from).toISOString()} before:${new Date(range.to).toISOString()}`;
  return query === '' ? bounds : `(${query}) ${bounds}`;
}

/** `nova/nova-api` → its module and component. */
export function splitComponent(key: string): { module: string; component: string } {
  const cut = key.indexOf('/');
  return cut < 0 ? { module: '', component: key } : { module: key.slice(0, cut), component: key.slice(cut + 1) };
}

const topLevel = (node: QueryNode): QueryNode[] =>
  node.kind === 'all' ? [] : node.kind === 'and' ? node.children : [node];
const isSourceFilter = (n: QueryNode): boolean =>
  n.kind === 'field' && (n.field === 'module' || n.field === 'component');

/** Whether the query's top level filters on this component (and its module, when given). */
export function filtersComponent(text: string, component: string, module: string | null): boolean {
  const parsed = parseQuery(text);
  if (!parsed.ok) return false;
  const items = topLevel(parsed.query);
  const has = (field: 'module' | 'component', glob: string): boolean =>
    items.some((n) => n.kind === 'field' && n.field === field && n.glob === glob);
  return has('component', component) && (module === null || has('module', module));
}

/**
 * The query with its top-level `module:` / `component:` filters replaced by this component's,
 * or removed when it already filters on exactly this component (a chip toggles).
 */
export function toggleComponent(text: string, component: string, module: string | null): string {
  const parsed = parseQuery(text);
  if (!parsed.ok) return text;
  const active = filtersComponent(text, component, module);
  const kept = topLevel(parsed.query).filter((n) => !isSourceFilter(n));
  if (!active) {
    if (module !== null) kept.push({ kind: 'field', field: 'module', glob: module });
    kept.push({ kind: 'field', field: 'component', glob: component });
  }
  const node: QueryNode =
    kept.length === 0 ? { kind: 'all' } : kept.length === 1 ? kept[0] : { kind: 'and', children: kept };
  return formatQuery(node);
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Characters of a row's text shown in a list cell. */
export const SHOWN_CHARS = 1200;
const LEAD_CHARS = 40;
const MAX_MATCHES = 200;

function idValues(node: QueryNode, negated: boolean, out: string[]): void {
  if (node.kind === 'and' || node.kind === 'or') for (const c of node.children) idValues(c, negated, out);
  else if (node.kind === 'not') idValues(node.child, !negated, out);
  else if (node.kind === 'id' && !negated) out.push(node.value);
}

/** The patterns a hit of `node` matches: its positive words, phrases and ids (longest first), and its regexes. */
export function highlightPatterns(node: QueryNode | null): RegExp[] {
  const patterns: RegExp[] = [];
  if (!node) return patterns;
  const { terms, phrases, regexes } = positiveTerms(node);
  const ids: string[] = [];
  idValues(node, false, ids);
  const literals = [...terms, ...phrases, ...ids].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (literals.length > 0) patterns.push(new RegExp(literals.map(escapeRegex).join('|'), 'gi'));
  for (const r of regexes) {
    try {
      patterns.push(new RegExp(r.source, `${r.flags.replace(/[^imsu]/g, '')}g`));
    } catch {
      // The engine reports bad regexes; highlighting simply skips them.
    }
  }
  return patterns;
}

/** A piece of the shown text: `marked` when a pattern matched it; `at` is its offset in the row's text. */
export interface Segment {
  text: string;
  marked: boolean;
  at: number;
}

/**
 * The shown part of `text` (at most SHOWN_CHARS) cut into plain and marked segments; an
 * ellipsis segment leads when the text starts after a cut. `fromStart` (the detail pane, which
 * wraps) always starts at the line's first character.
 */
export function highlightSegments(patterns: readonly RegExp[], text: string, fromStart = false): Segment[] {
  const ranges: [number, number][] = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text), n = 0; m !== null && n < MAX_MATCHES; m = re.exec(text), n++) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  if (ranges.length === 0) return [{ text: text.slice(0, SHOWN_CHARS), marked: false, at: 0 }];
  ranges.sort((a, b) => a[0] - b[0]);
  // A first hit far to the right would be cut off by the column: start the text a little before it.
  const from = !fromStart && ranges[0][0] > 120 ? ranges[0][0] - LEAD_CHARS : 0;
  const to = Math.min(text.length, from + SHOWN_CHARS);
  const out: Segment[] = from > 0 ? [{ text: '…', marked: false, at: -1 }] : [];
  let at = from;
  for (const [s, e] of ranges) {
    if (s >= to) break;
    if (e <= at) continue;
    const start = Math.max(s, at);
    if (start > at) out.push({ text: text.slice(at, start), marked: false, at });
    const end = Math.min(e, to);
    out.push({ text: text.slice(start, end), marked: true, at: start });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to), marked: false, at });
  return out;
}

// —— Level toggles and filter-out chips (issue 17): they edit the query's top level, so the
// engine does the filtering and the counts stay right.

/** The levels the toggles beside the search box hide and show, and what `-level:…` each adds. */
export const LEVEL_TOGGLES = [
  { level: 'error', node: { kind: 'level', op: '>=', level: 'error' } },
  { level: 'warning', node: { kind: 'level', op: '=', level: 'warning' } },
  { level: 'info', node: { kind: 'level', op: '=', level: 'info' } },
  { level: 'debug', node: { kind: 'level', op: '<=', level: 'debug' } },
] as const satisfies readonly { level: string; node: QueryNode }[];

export type ToggleLevel = (typeof LEVEL_TOGGLES)[number]['level'];

const sameNode = (a: QueryNode, b: QueryNode): boolean => formatQuery(a) === formatQuery(b);
const joinTop = (items: QueryNode[]): string =>
  formatQuery(items.length === 0 ? { kind: 'all' } : items.length === 1 ? items[0] : { kind: 'and', children: items });
const hider = (level: ToggleLevel): QueryNode => ({
  kind: 'not',
  child: LEVEL_TOGGLES.find((x) => x.level === level)!.node,
});

/** The toggled levels the query's top level hides (by its `-level:…` items). */
export function hiddenLevels(text: string): Set<ToggleLevel> {
  const parsed = parseQuery(text);
  const out = new Set<ToggleLevel>();
  if (!parsed.ok) return out;
  const items = topLevel(parsed.query);
  for (const x of LEVEL_TOGGLES) if (items.some((n) => sameNode(n, hider(x.level)))) out.add(x.level);
  return out;
}

/** The query with this level hidden (a `-level:…` item added) or shown again (removed); a bad query stays. */
export function toggleLevel(text: string, level: ToggleLevel): string {
  const parsed = parseQuery(text);
  if (!parsed.ok) return text;
  const items = topLevel(parsed.query);
  const node = hider(level);
  const kept = items.filter((n) => !sameNode(n, node));
  if (kept.length === items.length) kept.push(node);
  return joinTop(kept);
}

/** A filter-out chip: a top-level `-word`, `-"phrase"` or `-/regex/` of the query, as typed back. */
export interface Exclusion {
  /** Its place among the query's top-level items. */
  at: number;
  label: string;
}

const isTextExclusion = (n: QueryNode): boolean =>
  n.kind === 'not' && (n.child.kind === 'term' || n.child.kind === 'phrase' || n.child.kind === 'regex');

/** The query's filter-out chips. */
export function exclusionsOf(text: string): Exclusion[] {
  const parsed = parseQuery(text);
  if (!parsed.ok) return [];
  return topLevel(parsed.query).flatMap((n, at) => (isTextExclusion(n) ? [{ at, label: formatQuery(n) }] : []));
}

/** The query with lines containing `token` left out (a `-token` chip); a bad query or an empty token stays. */
export function addExclusion(text: string, token: string): string {
  const word = token.trim();
  const parsed = parseQuery(text);
  if (!parsed.ok || word === '') return text;
  // `-word` when it reads back as that word, else `-"…"` (formatQuery quotes what it must).
  const child: QueryNode = /\s/.test(word)
    ? { kind: 'phrase', text: word }
    : { kind: 'term', text: word, prefix: false };
  const back = parseQuery(formatQuery({ kind: 'not', child }));
  if (!back.ok) return text;
  const chosen = back.query;
  const items = topLevel(parsed.query);
  if (items.some((n) => sameNode(n, chosen))) return text;
  return joinTop([...items, chosen]);
}

/** The query without the top-level item at `at` (a chip's ×). */
export function removeTopLevel(text: string, at: number): string {
  const parsed = parseQuery(text);
  if (!parsed.ok) return text;
  return joinTop(topLevel(parsed.query).filter((_, i) => i !== at));
}

const TOKEN_CHAR = /[\p{L}\p{N}_\-.:/@]/u;

/**
 * The word of `text` around `offset` (an Alt-click's caret): letters, digits and `_-.:/@`, without
 * the punctuation that ends a sentence; null on a space or punctuation.
 */
export function tokenAt(text: string, offset: number): string | null {
  let from = Math.min(Math.max(0, offset), text.length);
  let to = from;
  while (from > 0 && TOKEN_CHAR.test(text[from - 1])) from--;
  while (to < text.length && TOKEN_CHAR.test(text[to])) to++;
  const word = text.slice(from, to).replace(/^[.:/@-]+|[.:/@-]+$/g, '');
  return word === '' ? null : word;
}
