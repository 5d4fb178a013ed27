/**
 * The library in memory for matching: every case by key, and the inverted maps template key →
 * cases and rule → cases, so that what a case has in common with the library is found by
 * looking up its own templates and findings, never by walking every past case.
 */
import { newestFirst, refOf } from './libraryCase.ts';
import type { LibraryCase, LibraryMatches, LibraryRef, SimilarCase } from './libraryModel.ts';

/** Shared templates a similar case names as examples at most. */
export const MAX_EXAMPLES = 5;
/** Past cases named per finding or per template at most. */
export const MAX_REFS = 20;
/** Similar cases listed by default. */
export const DEFAULT_SIMILAR = 20;

/** What the open case brings to a match. */
export interface OpenCaseFacts {
  /** The open case's own key: its entry is left out. */
  key: string;
  /** Its error and warning templates (template keys), errors first. */
  templates: readonly string[];
  /** The rules that fired. */
  findings: readonly string[];
}

/** The cases and their inverted maps. */
export class LibraryLookup {
  readonly cases = new Map<string, LibraryCase>();
  private readonly byTemplate = new Map<string, Set<string>>();
  private readonly byFinding = new Map<string, Set<string>>();

  constructor(cases: Iterable<LibraryCase> = []) {
    for (const c of cases) this.put(c);
  }

  /** Adds a case, or replaces the one with its key. */
  put(c: LibraryCase): void {
    this.remove(c.key);
    this.cases.set(c.key, c);
    for (const t of c.templates) add(this.byTemplate, t.text, c.key);
    for (const f of c.findings) add(this.byFinding, f.rule, c.key);
  }

  /** Removes a case; false when it was not there. */
  remove(key: string): boolean {
    const c = this.cases.get(key);
    if (!c) return false;
    this.cases.delete(key);
    for (const t of c.templates) drop(this.byTemplate, t.text, key);
    for (const f of c.findings) drop(this.byFinding, f.rule, key);
    return true;
  }

  /** The keys of the cases that had this template. */
  withTemplate(text: string): ReadonlySet<string> {
    return this.byTemplate.get(text) ?? EMPTY;
  }

  /** The keys of the cases where this rule fired. */
  withFinding(rule: string): ReadonlySet<string> {
    return this.byFinding.get(rule) ?? EMPTY;
  }

  /** Every case, newest first. */
  newestFirst(): LibraryCase[] {
    return [...this.cases.values()].sort(newestFirst);
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function add(map: Map<string, Set<string>>, key: string, caseKey: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(caseKey);
}

function drop(map: Map<string, Set<string>>, key: string, caseKey: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(caseKey);
  if (set.size === 0) map.delete(key);
}

/**
 * What the library knows of the open case: past cases sharing an error or warning template or
 * a finding with it, most alike first (shared templates, then shared findings, then the newest);
 * per rule and per template of the open case, the past cases that had it too, newest first.
 */
export function matchLibrary(lookup: LibraryLookup, open: OpenCaseFacts, limit = DEFAULT_SIMILAR): LibraryMatches {
  const own = open.key;
  const shared = new Map<string, string[]>();
  const sharedRules = new Map<string, string[]>();
  const templates: Record<string, LibraryRef[]> = {};
  const findings: Record<string, LibraryRef[]> = {};
  const openTemplates = [...new Set(open.templates)];
  for (const text of openTemplates) {
    const keys = [...lookup.withTemplate(text)].filter((k) => k !== own);
    if (keys.length === 0) continue;
    for (const k of keys) {
      const list = shared.get(k);
      if (list) list.push(text);
      else shared.set(k, [text]);
    }
    templates[text] = refsOf(lookup, keys);
  }
  for (const rule of new Set(open.findings)) {
    const keys = [...lookup.withFinding(rule)].filter((k) => k !== own);
    if (keys.length === 0) continue;
    for (const k of keys) {
      const list = sharedRules.get(k);
      if (list) list.push(rule);
      else sharedRules.set(k, [rule]);
    }
    findings[rule] = refsOf(lookup, keys);
  }
  const similar: SimilarCase[] = [];
  for (const k of new Set([...shared.keys(), ...sharedRules.keys()])) {
    const c = lookup.cases.get(k)!;
    const texts = shared.get(k) ?? [];
    similar.push({
      ref: refOf(c),
      sharedTemplates: texts.length,
      overlap: openTemplates.length === 0 ? 0 : texts.length / openTemplates.length,
      sharedFindings: sharedRules.get(k) ?? [],
      examples: texts.slice(0, MAX_EXAMPLES),
    });
  }
  similar.sort(
    (a, b) =>
      b.sharedTemplates - a.sharedTemplates ||
      b.sharedFindings.length - a.sharedFindings.length ||
      newestFirst(a.ref, b.ref),
  );
  return {
    size: lookup.cases.size - (lookup.cases.has(own) ? 1 : 0),
    similar: similar.slice(0, limit),
    findings,
    templates,
  };
}

function refsOf(lookup: LibraryLookup, keys: string[]): LibraryRef[] {
  return keys
    .map((k) => lookup.cases.get(k)!)
    .sort(newestFirst)
    .slice(0, MAX_REFS)
    .map(refOf);
}
