/**
 * The report JSON, schema `tarsier.report/1` (design.md, "Interfaces other tools rely on").
 * Times are ISO-8601 strings with an offset. Fields are only ever added, never renamed.
 */
import type { CaseArtifacts } from './artifacts/artifactModel.ts';
import type { EncodingName, FileKind, Level, LevelCounts } from './model.ts';
import type { Category, LocalizedText, Severity } from './rules/ruleSpec.ts';
import type { TriageSuggestion } from './rules/stages.ts';
import type { RedactionSummary } from './redact/redactor.ts';
import type { CaseComparison } from './compare/compareCases.ts';

/** Schema id written into every report. */
export const REPORT_SCHEMA = 'tarsier.report/1';

/** One bundle of the case. */
export interface ReportBundle {
  name: string;
  bytes: number;
  sha256: string | null;
  fileCount: number;
  firstTime: string | null;
  lastTime: string | null;
}

/** One file that was read. */
export interface ReportFile {
  path: string;
  bundle: string;
  module: string;
  component: string;
  kind: FileKind;
  format: string;
  encoding: EncodingName;
  bytes: number;
  lines: number;
  events: number;
  firstTime: string | null;
  lastTime: string | null;
  levels: LevelCounts;
  linesCut: number;
  invalidBytes: number;
  incomplete: string | null;
}

/** A correlated id worth attention: carried by at least one warning or error. */
export interface ReportRequest {
  id: string;
  /** What the id is, when the text said so (`global-request`, `cloudpods-rid`…). */
  role: string | null;
  /** `module/component` of every event carrying it. */
  components: string[];
  events: number;
  errors: number;
  warnings: number;
  firstTime: string | null;
  lastTime: string | null;
}

/** A line that shows a finding. */
export interface ReportEvidence {
  path: string;
  line: number;
  text: string;
  time: string | null;
  level: Level;
  /** The continuation line the rule matched, when it was not the first line. */
  match?: { line: number; text: string };
}

/** What one rule found in one component. */
export interface ReportFinding {
  rule: string;
  title: LocalizedText;
  /**
   * The message template the finding is about, for a finding made from the case's own patterns
   * rather than a rule (`unexplained-errors`). Customer text: redacted in reports, unlike the title.
   */
  pattern?: string;
  severity: Severity;
  category: Category;
  module: string;
  component: string;
  /** The analysed stage when the rule belongs to it (or to any stage), else the rule's first stage; null for a rule of any stage when no stage was analysed. */
  stage: string | null;
  stages: string[];
  count: number;
  firstTime: string | null;
  lastTime: string | null;
  evidence: ReportEvidence[];
  /** Request ids on the matching events, most frequent first. */
  requestIds: string[];
  advice: LocalizedText;
  /** Where the evidence placed the fault (the rule's placement), when it did. */
  place?: { side: string; peer: string | null; reason: LocalizedText; advice: LocalizedText };
  references: string[];
  /** The search that shows every event of the finding in Tarsier (null for artifact findings). */
  query: string | null;
  /** Found by a rule of the engineer's own, not a built-in one. */
  userRule?: true;
}

/** The stage the report was ranked for (`analyze --stage`). */
export interface ReportStage {
  id: string;
  name: LocalizedText;
  /** Files of the case the stage table names, High Priority first. */
  files: { path: string; module: string; component: string; highPriority: boolean }[];
}

/** Who, what and which ticket: the Case tab's fields, as the engineer wrote them. */
export interface ReportCase {
  ticket: string;
  customer: string;
  engineer: string;
  /** The problem as the customer saw it (error time, message, request/resource ids). */
  statement: string;
  /** Root cause and recommendations, or what is still unknown. */
  conclusion: string;
  /** The language the report's own words are in. */
  language: 'en' | 'zh';
  /** Lines of context printed before and after each pinned line. */
  contextLines: number;
}

/** A line of a file with its 1-based number (context around pinned evidence). */
export interface ReportLine {
  line: number;
  text: string;
}

/** A line the engineer pinned, with its context from its own file. */
export interface ReportPin {
  path: string;
  line: number;
  time: string | null;
  level: Level;
  component: string;
  text: string;
  note: string;
  /** Up to `contextLines` lines before and after, the pinned line included; empty when the file is not in the case. */
  context: ReportLine[];
  /** A search that finds the pinned line in Tarsier. */
  query: string;
}

/** A key event of the incident: a finding's first evidence line or a pin. */
export interface ReportTimelineEvent {
  time: string | null;
  /** `module/component`. */
  component: string;
  path: string;
  line: number;
  level: Level;
  text: string;
  /** What put it on the timeline: findings (their rule ids; one line can show several) or a pin. */
  source: { kind: 'finding'; rules: string[] } | { kind: 'pin' };
}

/** Events per time bin over the case, for the small timeline chart. */
export interface ReportChart {
  from: string;
  to: string;
  binMs: number;
  /** One count per bin for each band. */
  errors: number[];
  warnings: number[];
  other: number[];
}

/** An id the case is about (from the problem statement, the pins or the findings), followed across modules. */
export interface ReportTrace {
  id: string;
  /** Why it is in the report: `statement`, `pin` or `finding`. */
  reason: 'statement' | 'pin' | 'finding';
  components: string[];
  errors: number;
  firstTime: string | null;
  lastTime: string | null;
  /** Events in time order (at most 40; `omitted` says how many more). */
  events: { time: string | null; component: string; path: string; line: number; level: Level; text: string }[];
  omitted: number;
}

/** A message template of the case (the Patterns view), for the report's "Message patterns". */
export interface ReportPattern {
  id: number;
  /** Variables shown as `<*>`. */
  text: string;
  count: number;
  errors: number;
  warnings: number;
  firstTime: string | null;
  lastTime: string | null;
  /** The search that shows its events (`template:ID`). */
  query: string;
}

/** A search that reproduces an excerpt of the report in Tarsier. */
export interface ReportQuery {
  /** What it reproduces: `finding <rule> in <component>`, `pin <path>:<line>`, `trace <id>`. */
  what: string;
  query: string;
}

/** The whole report. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  generatedAt: string;
  generator: string;
  /** The zone zone-less timestamps were read in. */
  zone: string;
  /** The first bundle (most cases have one); all of them are in `bundles`. */
  bundle: ReportBundle;
  bundles: ReportBundle[];
  files: ReportFile[];
  skipped: { path: string; reason: string }[];
  problems: { path: string; reason: string }[];
  /** Request ids on warnings or errors, most errors first. */
  requests: ReportRequest[];
  /** Findings, most severe first (or ranked for `stage`). */
  findings: ReportFinding[];
  /** What non-log files and embedded blocks said: goroutine dumps, pods, versions, service stats. */
  artifacts: CaseArtifacts;
  stage: ReportStage | null;
  /** Where the findings lead in the seed's decision trees (question → answer → handling). */
  triage: TriageSuggestion[];
  /** The engineer's case fields; null when the report was made without them (`analyze` alone). */
  case: ReportCase | null;
  /** Product versions the bundle states (from the version artifacts): component, version, where. */
  versions: { component: string; version: string; path: string }[];
  /** Key events in time order, and the chart of the whole case. */
  timeline: { events: ReportTimelineEvent[]; chart: ReportChart | null };
  traces: ReportTrace[];
  /**
   * The warning/error message templates with the most warnings and errors (at most 10); absent
   * in reports made before the section existed.
   */
  patterns?: ReportPattern[];
  pins: ReportPin[];
  /** The searches that reproduce every excerpt. */
  queries: ReportQuery[];
  /** What was masked or pseudonymised; null when redaction was off. */
  redaction: RedactionSummary | null;
  /**
   * This case (A) compared with another bundle (B) — `analyze A --compare B`; absent when the
   * report was made without one. Times are ISO strings like the rest of the report.
   */
  comparison?: CaseComparison<string>;
}
