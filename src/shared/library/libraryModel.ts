/**
 * The case library (issue 18, part 2): what each saved case leaves behind on this machine —
 * its findings, its conclusion, its pinned lines and its error and warning templates — so that
 * a case opened later can say "seen before in TCK-4711 (2026-11-03, concluded: …)" and list the
 * past cases most like it. Kept by the engine in `<data folder>/library/`, searched with
 * MiniSearch; exported and imported as one {@link LibraryFile}.
 */
import type { LocalizedText, Severity } from '../rules/ruleSpec.ts';

/** Schema id of an exported library file. */
export const LIBRARY_FORMAT = 'tarsier.library/1';

/** Templates kept per case at most (errors first, then warnings, each most frequent first). */
export const MAX_LIBRARY_TEMPLATES = 300;
/** Pinned lines kept per case at most. */
export const MAX_LIBRARY_PINS = 100;

/** An error or warning message template of a past case (text as `templateKey` gives it). */
export interface LibraryTemplate {
  text: string;
  level: 'error' | 'warning';
  count: number;
}

/** A finding of a past case. */
export interface LibraryFinding {
  rule: string;
  title: LocalizedText;
  severity: Severity;
  /** The rule was one of the engineer's own (their rules folder), not a built-in one. */
  user?: true;
}

/** A pinned line of a past case, with the engineer's note on it. */
export interface LibraryPin {
  /** The bundle path of the line's file. */
  path: string;
  text: string;
  note: string;
}

/** What the library keeps of one case. */
export interface LibraryCase {
  /** The case's key (sha256 of its bundles' sha256s): a case saved again replaces its entry. */
  key: string;
  ticket: string;
  customer: string;
  problem: string;
  conclusion: string;
  /** The bundles' file names. */
  names: string[];
  /** When the case was last saved (epoch ms). */
  savedAt: number;
  findings: LibraryFinding[];
  templates: LibraryTemplate[];
  pins: LibraryPin[];
  /** Saved on this machine, or brought in by `importLibrary`. */
  origin: 'local' | 'imported';
}

/** A past case as a match names it: "seen before in TCK-4711 (2026-11-03, concluded: …)". */
export interface LibraryRef {
  key: string;
  /** The ticket, or '' when the case had none (the UI then names its first bundle). */
  ticket: string;
  names: string[];
  savedAt: number;
  /** The conclusion's first line, at most 200 characters ('' when none was written). */
  conclusion: string;
  origin: 'local' | 'imported';
}

/** A past case like the open one, ranked by the error and warning templates both have. */
export interface SimilarCase {
  ref: LibraryRef;
  /** Templates both cases have. */
  sharedTemplates: number;
  /** Of the open case's error and warning templates, the share the past case also has (0–1). */
  overlap: number;
  /** Rules that fired in both. */
  sharedFindings: string[];
  /** A few of the shared templates, errors first. */
  examples: string[];
}

/** What the library knows of the open case (its own entry left out). */
export interface LibraryMatches {
  /** Cases in the library (its own entry not counted). */
  size: number;
  /** Most alike first: shared templates, then shared findings, then the newest. */
  similar: SimilarCase[];
  /** Rule id → past cases where that rule fired too, newest first. */
  findings: Record<string, LibraryRef[]>;
  /** Template key (`templateKey`) of the open case → past cases that had it, newest first. */
  templates: Record<string, LibraryRef[]>;
}

/** One hit of a search of the library (MiniSearch: fuzzy, prefix, Chinese). */
export interface LibraryHit {
  ref: LibraryRef;
  score: number;
  /** The fields the query matched in (ticket, conclusion, templates, pins, …). */
  fields: string[];
  /** The first matching template or pinned line, for the hit's second line ('' when none). */
  excerpt: string;
}

/** The library as one file (what `exportLibrary` writes and `importLibrary` reads). */
export interface LibraryFile {
  format: typeof LIBRARY_FORMAT;
  exportedAt: number;
  /** What was masked on export (shared/redact). */
  redacted: { secrets: boolean; network: boolean };
  cases: LibraryCase[];
}

/** How many past cases (and of their templates and pinned lines) a query matches. */
export interface LibraryQueryMatches {
  cases: number;
  templates: number;
  pins: number;
  /** The matching past cases, newest first (at most 20). */
  refs: LibraryRef[];
}
