/**
 * Follows an id across the case: every event that carries it (all modules, time order), then
 * one hop further through the ids those events also carry — a request id leads to its workflow
 * execution id, which leads to the Mistral lines that carry only the execution id.
 */
import { extractIds, idKeys, normalizeIdQuery, type FoundId } from '../../../shared/ids/extractIds.ts';
import { LEVELS, type EpochMs } from '../../../shared/model.ts';
import type { RelatedId, TraceEvent, TraceResult } from '../../../shared/caseViews.ts';
import { ID_PREFIX, idTerm, type CaseIndex } from './caseIndex.ts';
import { forEachLocal, termAt } from './casePostings.ts';

/** Roles whose ids are followed automatically on the second hop (they name one piece of work). */
const FOLLOWED_ROLES = new Set([
  'execution',
  'task',
  'action',
  'global-request',
  'x-request-id',
  'trace',
  'cloudpods-rid',
]);
/** Events read for second-hop ids, at most (a busy id's first events say enough). */
const HOP_SAMPLE = 400;
/** An id on more events than this is a shared resource, not a thread to follow. */
const MAX_FOLLOWED_EVENTS = 5000;

export type { RelatedId, TraceEvent, TraceResult } from '../../../shared/caseViews.ts';

/** Traces `input` (a request id, resource uuid, Cloudpods rid, IP…). */
export function traceId(index: CaseIndex, input: string, options: { follow?: boolean } = {}): TraceResult {
  const normalized = normalizeIdQuery(input.trim());
  const key = normalized?.key ?? input.trim().toLowerCase();
  const own = new Set([key, ...extractIds(input).flatMap((f) => idKeys(f))]);
  const hop0 = index.idEvents(key);
  const seen = new Map<number, { hop: 0 | 1; via: string | null }>();
  for (const e of hop0) seen.set(e, { hop: 0, via: null });

  const together = new Map<string, { found: FoundId; count: number }>();
  const sample = hop0.length <= HOP_SAMPLE ? hop0 : hop0.slice(0, HOP_SAMPLE);
  for (const e of sample) {
    const keys = new Set<string>();
    for (const found of extractIds(index.eventText(e))) {
      const k = idKeys(found)[0];
      if (own.has(k) || keys.has(k)) continue;
      keys.add(k);
      const entry = together.get(k);
      if (entry) entry.count++;
      else together.set(k, { found, count: 1 });
    }
  }
  const related: RelatedId[] = [];
  for (const [k, { found, count }] of together) {
    // Counted first: a project or user id is on a large share of the case, and only followed ids are read.
    const { term, exact } = idTerm(k);
    const total = index.postings.count(term);
    const follow =
      options.follow !== false &&
      (found.kind === 'request' ||
        (found.kind === 'resource' && found.role !== null && FOLLOWED_ROLES.has(found.role))) &&
      total <= MAX_FOLLOWED_EVENTS;
    related.push({
      id: found.value,
      kind: found.kind,
      role: found.role,
      together: count,
      events: total,
      followed: follow,
    });
    if (!follow) continue;
    for (const e of exact ? index.postings.events(term) : index.idEvents(k))
      if (!seen.has(e)) seen.set(e, { hop: 1, via: found.value });
  }
  related.sort((a, b) => Number(b.followed) - Number(a.followed) || b.together - a.together || a.events - b.events);

  const { rank } = index.timeline;
  const ordered = [...seen.keys()].sort((a, b) => rank[a] - rank[b]);
  const events: TraceEvent[] = ordered.map((e) => ({ ...index.view(e), ...seen.get(e)! }));
  const components = [...new Set(events.map((e) => `${e.module}/${e.component}`))];
  const errorRank = LEVELS.indexOf('error');
  let first: EpochMs | null = null;
  let last: EpochMs | null = null;
  for (const e of events) {
    if (e.time === null) continue;
    if (first === null || e.time < first) first = e.time;
    if (last === null || e.time > last) last = e.time;
  }
  return {
    id: input.trim(),
    key,
    kind: normalized?.kind ?? (index.isRequestId(key) ? 'request' : null),
    events,
    related,
    components,
    errors: events.filter((e) => LEVELS.indexOf(e.level) >= errorRank).length,
    firstTime: first,
    lastTime: last,
  };
}

/** A request id worth attention, for the report's `requests[]`. */
export interface RequestSummary {
  id: string;
  role: string | null;
  components: string[];
  events: number;
  errors: number;
  warnings: number;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
}

/**
 * Request ids carried by at least one warning or error, most errors first. Two passes over the
 * segments' request terms: one finds the ids with a warning or error somewhere, the other sums
 * every event of those ids (a request crosses files, so one segment cannot tell).
 */
export function requestsOfInterest(index: CaseIndex, limit = 500): RequestSummary[] {
  const errorRank = LEVELS.indexOf('error');
  const warningRank = LEVELS.indexOf('warning');
  const { level, time, file } = index.events;
  const segments = index.postings.segments;
  const interesting = new Set<string>();
  for (const s of segments) {
    for (const t of s.requests) {
      let hit = false;
      forEachLocal(s, t, (local) => {
        if (level[s.base + local] >= warningRank) hit = true;
      });
      if (hit) interesting.add(termAt(s.terms, t).slice(ID_PREFIX.length));
    }
  }
  // Second pass: every event of those ids, read where each segment holds them (no lookups).
  const summaries = new Map<
    string,
    {
      events: number;
      errors: number;
      warnings: number;
      first: number;
      last: number;
      components: Set<number>;
      sample: number;
    }
  >();
  for (const s of segments) {
    for (const t of s.requests) {
      const key = termAt(s.terms, t).slice(ID_PREFIX.length);
      if (!interesting.has(key)) continue;
      let sum = summaries.get(key);
      if (!sum)
        summaries.set(
          key,
          (sum = {
            events: 0,
            errors: 0,
            warnings: 0,
            first: Number.POSITIVE_INFINITY,
            last: Number.NEGATIVE_INFINITY,
            components: new Set(),
            sample: -1,
          }),
        );
      const into = sum;
      forEachLocal(s, t, (local) => {
        const e = s.base + local;
        if (into.sample < 0 || e < into.sample) into.sample = e;
        into.events++;
        if (level[e] >= errorRank) into.errors++;
        else if (level[e] === warningRank) into.warnings++;
        if (time[e] < into.first) into.first = time[e];
        if (time[e] > into.last) into.last = time[e];
        into.components.add(index.files[file[e]].component);
      });
    }
  }
  const out: RequestSummary[] = [];
  for (const [key, sum] of summaries) {
    // The role (global request, x-request-id, trace…) as the text says it, on the id's first event.
    const found = extractIds(index.eventText(sum.sample)).find(
      (f) => f.kind === 'request' && (f.value === key || f.value === `req-${key}`),
    );
    out.push({
      id: found?.value ?? key,
      role: found?.role ?? null,
      components: [...sum.components].map((c) => index.components[c]).sort(),
      events: sum.events,
      errors: sum.errors,
      warnings: sum.warnings,
      firstTime: Number.isFinite(sum.first) ? (sum.first as EpochMs) : null,
      lastTime: Number.isFinite(sum.last) ? (sum.last as EpochMs) : null,
    });
  }
  out.sort(
    (a, b) =>
      b.errors - a.errors ||
      b.warnings - a.warnings ||
      b.components.length - a.components.length ||
      (a.id < b.id ? -1 : 1),
  );
  return out.slice(0, limit);
}
