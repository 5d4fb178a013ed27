/** The ids the case is about, each followed across modules, and the chart of the whole case. */
import type { CaseNotes } from '../../../shared/caseNotes.ts';
import { extractIds } from '../../../shared/ids/extractIds.ts';
import type { ReportChart, ReportFinding, ReportTrace } from '../../../shared/report.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { histogram } from '../index/timelineStats.ts';
import { traceId } from '../index/traceId.ts';

type Iso = (t: number | null) => string | null;

const MAX_TRACES = 5;
const MAX_TRACE_EVENTS = 40;
const CHART_BINS = 96;

/** The ids the case is about: in the problem statement, then the pins, then the findings. */
export function reportTraces(
  index: CaseIndex,
  notes: CaseNotes,
  findings: readonly ReportFinding[],
  iso: Iso,
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
  for (const finding of findings) if (finding.requestIds[0]) add(finding.requestIds[0], 'finding');
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

/** Errors, warnings and the rest per bin over the whole case; null when no event has a time. */
export function reportChart(index: CaseIndex, iso: Iso): ReportChart | null {
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
