/**
 * The report JSON, schema `tarsier.report/1` (design.md, "Interfaces other tools rely on").
 * Times are ISO-8601 strings with an offset. Fields are only ever added, never renamed.
 */
import type { CaseArtifacts } from './artifacts/artifactModel.ts';
import type { EncodingName, FileKind, Level, LevelCounts } from './model.ts';
import type { Category, LocalizedText, Severity } from './rules/ruleSpec.ts';
import type { TriageSuggestion } from './rules/stages.ts';

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
  references: string[];
  /** The search that shows every event of the finding in Tarsier (null for artifact findings). */
  query: string | null;
}

/** The stage the report was ranked for (`analyze --stage`). */
export interface ReportStage {
  id: string;
  name: LocalizedText;
  /** Files of the case the stage table names, High Priority first. */
  files: { path: string; module: string; component: string; highPriority: boolean }[];
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
}
