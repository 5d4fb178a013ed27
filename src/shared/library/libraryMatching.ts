/**
 * The library in memory for matching: every case by key, and the inverted maps template key →
 * cases and rule → cases, so that what a case has in common with the library is found by
 * looking up its own templates and findings, never by walking every past case.
 */
import { newestFirst, refOf } from './libraryCase.ts';
import type { LibraryCase, LibraryMatches, LibraryRef, SimilarCase } from './libraryModel.ts';

/** Shared templates a similar case names as examples at most. */
export const MAX_EXAMPLES = 5;
/**
 * Past cases named per finding or per template at most (the newest): a template common to
 * hundreds of past cases would otherwise make the answer megabytes.
 */
export const MAX_REFS = 5;
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

/** The cases and their inverted maps (case keys as small numbers, so that counting is array work). */
export class LibraryLookup {
  readonly cases = new Map<string, LibraryCase>();
  /** Slot of each case key, and the key of each slot ('' when free). */
  private readonly slotOf = new Map<string, number>();
  private readonly keyOf: string[] = [];
  private readonly free: number[] = [];
  private readonly byTemplate = new Map<string, Set<number>>();
  private readonly byFinding = new Map<string, Set<number>>();
  /** Rank of each slot, newest first (rebuilt after a change). */
  private ranks: Int32Array | null = null;
  /** Each case's ref, made once. */
  private readonly refs = new WeakMap<LibraryCase, LibraryRef>();

  constructor(cases: Iterable<LibraryCase> = []) {
    for (const c of cases) this.put(c);
  }

  /** Adds a case, or replaces the one with its key. */
  put(c: LibraryCase): void {
    this.remove(c.key);
    const slot = this.free.pop() ?? this.keyOf.length;
    this.keyOf[slot] = c.key;
    this.slotOf.set(c.key, slot);
    this.cases.set(c.key, c);
    for (const t of c.templates) add(this.byTemplate, t.text, slot);
    for (const f of c.findings) add(this.byFinding, f.rule, slot);
    this.ranks = null;
  }

  /** Removes a case; false when it was not there. */
  remove(key: string): boolean {
    const c = this.cases.get(key);
    const slot = this.slotOf.get(key);
    if (!c || slot === undefined) return false;
    this.cases.delete(key);
    this.slotOf.delete(key);
    this.keyOf[slot] = '';
    this.free.push(slot);
    for (const t of c.templates) drop(this.byTemplate, t.text, slot);
    for (const f of c.findings) drop(this.byFinding, f.rule, slot);
    this.ranks = null;
    return true;
  }

  /** Slots in use (an upper bound of slot numbers). */
  get slots(): number {
    return this.keyOf.length;
  }

  slot(key: string): number | undefined {
    return this.slotOf.get(key);
  }

  caseAt(slot: number): LibraryCase {
    return this.cases.get(this.keyOf[slot])!;
  }

  /** The ref of the case in a slot. */
  refAt(slot: number): LibraryRef {
    const c = this.caseAt(slot);
    let ref = this.refs.get(c);
    if (!ref) this.refs.set(c, (ref = refOf(c)));
    return ref;
  }

  /** The slots of the cases that had this template. */
  withTemplate(text: string): ReadonlySet<number> {
    return this.byTemplate.get(text) ?? EMPTY;
  }

  /** The slots of the cases where this rule fired. */
  withFinding(rule: string): ReadonlySet<number> {
    return this.byFinding.get(rule) ?? EMPTY;
  }

  /** Every case, newest first. */
  newestFirst(): LibraryCase[] {
    return [...this.cases.values()].sort(newestFirst);
  }

  /** Rank per slot: 0 for the newest case. */
  rank(): Int32Array {
    if (!this.ranks) {
      const ranks = new Int32Array(this.keyOf.length).fill(-1);
      this.newestFirst().forEach((c, i) => (ranks[this.slotOf.get(c.key)!] = i));
      this.ranks = ranks;
    }
    return this.ranks;
  }
}

const EMPTY: ReadonlySet<number> = new Set();

function add(map: Map<string, Set<number>>, key: string, slot: number): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(slot);
}

function drop(map: Map<string, Set<number>>, key: string, slot: number): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(slot);
  if (set.size === 0) map.delete(key);
}

/**
 * What the library knows of the open case: past cases sharing an error or warning template or
 * a finding with it, most alike first (shared templates, then shared findings, then the newest);
 * per rule and per template of the open case, the past cases that had it too, newest first.
 */
export function matchLibrary(lookup: LibraryLookup, open: OpenCaseFacts, limit = DEFAULT_SIMILAR): LibraryMatches {
  const own = lookup.slot(open.key) ?? -1;
  const ranks = lookup.rank();
  const sharedTemplates = new Int32Array(lookup.slots);
  const sharedFindings = new Int32Array(lookup.slots);
  const templates: Record<string, LibraryRef[]> = {};
  const findings: Record<string, LibraryRef[]> = {};
  const openTemplates = [...new Set(open.templates)];
  const openFindings = [...new Set(open.findings)];
  for (const text of openTemplates) {
    const slots = lookup.withTemplate(text);
    if (slots.size === 0 || (slots.size === 1 && slots.has(own))) continue;
    for (const slot of slots) sharedTemplates[slot]++;
    templates[text] = newest(lookup, slots, own, ranks);
  }
  for (const rule of openFindings) {
    const slots = lookup.withFinding(rule);
    if (slots.size === 0 || (slots.size === 1 && slots.has(own))) continue;
    for (const slot of slots) sharedFindings[slot]++;
    findings[rule] = newest(lookup, slots, own, ranks);
  }
  // The best `limit` slots: shared templates, then shared findings, then the newest.
  const candidates: number[] = [];
  for (let slot = 0; slot < lookup.slots; slot++)
    if (slot !== own && (sharedTemplates[slot] > 0 || sharedFindings[slot] > 0)) candidates.push(slot);
  candidates.sort(
    (a, b) => sharedTemplates[b] - sharedTemplates[a] || sharedFindings[b] - sharedFindings[a] || ranks[a] - ranks[b],
  );
  const similar: SimilarCase[] = candidates.slice(0, limit).map((slot) => {
    const examples: string[] = [];
    for (const text of openTemplates) {
      if (examples.length >= MAX_EXAMPLES) break;
      if (lookup.withTemplate(text).has(slot)) examples.push(text);
    }
    return {
      ref: lookup.refAt(slot),
      sharedTemplates: sharedTemplates[slot],
      overlap: openTemplates.length === 0 ? 0 : sharedTemplates[slot] / openTemplates.length,
      sharedFindings: openFindings.filter((rule) => lookup.withFinding(rule).has(slot)),
      examples,
    };
  });
  return {
    size: lookup.cases.size - (own >= 0 ? 1 : 0),
    similar,
    findings,
    templates,
  };
}

/** The newest {@link MAX_REFS} cases of `slots` (`own` left out), as refs. */
function newest(lookup: LibraryLookup, slots: ReadonlySet<number>, own: number, ranks: Int32Array): LibraryRef[] {
  // A bounded insertion into the few best: linear in the slots, not a sort of them.
  const best: number[] = [];
  for (const slot of slots) {
    if (slot === own) continue;
    const rank = ranks[slot];
    if (best.length === MAX_REFS && rank >= ranks[best[MAX_REFS - 1]]) continue;
    let at = best.length;
    while (at > 0 && ranks[best[at - 1]] > rank) at--;
    best.splice(at, 0, slot);
    if (best.length > MAX_REFS) best.pop();
  }
  return best.map((slot) => lookup.refAt(slot));
}
