/**
 * What one case leaves in the library (libraryModel.ts): built from the engineer's notes, the
 * case's findings and its error and warning templates (the compare summary's, keyed by
 * `templateKey`), and how a past case is named in a match (`LibraryRef`).
 */
import type { CaseNotes } from '../caseNotes.ts';
import { templateKey } from '../compare/compareCases.ts';
import type { LocalizedText, Severity } from '../rules/ruleSpec.ts';
import {
  MAX_LIBRARY_PINS,
  MAX_LIBRARY_TEMPLATES,
  type LibraryCase,
  type LibraryFinding,
  type LibraryRef,
  type LibraryTemplate,
} from './libraryModel.ts';

/** Characters of a conclusion a ref carries at most. */
export const REF_CONCLUSION_CHARS = 200;

/** A template of the case with its level mix (the compare summary's `TemplateSummary` fits). */
export interface TemplateCounts {
  text: string;
  errors: number;
  warnings: number;
}

/** A finding of the case (the diagnosis's `Finding` fits). */
export interface FindingFacts {
  rule: string;
  title: LocalizedText;
  severity: Severity;
  userRule?: boolean;
}

/** What a case gives the library (its findings and templates through {@link libraryFindings} and {@link libraryTemplates}). */
export interface LibraryInput {
  key: string;
  names: string[];
  savedAt: number;
  notes: CaseNotes;
  findings: LibraryFinding[];
  templates: LibraryTemplate[];
}

/**
 * The case's error and warning templates: one per `templateKey` (counts of templates with the
 * same key added), a template with any error line an error one, errors first, then warnings,
 * each most frequent first, at most {@link MAX_LIBRARY_TEMPLATES}.
 */
export function libraryTemplates(templates: readonly TemplateCounts[]): LibraryTemplate[] {
  const byKey = new Map<string, { errors: number; warnings: number }>();
  for (const t of templates) {
    if (t.errors === 0 && t.warnings === 0) continue;
    const key = templateKey(t.text);
    const seen = byKey.get(key) ?? { errors: 0, warnings: 0 };
    seen.errors += t.errors;
    seen.warnings += t.warnings;
    byKey.set(key, seen);
  }
  const out: LibraryTemplate[] = [...byKey].map(([text, n]) =>
    n.errors > 0 ? { text, level: 'error', count: n.errors } : { text, level: 'warning', count: n.warnings },
  );
  out.sort(
    (a, b) =>
      (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) ||
      b.count - a.count ||
      (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  );
  return out.slice(0, MAX_LIBRARY_TEMPLATES);
}

/** The findings, one per rule, in the diagnosis's order. */
export function libraryFindings(findings: readonly FindingFacts[]): LibraryFinding[] {
  const seen = new Set<string>();
  const out: LibraryFinding[] = [];
  for (const f of findings) {
    if (seen.has(f.rule)) continue;
    seen.add(f.rule);
    out.push({
      rule: f.rule,
      title: { en: f.title.en, zh: f.title.zh },
      severity: f.severity,
      ...(f.userRule ? { user: true as const } : {}),
    });
  }
  return out;
}

/** The library's entry for a case (origin 'local'). */
export function libraryCaseOf(input: LibraryInput): LibraryCase {
  const { notes } = input;
  return {
    key: input.key,
    ticket: notes.ticket.trim(),
    customer: notes.customer.trim(),
    problem: notes.statement.trim(),
    conclusion: notes.conclusion.trim(),
    names: [...input.names],
    savedAt: input.savedAt,
    findings: input.findings,
    templates: input.templates,
    pins: notes.pins.slice(0, MAX_LIBRARY_PINS).map((p) => ({ path: p.path, text: p.text, note: p.note })),
    origin: 'local',
  };
}

/** Whether the engineer wrote anything of their own: a ticket, a problem, a conclusion or a pin. */
export function hasEngineerText(c: LibraryCase): boolean {
  return c.ticket !== '' || c.problem !== '' || c.conclusion !== '' || c.pins.length > 0;
}

/**
 * Whether a case is worth remembering: the engineer wrote something of their own, or it has
 * at least one error template or finding to be recognised by later (a case of warnings only
 * and nothing written is not kept: it would only add noise to the matches).
 */
export function worthKeeping(c: LibraryCase): boolean {
  return hasEngineerText(c) || c.findings.length > 0 || c.templates.some((t) => t.level === 'error');
}

/** The first non-empty line of a conclusion, at most {@link REF_CONCLUSION_CHARS} characters. */
export function conclusionLine(conclusion: string): string {
  const line = conclusion.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return [...line.trim()].slice(0, REF_CONCLUSION_CHARS).join('');
}

/** How a match names a past case. */
export function refOf(c: LibraryCase): LibraryRef {
  return {
    key: c.key,
    ticket: c.ticket,
    names: c.names,
    savedAt: c.savedAt,
    conclusion: conclusionLine(c.conclusion),
    origin: c.origin,
  };
}

/** Newest first, then by key (a stable order for equal times). */
export const newestFirst = (a: Pick<LibraryCase, 'savedAt' | 'key'>, b: Pick<LibraryCase, 'savedAt' | 'key'>): number =>
  b.savedAt - a.savedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The same case apart from when it was saved (a save that changed nothing is not written). */
export function sameContent(a: LibraryCase, b: LibraryCase): boolean {
  return JSON.stringify({ ...a, savedAt: 0 }) === JSON.stringify({ ...b, savedAt: 0 });
}
