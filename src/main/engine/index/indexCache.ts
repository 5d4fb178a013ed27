/**
 * An on-disk cache of a case's complete index, so that opening a bundle again loads the index
 * (hundreds of MB read at disk speed) instead of reading and indexing the bundle again.
 *
 * - Key: {@link bundleFingerprint} — each input file's real path, size, modification time and
 *   inode, the zone, and the engine's version (cache format, limits, formats and component
 *   table, the built engine code). Any change gives another key; an old file is never reused.
 * - File: `<dir>/<key>.tidx`, laid out as described in indexCacheFormat.ts. Written only for a
 *   complete index (postings attached), to a temporary name in the same folder, then renamed.
 * - Loading never throws: a missing, truncated, damaged or other-version file comes back as a
 *   typed error (the caller deletes it and reads the bundle as usual).
 * - Eviction: after each save the folder is kept under a byte budget by deleting the least
 *   recently used files (modification time; a load touches its file).
 *
 * Nothing here reads or writes next to the bundle: the bundle is only stat'ed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { Inventory } from '../../../shared/api.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { resourcesDir } from '../resources.ts';
import { CaseIndex, type IndexedFile } from './caseIndex.ts';
import type { IndexParts } from './indexJob.ts';
import {
  checkMeta,
  CorruptCache,
  decodeHeader,
  encodeHeader,
  FORMAT_VERSION,
  HEADER_BYTES,
  readExactly,
  readStore,
  readTerms,
  SectionReader,
  SectionWriter,
  writeTerms,
  type Meta,
} from './indexCacheFormat.ts';
import { TextStore, type TextStoreSnapshot } from './textStore.ts';

export { FORMAT_VERSION } from './indexCacheFormat.ts';

/** Default size of the cache folder. */
export const DEFAULT_CACHE_BUDGET_BYTES = 4 * 2 ** 30;
/** The file name ending of a cached index. */
export const INDEX_CACHE_EXTENSION = '.tidx';
const EXTENSION = INDEX_CACHE_EXTENSION;
/** A temporary file this old is left over from a crash and may go. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** Why a cache file could not be used. */
export interface IndexCacheError {
  kind: 'missing' | 'corrupt' | 'version' | 'incomplete' | 'io';
  message: string;
}

export type IndexCacheResult<T> = { ok: true; value: T } | { ok: false; error: IndexCacheError };

/** What a cache file holds and gives back. */
export interface CachedCase {
  inventory: Inventory;
  index: CaseIndex;
}

const fail = <T>(kind: IndexCacheError['kind'], message: string): IndexCacheResult<T> => ({ ok: false, error: { kind, message } });

/** The cache file of a key; keys are file-name safe by construction and checked here. */
export function cacheFile(dir: string, key: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(key)) throw new Error(`index cache: bad key ${JSON.stringify(key)}`);
  return join(dir, key + EXTENSION);
}

let engineVersionMemo: string | null = null;

/**
 * What, besides the bundle, decides the index: the cache format, the reading limits, the log
 * formats and the component table (resources), the time zone data, and — when running built —
 * the engine code itself (the bundled file of this module; it names its shared chunks by
 * content hash). Computed once per process (a few small files).
 */
export function engineVersion(): string {
  if (engineVersionMemo) return engineVersionMemo;
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT_VERSION}\nlimits ${JSON.stringify(DEFAULT_LIMITS)}\ntz ${process.versions.tz ?? ''} ${process.versions.icu ?? ''}\n`);
  const resources = resourcesDir();
  const formats = join(resources, 'formats');
  for (const name of readdirSync(formats).filter((n) => n.endsWith('.json')).sort()) hash.update(`${name}\n`).update(readFileSync(join(formats, name)));
  hash.update(readFileSync(join(resources, 'components.json')));
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) hash.update(readFileSync(self));
  engineVersionMemo = hash.digest('hex');
  return engineVersionMemo;
}

/**
 * The cache key of a set of inputs read in `zone`, or null when they are not cacheable.
 *
 * Only regular files (archives, single logs) are cached. A folder is not: its own size and
 * modification time do not change when a file deep inside it is edited or appended to, so a
 * trustworthy fingerprint would have to stat every file in the tree — as much work as the walk
 * that reads it — and an extracted folder is usually still being looked at and changed.
 * Also null when an input cannot be stat'ed (reading it will say why).
 */
export async function bundleFingerprint(paths: readonly string[], options: { zone?: string } = {}): Promise<string | null> {
  if (paths.length === 0) return null;
  const inputs: { path: string; size: string; mtimeNs: string; ino: string; dev: string }[] = [];
  try {
    for (const p of paths) {
      const real = await realpath(resolve(p));
      const s = await stat(real, { bigint: true });
      if (!s.isFile()) return null;
      inputs.push({ path: real, size: String(s.size), mtimeNs: String(s.mtimeNs), ino: String(s.ino), dev: String(s.dev) });
    }
  } catch {
    return null;
  }
  const zone = options.zone ?? 'local';
  // 'local' means this machine's zone, which can change (travel, TZ).
  const local = zone === 'local' ? `${process.env.TZ ?? ''}|${Intl.DateTimeFormat().resolvedOptions().timeZone}` : '';
  let engine: string;
  try {
    engine = engineVersion();
  } catch {
    return null;
  }
  return createHash('sha256').update(JSON.stringify({ format: FORMAT_VERSION, engine, endian: endianness(), zone, local, inputs })).digest('hex');
}

/** Options of {@link saveIndexCache}. */
export interface SaveOptions {
  /** Byte budget of the folder, enforced after the save (default 4 GiB); null: no eviction. */
  budgetBytes?: number | null;
}

/**
 * Writes the complete index of a case to `<dir>/<key>.tidx` (atomically: a temporary file in
 * `dir`, then a rename), then evicts old files over the budget. Never throws.
 */
export async function saveIndexCache(dir: string, key: string, indexed: CachedCase, options: SaveOptions = {}): Promise<IndexCacheResult<{ path: string; bytes: number }>> {
  const { inventory, index } = indexed;
  const parts = index.attachedParts();
  if (!parts) return fail('incomplete', 'the full-text index is not attached yet');
  let target: string;
  try {
    target = cacheFile(dir, key);
  } catch (error) {
    return fail('io', (error as Error).message);
  }
  let snapshot: TextStoreSnapshot;
  try {
    snapshot = index.store.snapshot();
  } catch (error) {
    return fail('incomplete', (error as Error).message);
  }
  const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
  let handle: FileHandle | null = null;
  try {
    await mkdir(dir, { recursive: true });
    handle = await open(temp, 'wx');
    const bytes = await writeCache(handle, key, inventory, index, parts, snapshot);
    await handle.close();
    handle = null;
    await rename(temp, target);
    if (options.budgetBytes !== null) await evictIndexCache(dir, options.budgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES);
    return { ok: true, value: { path: target, bytes } };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    return fail('io', `cannot write ${target}: ${(error as Error).message}`);
  }
}

async function writeCache(handle: FileHandle, key: string, inventory: Inventory, index: CaseIndex, parts: IndexParts, snapshot: TextStoreSnapshot): Promise<number> {
  const w = new SectionWriter(handle, HEADER_BYTES);
  const { events, timeline } = index;
  await w.array('events.file', events.file);
  await w.array('events.line', events.line);
  await w.array('events.lineCount', events.lineCount);
  await w.array('events.time', events.time);
  await w.array('events.level', events.level);
  await w.array('timeline.order', timeline.order);
  await w.array('timeline.rank', timeline.rank);
  await w.array('timeline.keys', timeline.keys);
  await w.array('postings.offsets', parts.postings.offsets);
  await w.array('postings.counts', parts.postings.counts);
  await w.array('postings.data', parts.postings.data);
  const blocks = await writeTerms(w, 'postings.terms', parts.postings.terms);
  await w.array('templateOf', parts.templateOf);
  await w.array('requests.term', parts.requests.term);
  await w.array('requests.role', parts.requests.role);
  const chunks = snapshot.files.flatMap((f) => f.chunks);
  await w.array('text.firstLine', Uint32Array.from(chunks, (c) => c.firstLine));
  await w.array('text.lineCount', Uint32Array.from(chunks, (c) => c.lineCount));
  await w.array('text.bytes', Uint32Array.from(chunks, (c) => c.data.length));
  w.begin('text.data');
  for (const c of chunks) await w.write(c.data);
  w.end();

  const recordIndex = new Map(inventory.files.map((r, i) => [r, i]));
  const meta: Meta = {
    format: FORMAT_VERSION,
    key,
    zone: index.zone,
    inventory: { bundles: inventory.bundles, files: inventory.files, skipped: inventory.skipped, problems: inventory.problems },
    files: index.files.map((f) => ({ record: recordIndex.get(f.record) ?? f.record, store: f.store, first: f.first, count: f.count, component: f.component })),
    components: [...index.components],
    events: index.size,
    store: { files: snapshot.files.map((f) => ({ lines: f.lines, chunks: f.chunks.length })), compressedBytes: snapshot.compressedBytes, rawChars: snapshot.rawChars },
    templates: parts.templates,
    roles: parts.requests.roles,
    requests: parts.requests.term.length,
    stats: parts.stats,
    terms: { count: parts.postings.terms.length, blocks },
    sections: w.sections,
  };
  const metaOffset = w.position;
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  await w.write(json);
  await w.flush();
  const header = encodeHeader({ version: FORMAT_VERSION, metaLength: json.length, metaCrc: crc32(json) >>> 0, metaOffset });
  await handle.write(header, 0, header.length, 0);
  return metaOffset + json.length;
}

/**
 * Loads `<dir>/<key>.tidx` as a ready, fully indexed case and marks it recently used. Never
 * throws: every problem is a typed error (`missing` when there is no such file).
 */
export async function loadIndexCache(dir: string, key: string): Promise<IndexCacheResult<CachedCase>> {
  let path: string;
  try {
    path = cacheFile(dir, key);
  } catch (error) {
    return fail('missing', (error as Error).message);
  }
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? fail('missing', `no cache file ${path}`) : fail('io', `cannot open ${path}: ${code ?? (error as Error).message}`);
  }
  try {
    const loaded = await readCache(handle, key);
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return { ok: true, value: loaded };
  } catch (error) {
    if (error instanceof CorruptCache) return fail(error.message.startsWith('version:') ? 'version' : 'corrupt', `${path}: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code) return fail('io', `${path}: ${(error as Error).message}`);
    // Anything else (a JSON shape the checks missed, a bad value deep inside) is damage too.
    return fail('corrupt', `${path}: ${(error as Error).message}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readCache(handle: FileHandle, key: string): Promise<CachedCase> {
  if (endianness() !== 'LE') throw new CorruptCache('this machine is big-endian; cache files are little-endian');
  const { size } = await handle.stat();
  if (size < HEADER_BYTES) throw new CorruptCache(`truncated: ${size} bytes, shorter than the header`);
  const head = Buffer.alloc(HEADER_BYTES);
  await readExactly(handle, head, 0);
  const header = decodeHeader(head);
  if (typeof header === 'string') throw new CorruptCache(header);
  if (header.metaOffset < HEADER_BYTES || header.metaOffset + header.metaLength !== size) {
    throw new CorruptCache(`truncated or overlong: metadata at ${header.metaOffset} + ${header.metaLength} bytes, file has ${size}`);
  }
  const json = Buffer.allocUnsafe(header.metaLength);
  await readExactly(handle, json, header.metaOffset);
  if (crc32(json) >>> 0 !== header.metaCrc) throw new CorruptCache('metadata is damaged (checksum)');
  const meta = JSON.parse(json.toString('utf8')) as Meta;
  checkMeta(meta, key);
  const r = new SectionReader(handle, meta.sections, header.metaOffset);
  const n = meta.events;
  const events = {
    file: await r.array('events.file', Uint32Array, n),
    line: await r.array('events.line', Uint32Array, n),
    lineCount: await r.array('events.lineCount', Uint32Array, n),
    time: await r.array('events.time', Float64Array, n),
    level: await r.array('events.level', Uint8Array, n),
  };
  const timeline = {
    order: await r.array('timeline.order', Uint32Array, n),
    rank: await r.array('timeline.rank', Uint32Array, n),
    keys: await r.array('timeline.keys', Float64Array, n),
  };
  const termCount = meta.terms.count;
  const postings = {
    offsets: await r.array('postings.offsets', Uint32Array, termCount + 1),
    counts: await r.array('postings.counts', Uint32Array, termCount),
    data: await r.array('postings.data', Uint8Array, r.info('postings.data').bytes),
    terms: await readTerms(r, 'postings.terms', termCount, meta.terms.blocks),
  };
  if (postings.offsets[termCount] !== postings.data.length) throw new CorruptCache('postings offsets do not match their data');
  const templateOf = await r.array('templateOf', Uint32Array, n);
  const requests = {
    term: await r.array('requests.term', Uint32Array, meta.requests),
    role: await r.array('requests.role', Uint8Array, meta.requests),
    roles: meta.roles,
  };
  const store = TextStore.fromSnapshot(await readStore(r, meta));

  const inventory = meta.inventory;
  const files: IndexedFile[] = meta.files.map((f) => {
    const record = typeof f.record === 'number' ? inventory.files[f.record] : f.record;
    if (!record) throw new CorruptCache(`file table names record ${String(f.record)} of ${inventory.files.length}`);
    if (f.store >= meta.store.files.length || f.first + f.count > n) throw new CorruptCache(`file ${record.path}: store or event range out of bounds`);
    return { record, store: f.store, first: f.first, count: f.count, component: f.component };
  });
  for (let e = 0; e < n; e++) {
    if (events.file[e] >= files.length || templateOf[e] >= meta.templates.length || timeline.order[e] >= n) throw new CorruptCache(`event ${e} points out of bounds`);
  }
  const index = new CaseIndex(files, meta.components, events, store, timeline, meta.zone);
  index.attach({ postings, templateOf, templates: meta.templates, requests, stats: meta.stats });
  return { inventory, index };
}

/** Deletes the cache file of a key (a bad one, typically). Never throws. */
export async function removeIndexCache(dir: string, key: string): Promise<void> {
  try {
    await rm(cacheFile(dir, key), { force: true });
  } catch {
    // Nothing to do: the next save replaces it, eviction removes it in time.
  }
}

/**
 * Deletes least recently used cache files (oldest modification time first) until the folder's
 * cache files add up to at most `budgetBytes`, and temporary files left by a crash. Never throws;
 * returns the names removed.
 */
export async function evictIndexCache(dir: string, budgetBytes: number): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  const files: { name: string; bytes: number; mtimeMs: number }[] = [];
  const now = Date.now();
  for (const name of names) {
    const isCache = name.endsWith(EXTENSION);
    const isTemp = name.includes(`${EXTENSION}.tmp-`);
    if (!isCache && !isTemp) continue;
    try {
      const s = await stat(join(dir, name));
      if (!s.isFile()) continue;
      if (isTemp) {
        if (now - s.mtimeMs > STALE_TEMP_MS && (await remove(join(dir, name)))) removed.push(name);
        continue;
      }
      files.push({ name, bytes: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // Gone meanwhile (another process evicting): nothing to count.
    }
  }
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : 1));
  let total = files.reduce((a, f) => a + f.bytes, 0);
  for (const f of files) {
    if (total <= budgetBytes) break;
    if (await remove(join(dir, f.name))) removed.push(f.name);
    total -= f.bytes;
  }
  return removed;
}

async function remove(path: string): Promise<boolean> {
  try {
    await rm(path, { force: true });
    return true;
  } catch {
    return false;
  }
}
