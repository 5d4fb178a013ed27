/**
 * Runs the query rules over a case index. Each rule's query goes through the same search as
 * the search box (the index narrows, the raw text decides), so a finding is reproducible by
 * pasting its query; `requires` then keeps only events with a partner event nearby in time
 * or on the same request id. Matches are aggregated per rule × component.
 */
import { isDocumentPath } from '../../../shared/components/documents.ts';
import { extractIds, idKeys } from '../../../shared/ids/extractIds.ts';
import { epochMs, LEVELS, lineNo } from '../../../shared/model.ts';
import {
  compareFindings,
  makeFinding,
  splitComponent,
  type Evidence,
  type Finding,
} from '../../../shared/rules/finding.ts';
import type { FaultPlace, Side, Topology } from '../../../shared/rules/faultPlace.ts';
import type { CompiledRule } from '../../../shared/rules/ruleSpec.ts';
import { positiveTerms, type QueryNode } from '../../../shared/search/queryLanguage.ts';
import type { Bitmap } from '../index/bitmap.ts';
import { MAX_EVENT_LINES, type CaseIndex } from '../index/caseIndex.ts';
import { matchingEvents } from '../index/searchIndex.ts';

/** Options of {@link evaluateRules}. */
export interface EvaluateOptions {
  /** Evidence lines kept per finding (default 5: the earliest ones and the last). */
  evidence?: number;
  signal?: AbortSignal;
  /** Called after each rule with how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Places the findings of rules with a `placement` (without it, every rule keeps its category). */
  topology?: Topology;
}

/** Folders a host's own tree starts with: a bundle's first folder that is none of them names a host. */
const ROOT_FOLDERS = new Set([
  'var',
  'opt',
  'etc',
  'usr',
  'home',
  'root',
  'tmp',
  'log',
  'logs',
  'proc',
  'sys',
  'run',
  'sos_commands',
  'sos_reports',
  'c:',
  'program files',
  'program files (x86)',
  'programdata',
  'windows',
]);

/**
 * The side of the host each file's log was written on, for system logs that name no product
 * module: the side most of the product's files of the same host (input bundle and nested
 * archive) are on.
 */
function hostSides(index: CaseIndex, topology: Topology): (file: number) => Side | null {
  const hostOf = (path: string, bundle: number) => {
    const nested = path.lastIndexOf('!/') + 1;
    const inner = path.slice(nested === 0 ? 0 : nested + 1);
    // A bundle of several hosts holds one folder per host (console01/var/log/…).
    const first = inner.includes('/') ? inner.slice(0, inner.indexOf('/')) : '';
    const host = ROOT_FOLDERS.has(first.toLowerCase()) ? '' : first;
    return `${bundle}\0${path.slice(0, nested)}\0${host}`;
  };
  const votes = new Map<string, Map<Side, number>>();
  for (const f of index.files) {
    const side = topology.sideOfModule(f.record.module);
    if (!side) continue;
    const key = hostOf(f.record.path, f.record.bundle);
    let count = votes.get(key);
    if (!count) votes.set(key, (count = new Map()));
    count.set(side, (count.get(side) ?? 0) + 1);
  }
  const chosen = new Map<string, Side>();
  for (const [key, count] of votes) chosen.set(key, [...count].sort((a, b) => b[1] - a[1])[0][0]);
  const byFile = index.files.map((f) => chosen.get(hostOf(f.record.path, f.record.bundle)) ?? null);
  return (file) => byFile[file] ?? null;
}

/** How many matching events of a finding are read for request ids. */
const ID_SAMPLE = 200;
const MAX_REQUEST_IDS = 20;

function requestIdsOf(index: CaseIndex, event: number): string[] {
  return extractIds(index.eventText(event))
    .filter((found) => found.kind === 'request')
    .map((found) => found.value);
}

/** The keys a request id pairs on, as `trace` reads them (`req-<uuid>` is also its bare uuid). */
function requestKeysOf(index: CaseIndex, event: number): string[] {
  return extractIds(index.eventText(event))
    .filter((found) => found.kind === 'request')
    .flatMap((found) => idKeys(found));
}

/** Keeps the events of `events` that have another event matching the rule's `requires`. */
function withPartners(index: CaseIndex, rule: CompiledRule, events: Bitmap, signal?: AbortSignal): Bitmap {
  const requires = rule.requires!;
  const partners =
    index.standingHits(rule.spec.requires!.query) ?? matchingEvents(index, requires.query, { signal }).events;
  const time = index.events.time;
  const window = requires.withinMs;
  const kept = events.clone();
  if (requires.sameRequest) {
    const byKey = new Map<string, number[]>();
    partners.forEach((p) => {
      for (const key of new Set(requestKeysOf(index, p))) {
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push(p);
      }
    });
    events.forEach((e) => {
      const ok = requestKeysOf(index, e).some((key) =>
        (byKey.get(key) ?? []).some((p) => p !== e && (window === null || Math.abs(time[p] - time[e]) <= window)),
      );
      if (!ok) kept.remove(e);
    });
    return kept;
  }
  // Partners with a time, in time order; an event is never its own partner.
  const order = Array.from(partners.toArray()).filter((p) => !Number.isNaN(time[p]));
  order.sort((a, b) => time[a] - time[b]);
  const w = window ?? 0;
  events.forEach((e) => {
    const t = time[e];
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[order[mid]] < t - w) lo = mid + 1;
      else hi = mid;
    }
    while (lo < order.length && order[lo] === e) lo++;
    if (Number.isNaN(t) || lo === order.length || time[order[lo]] > t + w) kept.remove(e);
  });
  return kept;
}

/** Tests whether one line carries a positive word, phrase or regex of the rule's query. */
function lineMatcher(query: QueryNode): (line: string) => boolean {
  const { terms, phrases, regexes } = positiveTerms(query);
  const words = [...terms, ...phrases].map((w) => w.toLowerCase().replace(/\*$/, ''));
  const patterns = regexes.map((r) => new RegExp(r.source, r.flags.replace(/[gy]/g, '')));
  return (line) => {
    const lower = line.toLowerCase();
    return words.some((w) => w !== '' && lower.includes(w)) || patterns.some((r) => r.test(line));
  };
}

interface Group {
  component: number;
  /** Where the first event of the group was placed (the group holds one side). */
  place: FaultPlace | null;
  count: number;
  first: number;
  last: number;
  /** Earliest events (by time, then id), at most `evidence` of them, and the latest one. */
  earliest: number[];
  latest: number;
  sampled: number[];
}

function evidenceOf(index: CaseIndex, event: number, matches: (line: string) => boolean): Evidence {
  const file = index.fileOf(event);
  const t = index.events.time[event];
  const lines = index.eventLines(event, MAX_EVENT_LINES);
  const evidence: Evidence = {
    path: file.record.path,
    line: lineNo(index.events.line[event]),
    text: lines[0] ?? '',
    time: Number.isNaN(t) ? null : epochMs(t),
    level: LEVELS[index.events.level[event]],
    event,
  };
  // The words that matched may be in the traceback below the first line: show that line too.
  if (lines.length > 1 && !matches(lines[0])) {
    const at = lines.findIndex((line, i) => i > 0 && matches(line));
    if (at > 0) evidence.match = { line: lineNo(index.events.line[event] + at), text: lines[at] };
  }
  return evidence;
}

/** Quotes a glob for a query when it needs it. */
function fieldValue(value: string): string {
  return /^[\w.*?-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Findings of the query rules, most severe first. Artifact rules are skipped here. */
export function evaluateRules(
  index: CaseIndex,
  rules: readonly CompiledRule[],
  options: EvaluateOptions = {},
): Finding[] {
  const keep = options.evidence ?? 5;
  const time = index.events.time;
  // Earliest: events without a time sort after every timed one. Latest: a timed event wins over
  // any untimed one, so the last evidence line agrees with `lastTime`. Ties by id keep file order.
  const before = (a: number, b: number) => {
    const ta = Number.isNaN(time[a]) ? Infinity : time[a];
    const tb = Number.isNaN(time[b]) ? Infinity : time[b];
    return ta - tb || a - b;
  };
  const later = (a: number, b: number) => {
    const ta = Number.isNaN(time[a]) ? -Infinity : time[a];
    const tb = Number.isNaN(time[b]) ? -Infinity : time[b];
    return ta - tb || a - b;
  };
  const findings: Finding[] = [];
  // Specific rules first: the events they explain are taken from the generic ones (a traceback
  // that a named rule explains is not also "an unhandled traceback").
  const queryRules = rules
    .filter((r) => r.query !== null)
    .sort((a, b) => Number(a.spec.generic === true) - Number(b.spec.generic === true));
  let explained: Bitmap | null = null;
  const topology = options.topology;
  let hostSideOf: ((file: number) => Side | null) | null = null;
  const documents = index.files.map((f) => isDocumentPath(f.record.path));
  queryRules.forEach((rule, done) => {
    if (options.signal?.aborted) throw new Error('cancelled');
    // Answered while the case was read, when the rule's query was known then; else searched now.
    let events =
      index.standingHits(rule.spec.query!) ?? matchingEvents(index, rule.query!, { signal: options.signal }).events;
    const matches = lineMatcher(rule.query!);
    if (rule.requires && !events.isEmpty()) events = withPartners(index, rule, events, options.signal);
    if (rule.spec.generic) {
      if (explained) events = events.clone().andNot(explained);
    } else if (!events.isEmpty()) explained = explained ? explained.or(events) : events.clone();
    const groups = new Map<string, Group>();
    const placement = topology ? rule.spec.placement : undefined;
    events.forEach((e) => {
      const file = index.fileOf(e);
      const component = file.component;
      // Documents quote errors as examples: never evidence.
      if (documents[index.events.file[e]]) return;
      hostSideOf ??= topology ? hostSides(index, topology) : null;
      const hostSide = hostSideOf ? hostSideOf(index.events.file[e]) : null;
      let place: FaultPlace | null = null;
      if (placement && topology)
        place = topology.place({
          placement,
          module: file.record.module,
          component: file.record.component,
          text: index.eventText(e),
          hostSide,
        });
      // A generic symptom in a log that is neither the product's nor on a host of the product
      // (a desktop app, a cluster node's NFS, a document), and whose line names no part of the
      // product either, is not evidence of this case.
      if (rule.spec.generic && topology && !place && !hostSide && !topology.sideOfModule(file.record.module)) return;
      // One finding per component and side: a component that fails towards two sides says both.
      const key = place ? `${component}\0${place.side}` : String(component);
      let g = groups.get(key);
      if (!g)
        groups.set(
          key,
          (g = { component, place, count: 0, first: NaN, last: NaN, earliest: [], latest: e, sampled: [] }),
        );
      g.count++;
      const t = time[e];
      if (!Number.isNaN(t)) {
        if (!(t >= g.first)) g.first = t;
        if (!(t <= g.last)) g.last = t;
      }
      if (later(g.latest, e) < 0) g.latest = e;
      if (g.earliest.length < keep || before(e, g.earliest[g.earliest.length - 1]) < 0) {
        g.earliest.push(e);
        g.earliest.sort(before);
        if (g.earliest.length > keep) g.earliest.pop();
      }
      if (g.sampled.length < ID_SAMPLE) g.sampled.push(e);
    });
    for (const g of groups.values()) {
      if (g.count < rule.minCount) continue;
      const chosen = g.earliest.includes(g.latest)
        ? g.earliest
        : [...g.earliest.slice(0, Math.max(0, keep - 1)), g.latest];
      const idCounts = new Map<string, number>();
      for (const e of new Set([...chosen, ...g.sampled]))
        for (const id of requestIdsOf(index, e)) idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
      const [module, component] = splitComponent(index.components[g.component]);
      const spec = rule.spec;
      findings.push(
        makeFinding(
          spec,
          {
            module,
            component,
            count: g.count,
            firstTime: Number.isNaN(g.first) ? null : epochMs(g.first),
            lastTime: Number.isNaN(g.last) ? null : epochMs(g.last),
            evidence: chosen.map((e) => evidenceOf(index, e, matches)),
            requestIds: [...idCounts]
              .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
              .slice(0, MAX_REQUEST_IDS)
              .map(([id]) => id),
            query: `(${spec.query}) module:${fieldValue(module)} component:${fieldValue(component)}`,
          },
          g.place && topology ? { place: g.place, category: topology.categoryOf(g.place.side) } : undefined,
        ),
      );
    }
    options.onProgress?.(done + 1, queryRules.length);
  });
  return findings.sort(compareFindings);
}
