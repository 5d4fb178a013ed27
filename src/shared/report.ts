/**
 * The report JSON, schema `tarsier.report/1` (design.md, "Interfaces other tools rely on").
 * Times are ISO-8601 strings with an offset. Fields are only ever added, never renamed.
 */
import type { EncodingName, FileKind, LevelCounts } from './model.ts';

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
}
