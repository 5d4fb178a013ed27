/**
 * The cases kept on this machine: one JSON file per case in `<data folder>/cases/`, named after
 * the bundles' identity (their sha256s), holding the engineer's notes, pins, stage, filters and
 * report draft. Written atomically; a damaged file is treated as no saved state (and left for a
 * person to look at), never as an error that stops the case from opening.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { writeJsonAtomic } from '../platform/jsonFile.ts';
import { join } from 'node:path';
import type { Inventory } from '../../../shared/api.ts';
import { sanitizeCaseState, type CaseState, type SavedCase } from '../../../shared/caseState.ts';
import type { TimeSettings } from '../../../shared/timeSettings.ts';

const VERSION = 1;
const MAX_LISTED = 50;

interface StoredCase {
  version: number;
  key: string;
  names: string[];
  paths: string[];
  updatedAt: number;
  state: CaseState;
}

/** The identity of a case's bundles: sha256 of their sha256s (name and size for a folder). */
export function caseKeyOf(inventory: Inventory): string {
  const parts = inventory.bundles.map((b) => b.sha256 ?? `${b.name}:${b.bytes}`);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

export class CaseStore {
  private readonly dir: string;
  /** The write in progress per key: saves of one case run one after another, the last one wins. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'cases');
  }

  private file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`caseStore: bad case key ${JSON.stringify(key)}`);
    return join(this.dir, `${key}.json`);
  }

  private async read(key: string): Promise<StoredCase | null> {
    try {
      const value = JSON.parse(await readFile(this.file(key), 'utf8')) as Partial<StoredCase>;
      if (value.version !== VERSION || value.key !== key) return null;
      return {
        version: VERSION,
        key,
        names: Array.isArray(value.names) ? value.names.map(String) : [],
        paths: Array.isArray(value.paths) ? value.paths.map(String) : [],
        updatedAt: Number(value.updatedAt) || 0,
        state: sanitizeCaseState(value.state),
      };
    } catch {
      return null;
    }
  }

  async load(key: string): Promise<CaseState | null> {
    return (await this.read(key))?.state ?? null;
  }

  async save(key: string, state: CaseState, meta: { names: string[]; paths: string[] }): Promise<void> {
    const stored: StoredCase = {
      version: VERSION,
      key,
      names: meta.names,
      paths: meta.paths,
      updatedAt: Date.now(),
      state: sanitizeCaseState(state),
    };
    const previous = this.writing.get(key) ?? Promise.resolve();
    const write = previous.catch(() => undefined).then(() => this.write(key, stored));
    this.writing.set(key, write);
    try {
      await write;
    } finally {
      if (this.writing.get(key) === write) this.writing.delete(key);
    }
  }

  private async write(key: string, stored: StoredCase): Promise<void> {
    await writeJsonAtomic(this.file(key), stored);
  }

  /** The saved cases, most recently changed first. */
  async list(): Promise<SavedCase[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => /^[0-9a-f]{64}\.json$/.test(n));
    } catch {
      return [];
    }
    const cases = (await Promise.all(names.map((n) => this.read(n.slice(0, -5))))).filter(
      (c): c is StoredCase => c !== null,
    );
    cases.sort((a, b) => b.updatedAt - a.updatedAt);
    return cases.slice(0, MAX_LISTED).map((c) => ({
      key: c.key,
      names: c.names,
      paths: c.paths,
      ticket: c.state.notes.ticket,
      pins: c.state.notes.pins.length,
      updatedAt: c.updatedAt,
    }));
  }

  /**
   * The time settings kept with the case last saved for exactly these `paths`, or null: known
   * before the bundles are read (their key is their sha256s), so that a case opens read with them.
   */
  async timeFor(paths: readonly string[]): Promise<TimeSettings | null> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => /^[0-9a-f]{64}\.json$/.test(n));
    } catch {
      return null;
    }
    const wanted = JSON.stringify(paths);
    let best: StoredCase | null = null;
    for (const name of names) {
      const stored = await this.read(name.slice(0, -5));
      if (!stored?.state.time || JSON.stringify(stored.paths) !== wanted) continue;
      if (!best || stored.updatedAt > best.updatedAt) best = stored;
    }
    return best?.state.time ?? null;
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
