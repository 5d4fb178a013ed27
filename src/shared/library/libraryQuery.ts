/**
 * A Tarsier query run over the library: each past case's templates (as events of their level)
 * and pinned lines (as events of unknown level, on the pinned file's path) are tested with the
 * query language's reference semantics (search/matchEvent.ts). The rule dialog's "matches N past
 * cases" count. A template's variable parts are `<*>`, so a query on a value matches its pinned
 * lines but not its templates.
 */
import { newestFirst, refOf } from './libraryCase.ts';
import type { LibraryCase, LibraryQueryMatches } from './libraryModel.ts';
import { compileMatcher, QueryEvaluationError, type EventFacts } from '../search/matchEvent.ts';
import { parseQuery } from '../search/queryLanguage.ts';

/** Past cases a query answer names at most. */
export const MAX_QUERY_REFS = 20;

/**
 * How many past cases, templates and pinned lines match `query`, or why it cannot be run; the
 * case whose key is `exceptKey` (the open one, saved in the library too) is not counted.
 */
export function libraryQueryMatches(
  query: string,
  cases: Iterable<LibraryCase>,
  exceptKey: string | null = null,
): { ok: true; value: LibraryQueryMatches } | { ok: false; error: string } {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { ok: false, error: `${parsed.error.message} at ${parsed.error.position}` };
  let matches: (event: EventFacts) => boolean;
  try {
    matches = compileMatcher(parsed.query, { zone: 'UTC', reference: null });
  } catch (error) {
    if (error instanceof QueryEvaluationError) return { ok: false, error: error.message };
    throw error;
  }
  const hits: LibraryCase[] = [];
  let templates = 0;
  let pins = 0;
  for (const c of cases) {
    if (c.key === exceptKey) continue;
    let hit = false;
    for (const t of c.templates) {
      const event: EventFacts = { text: t.text, level: t.level, module: '', component: '', path: '', time: null };
      if (test(matches, event)) {
        templates++;
        hit = true;
      }
    }
    for (const p of c.pins) {
      const event: EventFacts = { text: p.text, level: 'unknown', module: '', component: '', path: p.path, time: null };
      if (test(matches, event)) {
        pins++;
        hit = true;
      }
    }
    if (hit) hits.push(c);
  }
  hits.sort(newestFirst);
  return { ok: true, value: { cases: hits.length, templates, pins, refs: hits.slice(0, MAX_QUERY_REFS).map(refOf) } };
}

/** A query that cannot be decided on a line (a relative time) matches none of them. */
function test(matches: (event: EventFacts) => boolean, event: EventFacts): boolean {
  try {
    return matches(event);
  } catch (error) {
    if (error instanceof QueryEvaluationError) return false;
    throw error;
  }
}
