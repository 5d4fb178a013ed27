/**
 * Queries known before the first byte is read (the diagnostic rules', typically), answered while
 * the bundle is read: each ingest thread tests every event it cuts against the queries that can
 * match it — decided per file and level from what a query says about modules, components, files
 * and levels (shared/search/queryScope.ts), so most events are tested against none — with one
 * shared scratch per event (its text lowercased and tokenized once for all queries). The hits
 * come back with the segment; a rule then reads its events instead of searching for them.
 * The semantics are search's own (shared/search/matchEvent.ts), on the same event text.
 */
import { compileGlob } from '../../../shared/glob.ts';
import { LEVELS, type Level } from '../../../shared/model.ts';
import { compileTest, type Test } from '../../../shared/search/matchEvent.ts';
import { parseQuery } from '../../../shared/search/queryLanguage.ts';
import { verdictOf, type KnownFacts } from '../../../shared/search/queryScope.ts';
import type { QueryNode } from '../../../shared/search/queryLanguage.ts';

/** A standing query, compiled. */
export interface StandingQuery {
  text: string;
  query: QueryNode;
  test: Test;
}

/**
 * Compiles the queries worth answering while reading: those that parse, need no reference time,
 * and leave out ordinary events by their level (`level:>=warning`…): whatever the file, an
 * info event cannot match them. A query that every event may match would have the reader test
 * every event's text; search answers it faster afterwards, through the index.
 */
export function compileStanding(texts: readonly string[], zone: string): StandingQuery[] {
  const out: StandingQuery[] = [];
  for (const text of new Set(texts)) {
    const parsed = parseQuery(text);
    if (!parsed.ok || verdictOf(parsed.query, { level: 'info' }) !== false) continue;
    try {
      out.push({ text, query: parsed.query, test: compileTest(parsed.query, { zone, reference: null }) });
    } catch {
      // A relative time needs a reference: such a query is answered by search, later.
    }
  }
  return out;
}

type FieldName = 'module' | 'component' | 'file';

/** The `field:glob` filters of a query: all that a query's verdict on a file depends on, besides the level. */
function fieldFilters(
  node: QueryNode,
  out: Map<string, { field: FieldName; glob: string }>,
): Map<string, { field: FieldName; glob: string }> {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) fieldFilters(child, out);
      break;
    case 'not':
      fieldFilters(node.child, out);
      break;
    case 'field':
      out.set(`${node.field}:${node.glob}`, { field: node.field, glob: node.glob });
      break;
  }
  return out;
}

const memos = new WeakMap<
  readonly StandingQuery[],
  { filters: { field: FieldName; test: (value: string) => boolean }[]; memo: Map<string, number[][]> }
>();

/** For one file: per level rank, the queries its events at that level may match. */
export function candidatesForFile(queries: readonly StandingQuery[], file: Omit<KnownFacts, 'level'>): number[][] {
  // Files whose module, component and path pass the same filters get the same answer: 200,000
  // small files ask a handful of questions, not 200,000 (each ~0.5 ms).
  let cache = memos.get(queries);
  if (!cache) {
    const filters = new Map<string, { field: FieldName; glob: string }>();
    for (const q of queries) fieldFilters(q.query, filters);
    cache = {
      filters: [...filters.values()].map(({ field, glob }) => ({
        field,
        test: compileGlob(glob, { ignoreCase: true }),
      })),
      memo: new Map(),
    };
    memos.set(queries, cache);
  }
  let key = '';
  for (const { field, test } of cache.filters) {
    const value = field === 'file' ? file.path : file[field];
    key += value === undefined ? '?' : test(value) ? '1' : '0';
  }
  let known = cache.memo.get(key);
  if (!known) {
    if (cache.memo.size > 4096) cache.memo.clear();
    known = candidatesOf(queries, file);
    cache.memo.set(key, known);
  }
  return known;
}

function candidatesOf(queries: readonly StandingQuery[], file: Omit<KnownFacts, 'level'>): number[][] {
  return LEVELS.map((level: Level) => {
    const out: number[] = [];
    queries.forEach((q, i) => {
      if (verdictOf(q.query, { ...file, level }) !== false) out.push(i);
    });
    return out;
  });
}
