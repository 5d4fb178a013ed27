/**
 * Full-text search over the case library with MiniSearch: one document per case (ticket,
 * customer, problem, conclusion, finding titles in English and Chinese, bundle names, pinned
 * lines with their notes, templates), fuzzy and prefix, all words of the query required. Text is
 * cut by Tarsier's own tokenizer (shared/search/tokenize.ts): Han runs give every character and
 * every pair of neighbours, so a Chinese word of two characters or more is found through its
 * bigrams without a dictionary.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { refOf } from '../../../shared/library/libraryCase.ts';
import type { LibraryCase, LibraryHit } from '../../../shared/library/libraryModel.ts';
import { tokenize } from '../../../shared/search/tokenize.ts';

/** The fields of a case's document, in the order a hit names them. */
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
type Field = (typeof SEARCH_FIELDS)[number];
type CaseDocument = { id: string } & Record<Field, string>;

/** Characters of an excerpt at most. */
const EXCERPT_CHARS = 300;

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
    templates: c.templates.map((t) => t.text).join('\n'),
  };
}

const options = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize: (text: string) => tokenize(text),
  // tokenize lowercases already.
  processTerm: (term: string) => term,
  searchOptions: {
    boost: { ticket: 4, conclusion: 2, problem: 2, findings: 1.5, customer: 1.5 },
    // Single letters and Han characters are exact; a typo is forgiven in words of 4 or more.
    fuzzy: (term: string) => (term.length >= 4 && /^[\x20-\x7e]+$/.test(term) ? 0.2 : false),
    prefix: (term: string) => term.length >= 2,
    combineWith: 'AND' as const,
  },
};

/** A MiniSearch index of the library's cases. */
export class LibrarySearch {
  private readonly index: MiniSearch<CaseDocument>;

  private constructor(index: MiniSearch<CaseDocument>) {
    this.index = index;
  }

  static build(cases: Iterable<LibraryCase>): LibrarySearch {
    const index = new MiniSearch<CaseDocument>(options);
    index.addAll([...cases].map(documentOf));
    return new LibrarySearch(index);
  }

  /** Adds a case, or replaces the one with its key. */
  put(c: LibraryCase): void {
    if (this.index.has(c.key)) this.index.discard(c.key);
    this.index.add(documentOf(c));
  }

  remove(key: string): void {
    if (this.index.has(key)) this.index.discard(key);
  }

  /** The cases matching `query`, best first, with the fields matched and an excerpt. */
  search(query: string, cases: ReadonlyMap<string, LibraryCase>, limit: number): LibraryHit[] {
    if (tokenize(query).length === 0) return [];
    const results = this.index.search(query);
    const hits: LibraryHit[] = [];
    for (const result of results) {
      const c = cases.get(String(result.id));
      if (!c) continue;
      hits.push({ ref: refOf(c), score: result.score, fields: fieldsOf(result), excerpt: excerptOf(c, result) });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}

function fieldsOf(result: SearchResult): string[] {
  const matched = new Set(Object.values(result.match).flat());
  return SEARCH_FIELDS.filter((f) => matched.has(f));
}

/** The first pinned line, then template, holding one of the matched terms ('' when none does). */
function excerptOf(c: LibraryCase, result: SearchResult): string {
  const terms = result.terms;
  const holds = (text: string) => {
    const lower = text.toLowerCase();
    return terms.some((t) => lower.includes(t));
  };
  const line =
    c.pins.find((p) => holds(p.text))?.text ??
    c.pins.find((p) => holds(p.note))?.note ??
    c.templates.find((t) => holds(t.text))?.text ??
    '';
  return [...line].slice(0, EXCERPT_CHARS).join('');
}
