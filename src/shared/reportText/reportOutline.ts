/**
 * The pieces the report outline (outlineReport.ts) is built from: the sections in order and
 * their titles, the title line, the figures of the summary, findings grouped by category, the
 * redaction statement, time spans — and the sparkline the Markdown draws the chart with.
 */
import type { Report, ReportFinding } from '../report.ts';
import { CATEGORIES, SEVERITIES, type Category } from '../rules/ruleSpec.ts';
import { fill, type ReportWords } from './reportWords.ts';

/** The sections of a report, in order (also its table of contents). */
export const REPORT_SECTIONS = [
  'metadata',
  'statement',
  'summary',
  'findings',
  'timeline',
  'traces',
  'patterns',
  'pins',
  'artifacts',
  'comparison',
  'inventory',
  'conclusion',
  'redaction',
  'appendix',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The heading of a section. */
export function sectionTitle(section: ReportSection, words: ReportWords): string {
  const titles: Record<ReportSection, string> = {
    metadata: words.metadata,
    statement: words.statement,
    summary: words.summary,
    findings: words.findings,
    timeline: words.timeline,
    traces: words.traces,
    patterns: words.patterns,
    pins: words.pins,
    artifacts: words.artifacts,
    comparison: words.compare.section,
    inventory: words.inventory,
    conclusion: words.conclusion,
    redaction: words.redaction,
    appendix: words.appendix,
  };
  return titles[section];
}

/** The report's title line: the ticket when there is one, else the bundle. */
export function reportTitle(report: Report, words: ReportWords): string {
  const ticket = report.case?.ticket.trim();
  return ticket ? `${words.title} — ${ticket}` : `${words.title} — ${report.bundles.map((b) => b.name).join(', ')}`;
}

/** The one-sentence summary: findings by severity, files and events. */
export function summaryLine(report: Report, words: ReportWords): string {
  const by = Object.fromEntries(SEVERITIES.map((s) => [s, report.findings.filter((f) => f.severity === s).length]));
  const events = report.files.reduce((sum, f) => sum + f.events, 0);
  return fill(words.summaryLine, { findings: report.findings.length, ...by, files: report.files.length, events });
}

/** Findings per category, in the categories' order, most severe first within each (as ranked). */
export function findingsByCategory(report: Report): { category: Category; findings: ReportFinding[] }[] {
  return CATEGORIES.map((category) => ({
    category,
    findings: report.findings.filter((f) => f.category === category),
  })).filter((g) => g.findings.length > 0);
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Counts as a one-line bar chart (`▁▂▅█`); a blank for an empty bin, so quiet stretches show. */
export function sparkline(counts: readonly number[], max = Math.max(0, ...counts)): string {
  if (max === 0) return ' '.repeat(counts.length);
  return counts
    .map((n) =>
      n === 0 ? ' ' : BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((n / max) * (BLOCKS.length - 1) + 0.5))],
    )
    .join('');
}

/** What the report says about redaction. */
export function redactionStatement(report: Report, words: ReportWords): string {
  const r = report.redaction;
  if (!r || (!r.secrets && !r.network)) return words.redactionOff;
  const secretKinds = Object.entries(r.counts).filter(([kind]) => kind !== 'ip' && kind !== 'host' && kind !== 'email');
  const secrets =
    secretKinds.length === 0 ? words.redactionNone : secretKinds.map(([kind, n]) => `${kind} × ${n}`).join(', ');
  const secretsPart = r.secrets ? fill(words.redactionOn, { secrets, network: '' }).trim() : words.redactionSecretsOff;
  const network = r.network
    ? `${fill(words.redactionNetworkOn, { pseudonyms: r.pseudonyms })}${['ip', 'host', 'email'].some((k) => r.counts[k as 'ip']) ? ` (${['ip', 'host', 'email'].flatMap((k) => (r.counts[k as 'ip'] ? [`${k} × ${r.counts[k as 'ip']}`] : [])).join(', ')})` : ''}`
    : words.redactionNetworkOff;
  return `${secretsPart} ${network}`;
}

/** `first → last` of a span, either end possibly unknown. */
export function spanText(first: string | null, last: string | null): string {
  if (first === null && last === null) return '—';
  if (first === last || last === null) return first ?? '—';
  return `${first ?? '…'} → ${last}`;
}
