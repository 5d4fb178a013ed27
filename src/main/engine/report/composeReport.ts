/**
 * The case report as the engineer exports it: `analyze`'s report (buildReport) plus the case's
 * own parts, read from the index — the Case tab's fields, each pin with ±N lines of context from
 * its own file, the traces of the ids the case is about, the key events and the chart of the
 * whole case, and the searches that reproduce every excerpt — then redacted when asked. The one
 * input of the JSON, Markdown and PDF writers.
 */
import type { Inventory } from '../../../shared/api.ts';
import { emptyNotes, type CaseNotes, type Pin } from '../../../shared/caseNotes.ts';
import { extractIds } from '../../../shared/ids/extractIds.ts';
import { epochMs, type EpochMs, type ZoneSpec } from '../../../shared/model.ts';
import { redactReport } from '../../../shared/redact/redactReport.ts';
import { Redactor, type RedactionOptions } from '../../../shared/redact/redactor.ts';
import type { Report, ReportChart, ReportPin, ReportQuery, ReportTrace } from '../../../shared/report.ts';
import { parseQuery, quote } from '../../../shared/search/queryLanguage.ts';
import { formatIso } from '../../../shared/time.ts';
import { fileLinesPage } from '../index/casePages.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { searchEvents } from '../index/searchIndex.ts';
import { histogram } from '../index/timelineStats.ts';
import { requestsOfInterest, traceId } from '../index/traceId.ts';
import { buildReport, findingEvents, sortByTime } from './buildReport.ts';

/** What the report is made from and how. */
export interface ComposeOptions {
  notes?: CaseNotes;
  /** Lines before and after each pinned line (the seed uses 50). */
  contextLines?: number;
  language?: 'en' | 'zh';
  generatedAt: EpochMs;
  generator: string;
  /** Null or absent: no redaction. */
  redaction?: RedactionOptions | null;
}

/** The seed's "±50 lines" around a key line. */
export const DEFAULT_CONTEXT_LINES = 50;
export const MAX_CONTEXT_LINES = 500;
const MAX_TRACES = 5;
const MAX_TRACE_EVENTS = 40;
const MAX_TIMELINE_EVENTS = 60;
const CHART_BINS = 96;

/** Composes the full report of an open case. */
export function composeReport(
  index: CaseIndex,
  inventory: Inventory,
  diagnosis: Diagnosis | null,
  options: ComposeOptions,
): Report {
  const zone: ZoneSpec = index.zone;
  const notes = options.notes ?? emptyNotes();
  const contextLines = Math.max(
    0,
    Math.min(MAX_CONTEXT_LINES, Math.floor(options.contextLines ?? DEFAULT_CONTEXT_LINES)),
  );
  const iso = (t: number | null) => (t === null || !Number.isFinite(t) ? null : formatIso(epochMs(t), zone));
  const base = buildReport(inventory, {
    zone,
    generatedAt: options.generatedAt,
    generator: options.generator,
    requests: index.indexed ? requestsOfInterest(index) : [],
    diagnosis: diagnosis ?? undefined,
  });
  const redaction =
    options.redaction && (options.redaction.secrets || options.redaction.network) ? options.redaction : null;
  // Redaction sees more of each pin's file than is printed: a key block that starts above the window is still masked.
  const lookback = redaction ? Math.max(contextLines, KEY_LOOKBACK) : contextLines;
  const phraseSafe = redaction?.secrets ? secretFree : () => true;
  const pins = notes.pins.map((pin) =>
    reportPin(index, pin, { before: lookback, after: contextLines }, iso, phraseSafe),
  );
  const traces = reportTraces(index, notes, base, iso);
  const timelineEvents = sortByTime([
    ...findingEvents(base.findings),
    ...pins.map((p) => ({
      time: p.time,
      component: p.component,
      path: p.path,
      line: p.line,
      level: p.level,
      text: p.text,
      source: { kind: 'pin' as const },
    })),
  ]).slice(0, MAX_TIMELINE_EVENTS);
  const queries: ReportQuery[] = [
    ...base.queries,
    ...pins.map((p) => ({ what: `pin ${p.path}:${p.line}`, query: p.query })),
    ...traces.map((t) => ({ what: `trace ${t.id}`, query: `id:${t.id}` })),
  ];
  const report: Report = {
    ...base,
    case: {
      ticket: notes.ticket,
      customer: notes.customer,
      engineer: notes.engineer,
      statement: notes.statement,
      conclusion: notes.conclusion,
      language: options.language ?? 'en',
      contextLines,
    },
    timeline: { events: timelineEvents, chart: reportChart(index, iso) },
    traces,
    pins,
    queries,
  };
  return redaction ? redactReport(report, redaction) : report;
}

/** Lines read above a pin for redaction only, to find the start of a key block. */
const KEY_LOOKBACK = 200;

/** Whether a phrase holds no secret (a query must not carry one, and queries are not masked inside their quotes). */
function secretFree(phrase: string): boolean {
  return new Redactor({ secrets: true, network: false }).redact(phrase) === phrase;
}

/** A pinned line with its context read from the index (the bundle is not opened again). */
function reportPin(
  index: CaseIndex,
  pin: Pin,
  window: { before: number; after: number },
  iso: (t: number | null) => string | null,
  phraseSafe: (phrase: string) => boolean,
): ReportPin {
  const file = index.files.findIndex((f) => f.record.path === pin.path);
  const page = file < 0 ? null : fileLinesPage(index, file, pin.line - window.before, window.before + window.after + 1);
  const context = page ? page.lines.map((text, i) => ({ line: page.from + i, text })) : [];
  const text = context.find((l) => l.line === pin.line)?.text ?? pin.text;
  return {
    path: pin.path,
    line: pin.line,
    time: iso(pin.time),
    level: pin.level,
    component: pin.component,
    text,
    note: pin.note,
    context,
    query: lineQuery(index, pin.path, pin.line, text, phraseSafe),
  };
}

/** At most this many characters of a line go into its phrase. */
const PHRASE_CHARS = 80;

/** Up to PHRASE_CHARS of `text` from `from`, ended at a word's end (a phrase must not cut a word). */
function phraseAt(text: string, from: number): string {
  const rest = text.slice(from, from + PHRASE_CHARS + 1);
  if (rest.length <= PHRASE_CHARS) return rest.trim();
  const cut = rest.slice(0, PHRASE_CHARS).search(/[\p{L}\p{N}_]+$/u);
  return (cut > 0 ? rest.slice(0, cut) : rest.slice(0, PHRASE_CHARS)).trim();
}

/**
 * A search that finds this line: its file and a phrase (an exact piece of the line), checked
 * against the index — the message after a bracketed context, else the text after the time and
 * pid; when no phrase finds it, the file alone.
 */
export function lineQuery(
  index: CaseIndex,
  path: string,
  line: number,
  text: string,
  phraseSafe: (phrase: string) => boolean = () => true,
): string {
  const fileOnly = `file:${quote(path)}`;
  const afterContext = text.indexOf('] ');
  const afterClock = text.search(/(?<=^[\d\s.:/T+-]*)[^\d\s.:/T+-]/u);
  const starts = [afterContext >= 0 ? afterContext + 2 : -1, afterClock, 0].filter(
    (at, i, all) => at >= 0 && at < text.length && all.indexOf(at) === i,
  );
  for (const start of starts) {
    const phrase = phraseAt(text, start);
    if (phrase.length < 3 || !phraseSafe(phrase)) continue;
    const candidate = `${fileOnly} ${quote(phrase)}`;
    const parsed = parseQuery(candidate);
    if (!parsed.ok) continue;
    const hits = searchEvents(index, parsed.query, { limit: 1000 }).hits;
    if (hits.some((h) => h.path === path && h.line <= line && line < h.line + h.lineCount)) return candidate;
  }
  return fileOnly;
}

/** The ids the case is about: in the problem statement, then the pins, then the findings. */
function reportTraces(
  index: CaseIndex,
  notes: CaseNotes,
  report: Report,
  iso: (t: number | null) => string | null,
): ReportTrace[] {
  const wanted = new Map<string, ReportTrace['reason']>();
  const add = (id: string, reason: ReportTrace['reason']) => {
    if (!wanted.has(id) && wanted.size < MAX_TRACES) wanted.set(id, reason);
  };
  // Request and resource ids; the user and project of an OpenStack context are on every line of a tenant, not about the case.
  const requestsIn = (text: string) =>
    extractIds(text)
      .filter((f) => (f.kind === 'request' || f.kind === 'resource') && f.role !== 'user' && f.role !== 'project')
      .map((f) => f.value);
  for (const id of requestsIn(notes.statement)) add(id, 'statement');
  for (const pin of notes.pins) for (const id of requestsIn(pin.text)) add(id, 'pin');
  for (const finding of report.findings) if (finding.requestIds[0]) add(finding.requestIds[0], 'finding');
  const traces: ReportTrace[] = [];
  for (const [id, reason] of wanted) {
    const trace = traceId(index, id, { follow: false });
    if (trace.events.length === 0) continue;
    traces.push({
      id,
      reason,
      components: trace.components,
      errors: trace.errors,
      firstTime: iso(trace.firstTime),
      lastTime: iso(trace.lastTime),
      events: trace.events.slice(0, MAX_TRACE_EVENTS).map((e) => ({
        time: iso(e.time),
        component: `${e.module}/${e.component}`,
        path: e.path,
        line: e.line,
        level: e.level,
        text: e.text,
      })),
      omitted: Math.max(0, trace.events.length - MAX_TRACE_EVENTS),
    });
  }
  return traces;
}

/** Errors, warnings and the rest per bin over the whole case. */
function reportChart(index: CaseIndex, iso: (t: number | null) => string | null): ReportChart | null {
  const hist = histogram(index, { bins: CHART_BINS });
  if (!hist) return null;
  const errors = new Array<number>(hist.bins).fill(0);
  const warnings = new Array<number>(hist.bins).fill(0);
  const other = new Array<number>(hist.bins).fill(0);
  for (const row of hist.rows) {
    const band =
      row.level === 'error' || row.level === 'critical' ? errors : row.level === 'warning' ? warnings : other;
    row.counts.forEach((n, i) => (band[i] += n));
  }
  return { from: iso(hist.from)!, to: iso(hist.to)!, binMs: hist.binMs, errors, warnings, other };
}
