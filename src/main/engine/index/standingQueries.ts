/**
 * Queries known before the first byte is read (the diagnostic rules', typically), answered while
 * the bundle is read: each ingest thread tests every event it cuts against the queries that can
 * match it — decided per file and level from what a query says about modules, components, files
 * and levels (shared/search/queryScope.ts), so most events are tested against none — with one
 * shared scratch per event (its text lowercased and tokenized once for all queries). The hits
 * come back with the segment; a rule then reads its events instead of searching for them.
 * The semantics are search's own (shared/search/matchEvent.ts), on the same event text.
 */
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

/** For one file: per level rank, the queries its events at that level may match. */
export function candidatesForFile(queries: readonly StandingQuery[], file: Omit<KnownFacts, 'level'>): number[][] {
  return LEVELS.map((level: Level) => {
    const out: number[] = [];
    queries.forEach((q, i) => {
      if (verdictOf(q.query, { ...file, level }) !== false) out.push(i);
    });
    return out;
  });
}
