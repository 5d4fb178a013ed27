/**
 * The bundles dropped on a `tarsier serve` page, kept in the data folder so that a case opened
 * from an upload can be opened again from Recent after serve restarts (its saved notes and pins
 * are keyed by the bundle's bytes, its cache entry by its path: both need the same file back).
 *
 * - Content-addressed: `<data folder>/uploads/<sha256>/<name>`. The bytes are hashed as they are
 *   written (never held whole) to a scratch file (`<data folder>/tmp/upload-<pid>-*`, swept after
 *   a crash), then linked into place; the same bytes uploaded again are not stored twice (the
 *   same name: the same file; another name: a second link to the same file, so the case shows the
 *   name the user knows).
 * - Kept under a byte budget, the index cache's (the cache makes room for uploads when it saves,
 *   see CaseManager): least recently used first (a folder's mtime, touched by each upload and
 *   open), those no Recent entry or saved case points at before those that one does, never one
 *   in use.
 * - Only our copies are ever removed: a path outside `uploads/<sha256>/` is never touched.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { makeTempDir, removeTempDir } from '../platform/tempSpace.ts';

/** The store's folder in the data folder. */
export const UPLOADS_FOLDER = 'uploads';
const SHA256 = /^[0-9a-f]{64}$/;

/** One stored bundle: its bytes and the names it was uploaded under. */
export interface StoredBundle {
  sha256: string;
  /** The paths of its names, `<root>/<sha256>/<name>`. */
  paths: string[];
  bytes: number;
  /** Last uploaded or opened (epoch ms). */
  usedAt: number;
}

/** What {@link UploadStore.put} stored. */
export interface PutOutcome {
  path: string;
  sha256: string;
  bytes: number;
  /** True when these bytes were already in the store (nothing new was kept). */
  deduplicated: boolean;
}

/** See the module comment. */
export class UploadStore {
  /** `<data folder>/uploads`. */
  readonly root: string;
  private readonly tempRoot: string;

  constructor(readonly dataDir: string) {
    this.root = resolve(dataDir, UPLOADS_FOLDER);
    this.tempRoot = resolve(dataDir, 'tmp');
  }

  /** The stored bundle's folder when `path` is one of our copies (`<root>/<sha256>/<name>`), else null. */
  folderOf(path: string): string | null {
    const full = resolve(path);
    const folder = dirname(full);
    if (dirname(folder) !== this.root || !SHA256.test(basename(folder))) return null;
    const name = basename(full);
    return name === '' || name.startsWith('.') ? null : folder;
  }

  /**
   * Streams `source` into the store under `name` (a safe single path segment: the caller
   * sanitises it) and returns the stored path. Throws what the write threw (the scratch file is
   * removed first); the caller turns that into its answer.
   */
  async put(source: Readable, name: string): Promise<PutOutcome> {
    if (name === '' || name.startsWith('.') || /[\\/]/.test(name))
      throw new Error(`uploadStore: bad name ${JSON.stringify(name)}`);
    const scratch = makeTempDir('upload', this.tempRoot);
    try {
      const file = join(scratch, name);
      const hash = createHash('sha256');
      let bytes = 0;
      const hasher = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          bytes += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(source, hasher, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      const sha256 = hash.digest('hex');
      const folder = join(this.root, sha256);
      await mkdir(this.root, { recursive: true, mode: 0o700 });
      await mkdir(folder, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      const path = join(folder, name);
      const existing = (await readdir(folder)).filter((n) => !n.startsWith('.'));
      let deduplicated = existing.length > 0;
      if (!existing.includes(name)) {
        // A second name of the same bytes is a link to the first: no byte is kept twice.
        try {
          await link(existing.length > 0 ? join(folder, existing[0]) : file, path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          deduplicated = true;
        }
      }
      await this.touch(path);
      return { path, sha256, bytes, deduplicated };
    } finally {
      removeTempDir(scratch);
    }
  }

  /** Marks a stored bundle as just used (eviction goes least recently used first). Never throws. */
  async touch(path: string): Promise<void> {
    const folder = this.folderOf(path);
    if (!folder) return;
    const now = new Date();
    await utimes(folder, now, now).catch(() => undefined);
  }

  /** Every stored bundle, least recently used first. */
  async list(): Promise<StoredBundle[]> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return [];
    }
    const stored: StoredBundle[] = [];
    for (const sha256 of names) {
      if (!SHA256.test(sha256)) continue;
      const folder = join(this.root, sha256);
      try {
        const info = await stat(folder);
        if (!info.isDirectory()) continue;
        const paths: string[] = [];
        const inodes = new Map<number, number>();
        for (const name of await readdir(folder)) {
          if (name.startsWith('.')) continue;
          const file = await stat(join(folder, name));
          if (!file.isFile()) continue;
          paths.push(join(folder, name));
          inodes.set(file.ino, file.size);
        }
        let bytes = 0;
        for (const size of inodes.values()) bytes += size;
        stored.push({ sha256, paths, bytes, usedAt: info.mtimeMs });
      } catch {
        // Gone meanwhile (forgotten, evicted by another run).
      }
    }
    return stored.sort((a, b) => a.usedAt - b.usedAt || (a.sha256 < b.sha256 ? -1 : 1));
  }

  /** Bytes the store holds. */
  async bytes(): Promise<number> {
    return (await this.list()).reduce((sum, s) => sum + s.bytes, 0);
  }

  /**
   * Removes stored bundles until the store holds at most `budgetBytes`: least recently used
   * first among those no path of `pinned` names (a Recent entry, a saved case), then the oldest
   * pinned ones; a bundle with a path in `keep` (in use) is never removed. Returns what was
   * removed. Never throws.
   */
  async evict(
    budgetBytes: number,
    pinned: ReadonlySet<string>,
    keep: ReadonlySet<string> = new Set(),
  ): Promise<StoredBundle[]> {
    const stored = await this.list();
    let total = stored.reduce((sum, s) => sum + s.bytes, 0);
    const names = (s: StoredBundle, set: ReadonlySet<string>): boolean => s.paths.some((p) => set.has(resolve(p)));
    const candidates = [...stored.filter((s) => !names(s, pinned)), ...stored.filter((s) => names(s, pinned))].filter(
      (s) => !names(s, keep),
    );
    const removed: StoredBundle[] = [];
    for (const s of candidates) {
      if (total <= budgetBytes) break;
      try {
        await rm(join(this.root, s.sha256), { recursive: true, force: true });
        removed.push(s);
        total -= s.bytes;
      } catch {
        // Still there: the next eviction tries again.
      }
    }
    return removed;
  }

  /**
   * Removes one of our copies (forgetting a case): the name, and the bundle's folder once no name
   * is left. A path outside the store is refused (false), never touched.
   */
  async remove(path: string): Promise<boolean> {
    const folder = this.folderOf(path);
    if (!folder) return false;
    const existed = await stat(resolve(path)).then(
      () => true,
      () => false,
    );
    await rm(resolve(path), { force: true });
    const left = await readdir(folder).catch(() => [] as string[]);
    if (left.filter((n) => !n.startsWith('.')).length === 0) await rm(folder, { recursive: true, force: true });
    return existed;
  }
}
