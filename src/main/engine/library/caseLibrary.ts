/**
 * The case library of this machine (shared/library/libraryModel.ts): one JSON file per case in
 * `<data folder>/library/<key>.json`, written atomically; loaded once per engine, on first use,
 * and then kept in memory with its inverted maps (shared/library/libraryMatching.ts) and its
 * MiniSearch index (librarySearch.ts). A damaged file is skipped and named in `problems`, never
 * fatal; it stays on disk for a person to look at until the case is saved again.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { refOf, sameContent } from '../../../shared/library/libraryCase.ts';
import { checkLibraryCase, checkLibraryFile, libraryFileOf } from '../../../shared/library/libraryFile.ts';
import { LibraryLookup, matchLibrary, type OpenCaseFacts } from '../../../shared/library/libraryMatching.ts';
import type {
  LibraryCase,
  LibraryFile,
  LibraryHit,
  LibraryMatches,
  LibraryQueryMatches,
  LibraryRef,
} from '../../../shared/library/libraryModel.ts';
import { libraryQueryMatches } from '../../../shared/library/libraryQuery.ts';
import type { RedactionOptions } from '../../../shared/redact/redactor.ts';
import { readJsonFile, writeJsonAtomic } from '../platform/jsonFile.ts';
import { LibrarySearch } from './librarySearch.ts';

/** The library's folder in a data folder. */
export const libraryDir = (dataDir: string): string => join(dataDir, 'library');

const CASE_FILE = /^[0-9a-f]{64}\.json$/;
/** Files read at once while loading. */
const READ_AT_ONCE = 32;

interface Loaded {
  lookup: LibraryLookup;
  /** Built on the first search (null until then). */
  search: LibrarySearch | null;
  problems: string[];
  /** How long the load took (ms): reading and checking the files and the inverted maps. */
  readMs: number;
  /** How long the search index took to build (ms; null: not built yet). */
  indexMs: number | null;
}

/** What an import did (api.ts `LibraryImport`). */
export interface LibraryImportResult {
  added: number;
  updated: number;
  problems: string[];
}

export class CaseLibrary {
  readonly dir: string;
  private loading: Promise<Loaded> | null = null;
  /** The write in progress per key: writes of one case run one after another. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(dataDir: string) {
    this.dir = libraryDir(dataDir);
  }

  /** The library, read on first use. */
  private load(): Promise<Loaded> {
    this.loading ??= this.read();
    return this.loading;
  }

  private async read(): Promise<Loaded> {
    const started = performance.now();
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => CASE_FILE.test(n)).sort();
    } catch {
      names = [];
    }
    const problems: string[] = [];
    const cases: LibraryCase[] = [];
    for (let i = 0; i < names.length; i += READ_AT_ONCE) {
      const batch = names.slice(i, i + READ_AT_ONCE);
      const read = await Promise.all(batch.map((n) => readJsonFile(join(this.dir, n))));
      read.forEach((file, j) => {
        const where = `library/${batch[j]}`;
        if (!file.ok) return void problems.push(`${where}: ${file.problem}`);
        const checked = checkLibraryCase(file.value, where);
        if (!checked.ok) return void problems.push(...checked.problems);
        if (`${checked.value.key}.json` !== batch[j])
          return void problems.push(`${where}: holds the case ${checked.value.key}, not the one it is named after`);
        cases.push(checked.value);
      });
    }
    const lookup = new LibraryLookup(cases);
    return { lookup, search: null, problems, readMs: performance.now() - started, indexMs: null };
  }

  /** The search index, built from the cases on first use. */
  private async searchIndex(): Promise<{ loaded: Loaded; search: LibrarySearch }> {
    const loaded = await this.load();
    if (!loaded.search) {
      const started = performance.now();
      loaded.search = LibrarySearch.build(loaded.lookup.cases.values());
      loaded.indexMs = performance.now() - started;
    }
    return { loaded, search: loaded.search };
  }

  /** The files that did not load, each named with why. */
  async problems(): Promise<string[]> {
    return [...(await this.load()).problems];
  }

  /** How long the first load took (bench): reading and checking the files, then building the search index. */
  async loadTimes(): Promise<{ cases: number; readMs: number; indexMs: number }> {
    const { loaded } = await this.searchIndex();
    return { cases: loaded.lookup.cases.size, readMs: loaded.readMs, indexMs: loaded.indexMs ?? 0 };
  }

  /** Remembers a problem met outside the load (a write that failed), for `problems`. */
  async note(problem: string): Promise<void> {
    (await this.load()).problems.push(problem);
  }

  /** One case as kept, or null. */
  async get(key: string): Promise<LibraryCase | null> {
    return (await this.load()).lookup.cases.get(key) ?? null;
  }

  /** Keeps a case (replacing its entry); a case the library already holds as it is is not written again. */
  async put(c: LibraryCase): Promise<'written' | 'unchanged'> {
    const loaded = await this.load();
    const kept = loaded.lookup.cases.get(c.key);
    if (kept && sameContent(kept, c)) return 'unchanged';
    loaded.lookup.put(c);
    loaded.search?.put(c);
    await this.serialized(c.key, () => writeJsonAtomic(this.file(c.key), c));
    return 'written';
  }

  /** Removes a case; false when the library did not hold it. */
  async remove(key: string): Promise<boolean> {
    const loaded = await this.load();
    const removed = loaded.lookup.remove(key);
    loaded.search?.remove(key);
    await this.serialized(key, () => rm(this.file(key), { force: true }));
    return removed;
  }

  /** Every case, newest first. */
  async list(): Promise<LibraryRef[]> {
    return (await this.load()).lookup.newestFirst().map(refOf);
  }

  /** Every case as kept, newest first. */
  async cases(): Promise<LibraryCase[]> {
    return (await this.load()).lookup.newestFirst();
  }

  /** What the library knows of the open case (see `matchLibrary`). */
  async matches(open: OpenCaseFacts, limit?: number): Promise<LibraryMatches> {
    return matchLibrary((await this.load()).lookup, open, limit);
  }

  /** The cases matching a free-text query. */
  async search(query: string, limit: number): Promise<LibraryHit[]> {
    const { loaded, search } = await this.searchIndex();
    return search.search(query, loaded.lookup, limit);
  }

  /** How many past cases (all but `exceptKey`'s) a Tarsier query matches, or why it cannot be run. */
  async queryMatches(
    query: string,
    exceptKey: string | null = null,
  ): Promise<{ ok: true; value: LibraryQueryMatches } | { ok: false; error: string }> {
    return libraryQueryMatches(query, (await this.load()).lookup.cases.values(), exceptKey);
  }

  /** The library as one file, redacted as asked. */
  async exportFile(options: RedactionOptions, now = Date.now()): Promise<{ fileName: string; file: LibraryFile }> {
    return libraryFileOf(await this.cases(), options, now);
  }

  /**
   * Adds the cases of a parsed library file (origin 'imported'): a case the library holds already
   * is replaced only by a newer copy; each case left out is named with why.
   */
  async importFile(value: unknown): Promise<{ ok: true; value: LibraryImportResult } | { ok: false; error: string }> {
    const checked = checkLibraryFile(value);
    if (!checked.ok) return checked;
    const loaded = await this.load();
    const problems = [...checked.problems];
    let added = 0;
    let updated = 0;
    for (let i = 0; i < checked.cases.length; i++) {
      const c: LibraryCase = { ...checked.cases[i], origin: 'imported' };
      const kept = loaded.lookup.cases.get(c.key);
      if (kept && kept.savedAt >= c.savedAt) {
        problems.push(
          `cases[${checked.at[i]}]${c.ticket ? ` (${c.ticket})` : ''}: not newer than the copy the library has (saved ${new Date(kept.savedAt).toISOString()}); kept that one`,
        );
        continue;
      }
      await this.put(c);
      if (kept) updated++;
      else added++;
    }
    return { ok: true, value: { added, updated, problems } };
  }

  private file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`caseLibrary: bad case key ${JSON.stringify(key)}`);
    return join(this.dir, `${key}.json`);
  }

  private async serialized(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.writing.get(key) ?? Promise.resolve();
    const write = previous.catch(() => undefined).then(work);
    this.writing.set(key, write);
    try {
      await write;
    } finally {
      if (this.writing.get(key) === write) this.writing.delete(key);
    }
  }
}
