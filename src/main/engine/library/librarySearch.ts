/**
 * Full-text search over the case library with MiniSearch, fuzzy and prefix, every word of the
 * query required (in any field). Two indexes:
 *
 * - one document per case: ticket, customer, problem, conclusion, finding titles (English and
 *   Chinese), bundle names, pinned lines with their notes;
 * - one document per distinct error or warning template: past cases share most of theirs, so
 *   each is indexed once, and a template's hits become cases through the library's inverted map.
 *
 * Text is cut by Tarsier's own tokenizer (shared/search/tokenize.ts): Han runs give every
 * character and every pair of neighbours, so a Chinese word of two characters or more is found
 * through its bigrams without a dictionary. Built on the first search, not when the library
 * loads: the matches of an opened case need only the inverted maps.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { LibraryLookup } from '../../../shared/library/libraryMatching.ts';
import type { LibraryCase, LibraryHit } from '../../../shared/library/libraryModel.ts';
import { tokenize } from '../../../shared/search/tokenize.ts';

/** The fields a hit may name, in this order. */
export const SEARCH_FIELDS = [
  'ticket',
  'customer',
  'problem',
  'conclusion',
  'findings',
  'names',
  'pins',
  'templates',
] as const;
type CaseField = Exclude<(typeof SEARCH_FIELDS)[number], 'templates'>;
type CaseDocument = { id: string } & Record<CaseField, string>;
type TemplateDocument = { id: number; text: string };

/** Characters of an excerpt at most. */
const EXCERPT_CHARS = 300;
/** A template's score counts less than a word the engineer wrote. */
const TEMPLATE_WEIGHT = 0.5;

function documentOf(c: LibraryCase): CaseDocument {
  return {
    id: c.key,
    ticket: c.ticket,
    customer: c.customer,
    problem: c.problem,
    conclusion: c.conclusion,
    findings: c.findings.map((f) => `${f.rule}\n${f.title.en}\n${f.title.zh}`).join('\n'),
    names: c.names.join('\n'),
    pins: c.pins.map((p) => `${p.text}\n${p.note}`).join('\n'),
  };
}

// Each word once per field: what a document holds matters, not how often.
const distinctTokens = (text: string) => [...new Set(tokenize(text))];

const isHan = (c: number): boolean =>
  (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

/**
 * The words of a query, each required: the tokenizer's, less a single Han character of a longer
 * run (its bigrams, also required, already hold it).
 */
export function queryWords(query: string): string[] {
  const words = distinctTokens(query);
  const pairs = words.filter((w) => w.length === 2 && isHan(w.charCodeAt(0)) && isHan(w.charCodeAt(1)));
  if (pairs.length === 0) return words;
  const covered = new Set(pairs.flatMap((p) => [p[0], p[1]]));
  return words.filter((w) => !(w.length === 1 && covered.has(w)));
}

const searchOptions: SearchOptions = {
  // A word of 3 characters or more, or a Han pair, is also the start of longer ones.
  prefix: (term: string) => term.length >= 3 || (term.length === 2 && isHan(term.charCodeAt(0))),
  combineWith: 'AND',
};

/**
 * A typo is forgiven in words of 4 letters or more (not in numbers, ids or Han characters), when
 * the word as typed is found nowhere: the fuzzy walk of the index's words cost as much as the
 * rest of a search, and a word that is found needs no correction.
 */
const fuzzyOptions: SearchOptions = {
  fuzzy: (term: string) => (term.length >= 4 && /^[a-z_]+$/.test(term) ? 0.2 : false),
};

const base = {
  storeFields: [],
  tokenize: distinctTokens,
  // tokenize lowercases already.
  processTerm: (term: string) => term,
};

const caseOptions: Options<CaseDocument> = {
  ...base,
  fields: SEARCH_FIELDS.filter((f): f is CaseField => f !== 'templates'),
  searchOptions: { ...searchOptions, boost: { ticket: 4, conclusion: 2, problem: 2, findings: 1.5, customer: 1.5 } },
};
const templateOptions: Options<TemplateDocument> = { ...base, fields: ['text'], searchOptions };

/** The MiniSearch indexes of the library's cases and templates. */
export class LibrarySearch {
  private readonly cases = new MiniSearch<CaseDocument>(caseOptions);
  private readonly templates = new MiniSearch<TemplateDocument>(templateOptions);
  private readonly templateIds = new Map<string, number>();
  private readonly templateTexts: string[] = [];
  /** Per template id, the slots of the cases that have it, as the lookup had them at the last change. */
  private readonly slotsOf = new Map<number, Int32Array>();

  static build(cases: Iterable<LibraryCase>): LibrarySearch {
    const search = new LibrarySearch();
    const list = [...cases];
    search.cases.addAll(list.map(documentOf));
    for (const c of list) search.addTemplates(c);
    return search;
  }

  /** Adds a case, or replaces the one with its key. */
  put(c: LibraryCase): void {
    this.remove(c.key);
    this.slotsOf.clear();
    this.cases.add(documentOf(c));
    this.addTemplates(c);
  }

  /** Removes a case (its templates stay indexed: a template no case has any more matches no case). */
  remove(key: string): void {
    if (this.cases.has(key)) this.cases.discard(key);
    this.slotsOf.clear();
  }

  /** The slots of the cases with template `id` (a typed array: a common word walks thousands of these). */
  private slotsWith(id: number, lookup: LibraryLookup): Int32Array {
    let slots = this.slotsOf.get(id);
    if (!slots) this.slotsOf.set(id, (slots = Int32Array.from(lookup.withTemplate(this.templateTexts[id]))));
    return slots;
  }

  private addTemplates(c: LibraryCase): void {
    for (const t of c.templates) {
      if (this.templateIds.has(t.text)) continue;
      const id = this.templateTexts.length;
      this.templateIds.set(t.text, id);
      this.templateTexts.push(t.text);
      this.templates.add({ id, text: t.text });
    }
  }

  /** The cases matching every word of `query` (in any field), best first, with the fields matched and an excerpt. */
  search(query: string, lookup: LibraryLookup, limit: number): LibraryHit[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    // Per case slot: arrays, not maps: a common word reaches every case through its templates.
    const n = lookup.slots;
    const total = new Float64Array(n);
    const alive = new Uint8Array(n).fill(1);
    const fields = new Uint16Array(n);
    const bestTemplate = new Int32Array(n).fill(-1);
    const bestTemplateScore = new Float64Array(n);
    const terms = new Map<number, Set<string>>();
    const templatesBit = 1 << SEARCH_FIELDS.indexOf('templates');
    for (const word of words) {
      let caseResults = this.cases.search(word);
      let templateResults = this.templates.search(word);
      if (caseResults.length === 0 && templateResults.length === 0) {
        caseResults = this.cases.search(word, fuzzyOptions);
        templateResults = this.templates.search(word, fuzzyOptions);
      }
      const own = new Float64Array(n);
      const viaTemplate = new Float64Array(n);
      const matched = new Uint8Array(n);
      for (const result of caseResults) {
        const slot = lookup.slot(String(result.id));
        if (slot === undefined || alive[slot] === 0) continue;
        matched[slot] = 1;
        own[slot] += result.score;
        let seen = terms.get(slot);
        if (!seen) terms.set(slot, (seen = new Set()));
        for (const [term, in_] of Object.entries(result.match)) {
          seen.add(term);
          for (const f of in_) fields[slot] |= 1 << SEARCH_FIELDS.indexOf(f as CaseField);
        }
      }
      for (const result of templateResults) {
        const id = result.id as number;
        // A case counts its best template once per word, not each of its templates.
        const score = result.score * TEMPLATE_WEIGHT;
        const slots = this.slotsWith(id, lookup);
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i];
          if (alive[slot] === 0) continue;
          matched[slot] = 1;
          fields[slot] |= templatesBit;
          if (score > viaTemplate[slot]) viaTemplate[slot] = score;
          if (score > bestTemplateScore[slot]) {
            bestTemplateScore[slot] = score;
            bestTemplate[slot] = id;
          }
        }
      }
      let any = false;
      for (let slot = 0; slot < n; slot++) {
        if (alive[slot] === 0) continue;
        if (matched[slot] === 0) alive[slot] = 0;
        else {
          total[slot] += own[slot] + viaTemplate[slot];
          any = true;
        }
      }
      if (!any) return [];
    }
    const ranked: number[] = [];
    for (let slot = 0; slot < n; slot++) if (alive[slot] === 1 && total[slot] > 0) ranked.push(slot);
    ranked.sort((a, b) => total[b] - total[a] || (lookup.caseAt(a).key < lookup.caseAt(b).key ? -1 : 1));
    return ranked.slice(0, limit).map((slot) => ({
      ref: lookup.refAt(slot),
      score: total[slot],
      fields: SEARCH_FIELDS.filter((_, i) => (fields[slot] & (1 << i)) !== 0),
      excerpt: excerptOf(
        lookup.caseAt(slot),
        [...(terms.get(slot) ?? [])],
        bestTemplate[slot] < 0 ? null : this.templateTexts[bestTemplate[slot]],
      ),
    }));
  }
}

/** The first pinned line (or note) holding a matched word, else the best matching template ('' when none). */
function excerptOf(c: LibraryCase, terms: string[], template: string | null): string {
  const holds = (text: string) => {
    const lower = text.toLowerCase();
    return terms.some((t) => lower.includes(t));
  };
  const line = c.pins.find((p) => holds(p.text))?.text ?? c.pins.find((p) => holds(p.note))?.note ?? template ?? '';
  return [...line].slice(0, EXCERPT_CHARS).join('');
}
