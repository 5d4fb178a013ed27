/**
 * Compare two cases (issue 18): the customer's failing node against a healthy one, or the bundle
 * before a fix against the one after. Pure: the engine summarises each case (its templates,
 * findings, artifacts and configuration lines, compare/caseSummary.ts) and this says what
 * differs — templates only in one case or whose rate changed most, findings in one and not the
 * other, versions, configuration values, pod states and goroutine groups — and how the two
 * timelines line up. Linear in the size of the summaries (maps keyed by text, one sort per list).
 */
import type { EpochMs } from '../model.ts';
import type { LocalizedText, Severity } from '../rules/ruleSpec.ts';

/** How B's timeline is laid on A's: by wall time, each from its first error, or by a chosen event in each. */
export type CompareAlignment = { kind: 'wall' } | { kind: 'first-error' } | { kind: 'event'; a: EpochMs; b: EpochMs };

/** A time range of a case that one side of a comparison is summarised over (epoch ms, both ends included). */
export interface CompareRange {
  from: EpochMs;
  to: EpochMs;
}

/** One message template of a case. */
export interface TemplateSummary {
  /** The template's id in its own case (`template:ID` shows its events there). */
  id: number;
  /** Tokens joined by a space, variables as `<*>`. */
  text: string;
  count: number;
  /** Events at error level or above. */
  errors: number;
  /** Events at warning level. */
  warnings: number;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
}

/** One finding of a case (a rule in a component). */
export interface FindingSummary {
  rule: string;
  title: LocalizedText;
  severity: Severity;
  module: string;
  component: string;
  count: number;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
}

/** A product version a case states. */
export interface VersionSummary {
  /** The service (or, lacking one, where the version was read, relative to the bundle root). */
  service: string;
  version: string;
  path: string;
}

/** One pod of a `kubectl get pods` table. */
export interface PodSummary {
  namespace: string | null;
  name: string;
  status: string;
  ready: number;
  containers: number;
  restarts: number;
  /** The table's file, relative to the bundle root. */
  path: string;
}

/** Goroutines with one top frame and wait state (the largest dump of the case). */
export interface GoroutineSummary {
  topFrame: string;
  state: string | null;
  count: number;
}

/** A `key = value` line of a configuration file (its value redacted when secret). */
export interface ConfigLine {
  /** The file, relative to the bundle root (its top folder, named after the host, removed). */
  path: string;
  /** `section.key` for INI files, the key otherwise. */
  key: string;
  value: string;
}

/** What the comparison needs of one case. */
export interface CaseSummary {
  /** The bundles' names, joined. */
  name: string;
  /** The first and last event time; null when no event has a time. */
  span: { from: EpochMs; to: EpochMs } | null;
  /** The time of the first event at error level or above. */
  firstError: EpochMs | null;
  templates: TemplateSummary[];
  findings: FindingSummary[];
  versions: VersionSummary[];
  pods: PodSummary[];
  goroutines: GoroutineSummary[];
  config: ConfigLine[];
  /** Configuration files read (relative to the bundle root), including those without a `key = value` line. */
  configFiles: string[];
}

/** A template's figures in one case. */
export interface TemplateSide<T> {
  id: number;
  count: number;
  errors: number;
  warnings: number;
  firstTime: T | null;
  lastTime: T | null;
  /** Events per minute over the case's span (a span under a minute counts as one minute). */
  perMinute: number;
}

/** A template as the two cases have it. */
export interface TemplateDiff<T = EpochMs> {
  text: string;
  /** `error` when either case has it at error level or above, else `warning` when either has warnings. */
  level: 'error' | 'warning' | 'other';
  a: TemplateSide<T> | null;
  b: TemplateSide<T> | null;
  /** B's rate over A's; null when the template is in one case only. */
  ratio: number | null;
}

/** A finding that only one case has. */
export interface FindingDiff<T = EpochMs> {
  rule: string;
  title: LocalizedText;
  severity: Severity;
  module: string;
  component: string;
  count: number;
  firstTime: T | null;
  lastTime: T | null;
}

/** A service whose versions differ (null: the case states none). */
export interface VersionDiff {
  service: string;
  a: string | null;
  b: string | null;
}

/** A configuration key whose value differs between two files of the same path (null: no such key). */
export interface ConfigDiff {
  path: string;
  key: string;
  a: string | null;
  b: string | null;
}

/** A pod's state in one case. */
export interface PodSide {
  name: string;
  status: string;
  ready: number;
  containers: number;
  restarts: number;
}

/** A pod whose state differs (null: not in that case's tables). */
export interface PodDiff {
  namespace: string | null;
  /** The pod's workload (its name without the replica suffix) when matched by it, else its name. */
  key: string;
  a: PodSide | null;
  b: PodSide | null;
  /** Restarts in B less restarts in A (0 when a side is missing). */
  restartsUp: number;
  statusChanged: boolean;
}

/** A goroutine group whose size differs. */
export interface GoroutineDiff {
  topFrame: string;
  state: string | null;
  a: number;
  b: number;
}

/** One case as the comparison saw it. */
export interface ComparedCase<T> {
  name: string;
  from: T | null;
  to: T | null;
  firstError: T | null;
  templates: number;
  findings: number;
}

/** What differs between case A and case B. */
export interface CaseComparison<T = EpochMs> {
  a: ComparedCase<T>;
  b: ComparedCase<T>;
  alignment: {
    /** What was asked for. */
    kind: CompareAlignment['kind'];
    /** Add to a time of B to place it on A's axis. */
    offsetMs: number;
    /** The times that were lined up (null for `wall`, or when a case has no error for `first-error`). */
    anchorA: T | null;
    anchorB: T | null;
    /** Set when the alignment asked for could not be made and wall time was used. */
    fallback: string | null;
  };
  templates: {
    onlyA: TemplateDiff<T>[];
    onlyB: TemplateDiff<T>[];
    /** In both, the rate changed at least {@link RATE_CHANGE_FACTOR} times either way. */
    rateChanged: TemplateDiff<T>[];
    /** How many there were before the lists were cut at {@link MAX_COMPARE_ITEMS}. */
    totals: { onlyA: number; onlyB: number; rateChanged: number; same: number };
  };
  findings: { onlyA: FindingDiff<T>[]; onlyB: FindingDiff<T>[] };
  versions: VersionDiff[];
  config: {
    /** Keys whose values differ in files of the same path. */
    changed: ConfigDiff[];
    /** Configuration files only one case has. */
    onlyA: string[];
    onlyB: string[];
  };
  pods: PodDiff[];
  goroutines: GoroutineDiff[];
}

/** A template's rate must change at least this many times (either way) to be listed. */
export const RATE_CHANGE_FACTOR = 2;
/** A template needs this many events in the two cases together for its rate change to count. */
export const MIN_RATE_EVENTS = 5;
/** Each list keeps at most this many entries (the totals say how many there were). */
export const MAX_COMPARE_ITEMS = 500;

const MINUTE = 60_000;

/** A template's text as matched across cases: spaces and runs of variables collapsed. */
export function templateKey(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/<\*>(?: <\*>)+/g, '<*>');
}

/** Minutes a case's events span (at least one). */
export function spanMinutes(summary: Pick<CaseSummary, 'span'>): number {
  return summary.span ? Math.max(1, (summary.span.to - summary.span.from) / MINUTE) : 1;
}

const LEVEL_RANK = { error: 0, warning: 1, other: 2 } as const;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The comparison of case A with case B. */
export function compareCases(a: CaseSummary, b: CaseSummary, alignment: CompareAlignment): CaseComparison {
  const templates = compareTemplates(a, b);
  return {
    a: compared(a),
    b: compared(b),
    alignment: align(a, b, alignment),
    templates,
    findings: compareFindingSets(a, b),
    versions: compareVersions(a, b),
    config: compareConfig(a, b),
    pods: comparePods(a, b),
    goroutines: compareGoroutines(a, b),
  };
}

function compared(summary: CaseSummary): ComparedCase<EpochMs> {
  return {
    name: summary.name,
    from: summary.span?.from ?? null,
    to: summary.span?.to ?? null,
    firstError: summary.firstError,
    templates: summary.templates.filter((t) => t.count > 0).length,
    findings: summary.findings.length,
  };
}

function align(a: CaseSummary, b: CaseSummary, alignment: CompareAlignment): CaseComparison['alignment'] {
  if (alignment.kind === 'event')
    return {
      kind: 'event',
      offsetMs: alignment.a - alignment.b,
      anchorA: alignment.a,
      anchorB: alignment.b,
      fallback: null,
    };
  if (alignment.kind === 'first-error') {
    if (a.firstError !== null && b.firstError !== null)
      return {
        kind: 'first-error',
        offsetMs: a.firstError - b.firstError,
        anchorA: a.firstError,
        anchorB: b.firstError,
        fallback: null,
      };
    const which = a.firstError === null ? (b.firstError === null ? 'neither case' : 'case A') : 'case B';
    return {
      kind: 'first-error',
      offsetMs: 0,
      anchorA: null,
      anchorB: null,
      fallback: `${which} has no error: aligned by wall time`,
    };
  }
  return { kind: 'wall', offsetMs: 0, anchorA: null, anchorB: null, fallback: null };
}

/** Templates of a case by key; two templates that collapse to one key are added together. */
function byKey(summary: CaseSummary): Map<string, TemplateSide<EpochMs> & { text: string }> {
  const minutes = spanMinutes(summary);
  const out = new Map<string, TemplateSide<EpochMs> & { text: string }>();
  for (const t of summary.templates) {
    if (t.count === 0) continue;
    const key = templateKey(t.text);
    const seen = out.get(key);
    if (!seen) {
      out.set(key, {
        text: key,
        id: t.id,
        count: t.count,
        errors: t.errors,
        warnings: t.warnings,
        firstTime: t.firstTime,
        lastTime: t.lastTime,
        perMinute: t.count / minutes,
      });
      continue;
    }
    // The id of the larger template is the one to open.
    if (t.count > seen.count) seen.id = t.id;
    seen.count += t.count;
    seen.errors += t.errors;
    seen.warnings += t.warnings;
    seen.firstTime = minTime(seen.firstTime, t.firstTime);
    seen.lastTime = maxTime(seen.lastTime, t.lastTime);
    seen.perMinute = seen.count / minutes;
  }
  return out;
}

const minTime = (x: EpochMs | null, y: EpochMs | null): EpochMs | null =>
  x === null ? y : y === null || x <= y ? x : y;
const maxTime = (x: EpochMs | null, y: EpochMs | null): EpochMs | null =>
  x === null ? y : y === null || x >= y ? x : y;

function sideOf(t: TemplateSide<EpochMs> & { text: string }): TemplateSide<EpochMs> {
  const { text: _text, ...side } = t;
  return side;
}

function levelOf(...sides: (TemplateSide<EpochMs> | null)[]): TemplateDiff['level'] {
  if (sides.some((s) => s !== null && s.errors > 0)) return 'error';
  if (sides.some((s) => s !== null && s.warnings > 0)) return 'warning';
  return 'other';
}

function compareTemplates(a: CaseSummary, b: CaseSummary): CaseComparison['templates'] {
  const inA = byKey(a);
  const inB = byKey(b);
  const onlyA: TemplateDiff[] = [];
  const onlyB: TemplateDiff[] = [];
  const rateChanged: TemplateDiff[] = [];
  let same = 0;
  for (const [key, ta] of inA) {
    const tb = inB.get(key);
    if (!tb) {
      onlyA.push({ text: key, level: levelOf(ta), a: sideOf(ta), b: null, ratio: null });
      continue;
    }
    const ratio = tb.perMinute / ta.perMinute;
    const changed =
      ta.count + tb.count >= MIN_RATE_EVENTS && (ratio >= RATE_CHANGE_FACTOR || ratio <= 1 / RATE_CHANGE_FACTOR);
    if (changed) rateChanged.push({ text: key, level: levelOf(ta, tb), a: sideOf(ta), b: sideOf(tb), ratio });
    else same++;
  }
  for (const [key, tb] of inB)
    if (!inA.has(key)) onlyB.push({ text: key, level: levelOf(tb), a: null, b: sideOf(tb), ratio: null });
  const countOf = (d: TemplateDiff) => (d.a ?? d.b)!.count;
  const byCount = (x: TemplateDiff, y: TemplateDiff) =>
    LEVEL_RANK[x.level] - LEVEL_RANK[y.level] || countOf(y) - countOf(x) || byText(x.text, y.text);
  const byChange = (x: TemplateDiff, y: TemplateDiff) =>
    LEVEL_RANK[x.level] - LEVEL_RANK[y.level] ||
    Math.abs(Math.log(y.ratio!)) - Math.abs(Math.log(x.ratio!)) ||
    byText(x.text, y.text);
  onlyA.sort(byCount);
  onlyB.sort(byCount);
  rateChanged.sort(byChange);
  return {
    onlyA: onlyA.slice(0, MAX_COMPARE_ITEMS),
    onlyB: onlyB.slice(0, MAX_COMPARE_ITEMS),
    rateChanged: rateChanged.slice(0, MAX_COMPARE_ITEMS),
    totals: { onlyA: onlyA.length, onlyB: onlyB.length, rateChanged: rateChanged.length, same },
  };
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

function compareFindingSets(a: CaseSummary, b: CaseSummary): CaseComparison['findings'] {
  const keyOf = (f: FindingSummary) => `${f.rule}\u0000${f.module}/${f.component}`;
  const keysA = new Set(a.findings.map(keyOf));
  const keysB = new Set(b.findings.map(keyOf));
  const diff = (f: FindingSummary): FindingDiff => ({
    rule: f.rule,
    title: f.title,
    severity: f.severity,
    module: f.module,
    component: f.component,
    count: f.count,
    firstTime: f.firstTime,
    lastTime: f.lastTime,
  });
  const order = (x: FindingDiff, y: FindingDiff) =>
    SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] ||
    y.count - x.count ||
    byText(x.rule, y.rule) ||
    byText(x.component, y.component);
  return {
    onlyA: a.findings
      .filter((f) => !keysB.has(keyOf(f)))
      .map(diff)
      .sort(order)
      .slice(0, MAX_COMPARE_ITEMS),
    onlyB: b.findings
      .filter((f) => !keysA.has(keyOf(f)))
      .map(diff)
      .sort(order)
      .slice(0, MAX_COMPARE_ITEMS),
  };
}

function compareVersions(a: CaseSummary, b: CaseSummary): VersionDiff[] {
  const versions = (summary: CaseSummary) => {
    const out = new Map<string, Set<string>>();
    for (const v of summary.versions) {
      const set = out.get(v.service) ?? new Set<string>();
      set.add(v.version);
      out.set(v.service, set);
    }
    return new Map([...out].map(([service, set]) => [service, [...set].sort(byText).join(', ')]));
  };
  const inA = versions(a);
  const inB = versions(b);
  const out: VersionDiff[] = [];
  for (const service of new Set([...inA.keys(), ...inB.keys()])) {
    const va = inA.get(service) ?? null;
    const vb = inB.get(service) ?? null;
    if (va !== vb) out.push({ service, a: va, b: vb });
  }
  return out.sort((x, y) => byText(x.service, y.service));
}

function compareConfig(a: CaseSummary, b: CaseSummary): CaseComparison['config'] {
  const filesA = new Set(a.configFiles);
  const filesB = new Set(b.configFiles);
  const lines = (summary: CaseSummary, other: Set<string>) => {
    const out = new Map<string, ConfigLine>();
    // A key set twice in a file: the last one is the one that holds.
    for (const line of summary.config) if (other.has(line.path)) out.set(`${line.path}\u0000${line.key}`, line);
    return out;
  };
  const inA = lines(a, filesB);
  const inB = lines(b, filesA);
  const changed: ConfigDiff[] = [];
  for (const key of new Set([...inA.keys(), ...inB.keys()])) {
    const la = inA.get(key);
    const lb = inB.get(key);
    if (la?.value === lb?.value) continue;
    const line = (la ?? lb)!;
    changed.push({ path: line.path, key: line.key, a: la?.value ?? null, b: lb?.value ?? null });
  }
  changed.sort((x, y) => byText(x.path, y.path) || byText(x.key, y.key));
  return {
    changed: changed.slice(0, MAX_COMPARE_ITEMS),
    onlyA: [...filesA].filter((f) => !filesB.has(f)).sort(byText),
    onlyB: [...filesB].filter((f) => !filesA.has(f)).sort(byText),
  };
}

// `region-65f4b4445d-lqklc` (a Deployment's replica) and `host-8nkh5` (a DaemonSet's) → `region`, `host`.
const REPLICA_SUFFIX = /(?:-[a-z0-9]{8,10})?-[a-z0-9]{5}$/;

/** The pod's workload: its name without the replica suffix. */
export function podWorkload(name: string): string {
  const workload = name.replace(REPLICA_SUFFIX, '');
  return workload === '' ? name : workload;
}

function comparePods(a: CaseSummary, b: CaseSummary): PodDiff[] {
  // A pod is matched by its workload when that workload has one pod in each case (pods get new
  // names when they are recreated), else by its name.
  const keyed = (summary: CaseSummary) => {
    const names = new Map<string, Set<string>>();
    const ns = (p: PodSummary) => p.namespace ?? '';
    for (const p of summary.pods) {
      const w = `${ns(p)}/${podWorkload(p.name)}`;
      const set = names.get(w) ?? new Set<string>();
      set.add(p.name);
      names.set(w, set);
    }
    const perWorkload = new Map([...names].map(([w, set]) => [w, set.size]));
    return { perWorkload, ns };
  };
  const ka = keyed(a);
  const kb = keyed(b);
  const keyOf = (p: PodSummary, mine: ReturnType<typeof keyed>, other: ReturnType<typeof keyed>) => {
    const w = `${mine.ns(p)}/${podWorkload(p.name)}`;
    return mine.perWorkload.get(w) === 1 && (other.perWorkload.get(w) ?? 0) <= 1
      ? { key: podWorkload(p.name), full: w }
      : { key: p.name, full: `${mine.ns(p)}/${p.name}` };
  };
  const sides = (summary: CaseSummary, mine: ReturnType<typeof keyed>, other: ReturnType<typeof keyed>) => {
    const out = new Map<string, { key: string; pod: PodSummary }>();
    // Several tables of one pod: the last one read is the latest word.
    for (const p of summary.pods) {
      const { key, full } = keyOf(p, mine, other);
      out.set(full, { key, pod: p });
    }
    return out;
  };
  const inA = sides(a, ka, kb);
  const inB = sides(b, kb, ka);
  const side = (p: PodSummary): PodSide => ({
    name: p.name,
    status: p.status,
    ready: p.ready,
    containers: p.containers,
    restarts: p.restarts,
  });
  const out: PodDiff[] = [];
  for (const full of new Set([...inA.keys(), ...inB.keys()])) {
    const pa = inA.get(full);
    const pb = inB.get(full);
    const restartsUp = pa && pb ? pb.pod.restarts - pa.pod.restarts : 0;
    const statusChanged = pa !== undefined && pb !== undefined && pa.pod.status !== pb.pod.status;
    const readyChanged = pa !== undefined && pb !== undefined && pa.pod.ready !== pb.pod.ready;
    if (pa && pb && restartsUp === 0 && !statusChanged && !readyChanged) continue;
    const pod = (pa ?? pb)!;
    out.push({
      namespace: pod.pod.namespace,
      key: pod.key,
      a: pa ? side(pa.pod) : null,
      b: pb ? side(pb.pod) : null,
      restartsUp,
      statusChanged,
    });
  }
  // Changed pods before pods in one case only, most restarts first.
  const weight = (d: PodDiff) => (d.a && d.b ? 0 : 1);
  return out.sort(
    (x, y) =>
      weight(x) - weight(y) ||
      Number(y.statusChanged) - Number(x.statusChanged) ||
      y.restartsUp - x.restartsUp ||
      byText(x.namespace ?? '', y.namespace ?? '') ||
      byText(x.key, y.key),
  );
}

function compareGoroutines(a: CaseSummary, b: CaseSummary): GoroutineDiff[] {
  const keyOf = (g: GoroutineSummary) => `${g.topFrame}\u0000${g.state ?? ''}`;
  const counts = (summary: CaseSummary) => {
    const out = new Map<string, GoroutineSummary>();
    for (const g of summary.goroutines) {
      const seen = out.get(keyOf(g));
      out.set(keyOf(g), { ...g, count: (seen?.count ?? 0) + g.count });
    }
    return out;
  };
  const inA = counts(a);
  const inB = counts(b);
  const out: GoroutineDiff[] = [];
  for (const key of new Set([...inA.keys(), ...inB.keys()])) {
    const ga = inA.get(key);
    const gb = inB.get(key);
    const g = (ga ?? gb)!;
    if ((ga?.count ?? 0) !== (gb?.count ?? 0))
      out.push({ topFrame: g.topFrame, state: g.state, a: ga?.count ?? 0, b: gb?.count ?? 0 });
  }
  return out
    .sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a) || byText(x.topFrame, y.topFrame))
    .slice(0, MAX_COMPARE_ITEMS);
}

/** The comparison with its times mapped (to ISO strings for the report). */
export function mapComparisonTimes<T>(c: CaseComparison, time: (t: EpochMs | null) => T | null): CaseComparison<T> {
  const side = (s: TemplateSide<EpochMs> | null): TemplateSide<T> | null =>
    s && { ...s, firstTime: time(s.firstTime), lastTime: time(s.lastTime) };
  const template = (d: TemplateDiff): TemplateDiff<T> => ({ ...d, a: side(d.a), b: side(d.b) });
  const finding = (f: FindingDiff): FindingDiff<T> => ({
    ...f,
    firstTime: time(f.firstTime),
    lastTime: time(f.lastTime),
  });
  const kase = (k: ComparedCase<EpochMs>): ComparedCase<T> => ({
    ...k,
    from: time(k.from),
    to: time(k.to),
    firstError: time(k.firstError),
  });
  return {
    ...c,
    a: kase(c.a),
    b: kase(c.b),
    alignment: { ...c.alignment, anchorA: time(c.alignment.anchorA), anchorB: time(c.alignment.anchorB) },
    templates: {
      onlyA: c.templates.onlyA.map(template),
      onlyB: c.templates.onlyB.map(template),
      rateChanged: c.templates.rateChanged.map(template),
      totals: c.templates.totals,
    },
    findings: { onlyA: c.findings.onlyA.map(finding), onlyB: c.findings.onlyB.map(finding) },
  };
}
