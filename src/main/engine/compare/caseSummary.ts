/**
 * What the comparison of two cases needs of each (shared/compare/compareCases.ts), read from an
 * indexed and diagnosed case: its templates with their level mix, first error, findings,
 * versions, pods, goroutine groups and the `key = value` lines of its configuration files (read
 * from the text store, capped, secrets masked). Paths are relative to the bundle root (the top
 * folder every file of a bundle shares, usually named after the host, is removed), so the same
 * file of two hosts' bundles is matched.
 */
import { LEVELS, epochMs, type EpochMs } from '../../../shared/model.ts';
import type { Inventory } from '../../../shared/api.ts';
import {
  compareCases,
  type CaseComparison,
  type CaseSummary,
  type CompareAlignment,
  type CompareRange,
  type ConfigLine,
  type GoroutineSummary,
  type PodSummary,
} from '../../../shared/compare/compareCases.ts';
import { CONFIG_LINES_EXTENSION, parseConfigLines } from '../../../shared/compare/configLines.ts';
import { isDocumentPath } from '../../../shared/components/documents.ts';
import { Redactor } from '../../../shared/redact/redactor.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { timeSpan } from '../index/timelineStats.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';

/** Files whose events are messages (a file of no known format is read line by line, as text). */
const LOG_KINDS = new Set<string>(['log', 'har', 'text']);

/** Configuration files read at most per case. */
export const MAX_CONFIG_FILES = 500;
/** A configuration file larger than this is not read (it is no hand-kept setting file). */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Lines read from one configuration file at most. */
const MAX_CONFIG_LINES = 5_000;

/** An indexed, diagnosed case. */
export interface DiagnosedCase {
  index: CaseIndex;
  inventory: Inventory;
  diagnosis: Diagnosis;
}

/**
 * What differs between case A and case B, B laid on A's time axis by `alignment`; with a range,
 * that side is summarised over that range only (two ranges of one case compare its two periods).
 */
export function compareDiagnosed(
  a: DiagnosedCase,
  b: DiagnosedCase,
  alignment: CompareAlignment,
  ranges: { a?: CompareRange; b?: CompareRange } = {},
): CaseComparison {
  return compareCases(
    summarizeCase(a.index, a.inventory, a.diagnosis, ranges.a),
    summarizeCase(b.index, b.inventory, b.diagnosis, ranges.b),
    alignment,
  );
}

/**
 * The case's summary for {@link compareCases}. With `range`, its templates, span, first error and
 * findings are those of the events in the range (a finding counts when its first-to-last span
 * meets the range; one without times always does); versions, pods, goroutines and configuration
 * are the whole case's, as they have no time.
 */
export function summarizeCase(
  index: CaseIndex,
  inventory: Inventory,
  diagnosis: Diagnosis,
  range?: CompareRange,
): CaseSummary {
  const relative = bundleRelative(inventory);
  // The templates of log lines: the rows of a pods table, a dump or a config file are compared
  // as what they are (pods, goroutines, settings), not as messages.
  const logFile = new Uint8Array(index.files.length);
  index.files.forEach((f, i) => {
    logFile[i] = LOG_KINDS.has(f.record.kind) && !isDocumentPath(f.record.path) ? 1 : 0;
  });
  const n = index.patterns.length;
  const counts = new Uint32Array(n);
  const errors = new Uint32Array(n);
  const warnings = new Uint32Array(n);
  const first = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const warning = LEVELS.indexOf('warning');
  const error = LEVELS.indexOf('error');
  const { time, level, file } = index.events;
  const { templateOf } = index;
  let firstError = Number.POSITIVE_INFINITY;
  // Outside a range, and time-less events in a range, are not counted (NaN fails both tests).
  const from = range?.from ?? Number.NEGATIVE_INFINITY;
  const to = range?.to ?? Number.POSITIVE_INFINITY;
  const ranged = range !== undefined;
  for (let e = 0; e < index.size; e++) {
    if (logFile[file[e]] === 0) continue;
    const at = time[e];
    if (ranged && !(at >= from && at <= to)) continue;
    const t = templateOf[e];
    const l = level[e];
    counts[t]++;
    if (at < first[t]) first[t] = at;
    if (at > last[t]) last[t] = at;
    if (l === warning) warnings[t]++;
    else if (l >= error) {
      errors[t]++;
      if (at < firstError) firstError = at;
    }
  }
  const timeOf = (t: number) => (Number.isFinite(t) ? epochMs(t) : null);
  const templates = index.patterns
    .filter((p) => counts[p.id] > 0)
    .map((p) => ({
      id: p.id,
      text: p.text,
      count: counts[p.id],
      errors: errors[p.id],
      warnings: warnings[p.id],
      firstTime: timeOf(first[p.id]),
      lastTime: timeOf(last[p.id]),
    }));
  const meets = (f: { firstTime: EpochMs | null; lastTime: EpochMs | null }) =>
    !ranged || f.firstTime === null || f.lastTime === null || (f.firstTime <= to && f.lastTime >= from);
  const findings = diagnosis.findings.filter(meets).map((f) => ({
    rule: f.rule,
    title: f.title,
    severity: f.severity,
    module: f.module,
    component: f.component,
    count: f.count,
    firstTime: f.firstTime,
    lastTime: f.lastTime,
  }));
  const { artifacts } = diagnosis;
  const versions = artifacts.versions
    .filter((v) => v.gitVersion !== null)
    .map((v) => {
      const path = relative(v.source.path);
      return { service: v.service ?? path, version: v.gitVersion!, path };
    });
  const pods: PodSummary[] = artifacts.pods.flatMap((table) =>
    table.pods.map((p) => ({
      namespace: p.namespace,
      name: p.name,
      status: p.status,
      ready: p.ready,
      containers: p.containers,
      restarts: p.restarts,
      path: relative(table.source.path),
    })),
  );
  return {
    name: inventory.bundles.map((b) => b.name).join(', '),
    span: range ? spanIn(index, range) : timeSpan(index),
    firstError: timeOf(firstError),
    templates,
    findings,
    versions,
    pods,
    goroutines: goroutineGroups(diagnosis),
    ...configOf(index, relative),
  };
}

/** The range cut to the case's events (its rates are per minute of it); null when they miss it. */
function spanIn(index: CaseIndex, range: CompareRange): { from: EpochMs; to: EpochMs } | null {
  const whole = timeSpan(index);
  if (!whole) return null;
  const from = Math.max(whole.from, range.from);
  const to = Math.min(whole.to, range.to);
  return from <= to ? { from: epochMs(from), to: epochMs(to) } : null;
}

/** Goroutines per top frame and state: in each dump added up, then the largest count over the dumps. */
function goroutineGroups(diagnosis: Diagnosis): GoroutineSummary[] {
  const out = new Map<string, GoroutineSummary>();
  for (const dump of diagnosis.artifacts.goroutines) {
    const inDump = new Map<string, GoroutineSummary>();
    for (const g of dump.groups) {
      const key = `${g.topFrame}\u0000${g.state ?? ''}`;
      const seen = inDump.get(key);
      inDump.set(key, { topFrame: g.topFrame, state: g.state, count: (seen?.count ?? 0) + g.count });
    }
    for (const [key, g] of inDump) if (g.count > (out.get(key)?.count ?? 0)) out.set(key, g);
  }
  return [...out.values()];
}

/** The `key = value` lines of the case's configuration files. */
function configOf(index: CaseIndex, relative: (path: string) => string): Pick<CaseSummary, 'config' | 'configFiles'> {
  const redactor = new Redactor({ secrets: true, network: false });
  const config: ConfigLine[] = [];
  const configFiles: string[] = [];
  for (const file of index.files) {
    if (configFiles.length >= MAX_CONFIG_FILES) break;
    const { record } = file;
    if (
      (record.kind !== 'config' && record.kind !== 'text') ||
      file.store < 0 ||
      record.bytes > MAX_CONFIG_BYTES ||
      !CONFIG_LINES_EXTENSION.test(record.path) ||
      isDocumentPath(record.path)
    )
      continue;
    const path = relative(record.path);
    configFiles.push(path);
    const lines = index.store.readLines(file.store, 1, Math.min(record.lines, MAX_CONFIG_LINES));
    for (const entry of parseConfigLines(record.path, lines, redactor)) config.push({ path, ...entry });
  }
  return { config, configFiles };
}

/**
 * A bundle path without its bundle's top folder (`case-1/etc/porter/porter.conf` →
 * `etc/porter/porter.conf`) when every file of that bundle is under one; else as it is.
 */
export function bundleRelative(inventory: Pick<Inventory, 'files'>): (path: string) => string {
  const top = new Map<number, string | null>();
  const tops = new Map<string, string | null>();
  for (const f of inventory.files) {
    const slash = f.path.indexOf('/');
    const first = slash > 0 ? f.path.slice(0, slash + 1) : null;
    const seen = top.get(f.bundle);
    if (seen === undefined) top.set(f.bundle, first);
    else if (seen !== first) top.set(f.bundle, null);
  }
  for (const f of inventory.files) tops.set(f.path, top.get(f.bundle) ?? null);
  return (path: string) => {
    const prefix = tops.get(path) ?? prefixOf(path, top);
    return prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
  };
}

/** The top folder of a path that is not itself a file of the case (an artifact inside a nested archive). */
function prefixOf(path: string, top: Map<number, string | null>): string | null {
  for (const prefix of top.values()) if (prefix && path.startsWith(prefix)) return prefix;
  return null;
}
