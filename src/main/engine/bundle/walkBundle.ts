/**
 * Walks a bundle (an archive, a single gzip/xz/bzip2/zstd file or a text log; a folder's files
 * come through walkFolder.ts) entry by entry, descending into archives inside archives, and hands
 * every plain file to the leaf reader. Nothing is extracted: entries stream from the archive into
 * the reader; only a nested zip or 7z (which need random access) is streamed to a temp file named
 * by Tarsier inside its own temp folder.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import { describeTier, ratioExceeded, type Limits } from '../platform/limits.ts';
import { mtimeOf, type EntryMeta } from './entryMeta.ts';
import { EntryError, gunzipSource, peek, readableSource, type ByteSource } from './byteSource.ts';
import { SNIFF_BYTES, sniffContainer, unsafeNameReason } from './sniff.ts';
import { MemberNames } from './memberName.ts';
import { detectEncoding } from '../decode/detectEncoding.ts';
import { foreignCompressionReason } from '../decode/foreignCompression.ts';
import { decompressSource } from './decompressSource.ts';
import { readSevenZip } from './readSevenZip.ts';

/** The suffix a compressed single file drops: `x.log.xz` holds `x.log`. */
const COMPRESSED_SUFFIX = /\.(gz|xz|bz2|zst)$/i;

/** What the walk reports to, and shares across one case. */
export interface WalkContext {
  limits: Limits;
  signal?: AbortSignal;
  /** Reads a plain file entry; must consume `source` or return early (the walk drains the rest). */
  leaf(path: string, source: ByteSource, meta: EntryMeta): Promise<void>;
  skip(path: string, reason: string): void;
  problem(path: string, reason: string): void;
  /** Tarsier's own temp folder for this case (created on first use). */
  tempDir(): Promise<string>;
  state: { entries: number };
  /**
   * True once the bundle must not be read further (a bundle-wide bound was crossed; the reason is
   * already reported): the walk stops opening entries and stops reading its containers.
   */
  stopped?(): boolean;
}

/** True once the bundle must not be read further (see {@link WalkContext.stopped}). */
export const halted = (context: WalkContext): boolean => context.stopped?.() ?? false;

/** The decompression bounds of a case. */
export const bounds = (limits: Limits) => ({ maxEntryBytes: limits.maxEntryBytes, ratioTiers: limits.ratioTiers });

/** Throws the `cancelled` entry error once the case's read is cancelled. */
export function checkAbort(context: WalkContext): void {
  if (context.signal?.aborted) throw new EntryError('cancelled');
}

/** Counts an entry against `maxEntries`; returns false (and skips it) when over. */
export function admit(path: string, context: WalkContext): boolean {
  context.state.entries++;
  if (context.state.entries > context.limits.maxEntries) {
    context.skip(path, `entry limit reached (maxEntries=${context.limits.maxEntries}); not read`);
    return false;
  }
  return true;
}

/**
 * A bundle given by the user that cannot be opened (not an archive, a folder or a text log; a
 * corrupt gzip or zip): the input fails, with this message, where a member would be skipped.
 */
export class InputError extends Error {}

/**
 * Reads one entry whose kind is not yet known, by its first bytes: an archive is opened (members
 * get the `path!/` prefix), anything else goes to the leaf reader. `input` is the file on disk
 * when the entry is a bundle given by the user rather than a member: its members then get no
 * prefix, a zip is read in place, `x.log.gz` holds `x.log`, a binary file is refused, and what
 * cannot be opened fails the input ({@link InputError}) instead of being skipped.
 */
export async function visitEntry(
  path: string,
  source: ByteSource,
  meta: EntryMeta,
  context: WalkContext,
  depth: number,
  input?: string,
): Promise<void> {
  const member = input === undefined;
  if (member) {
    checkAbort(context);
    if (halted(context)) return;
  }
  const refuse = (reason: string): void => {
    if (!member) throw new InputError(`${input}: ${reason}`);
    context.skip(path, reason);
  };
  let peeked;
  try {
    peeked = await peek(source, SNIFF_BYTES);
  } catch (error) {
    // An input that cannot be read at all is the caller's to report.
    if (!member) throw error;
    context.skip(path, error instanceof EntryError ? error.reason : `read error: ${(error as Error).message}`);
    return;
  }
  const kind = sniffContainer(peeked.head);
  if (member && kind !== 'none' && depth >= context.limits.maxDepth) {
    context.skip(path, `archive nested too deep (limit maxDepth=${context.limits.maxDepth}); not opened`);
    await drainQuietly(peeked.source);
    return;
  }
  const prefix = member ? `${path}!/` : '';
  switch (kind) {
    case 'gzip':
    case 'xz':
    case 'bzip2':
    case 'zstd': {
      let inner;
      try {
        const plain =
          kind === 'gzip'
            ? gunzipSource(peeked.source, bounds(context.limits))
            : decompressSource(kind, peeked.source, bounds(context.limits), context.signal);
        inner = await peek(plain, SNIFF_BYTES);
      } catch (error) {
        return refuse(error instanceof EntryError ? error.reason : `corrupt ${kind}: ${(error as Error).message}`);
      }
      if (sniffContainer(inner.head) === 'tar') return readTar(path, inner.source, prefix, context, depth + 1);
      // A bundle `x.log.gz` holds the file `x.log`; a member keeps its name.
      const name = member ? path : path.replace(COMPRESSED_SUFFIX, '') || path;
      return context.leaf(name, inner.source, { size: null, mtime: meta.mtime });
    }
    case '7z': {
      // 7z keeps its index at the end: a member is spooled to a temp file first, a bundle is read in place.
      const file = member ? await spoolNested(path, peeked.source, context, '7z') : await drained(peeked.source, input);
      if (file === null) return;
      try {
        await readSevenZip(path, file, prefix, context, (name, source, entryMeta) =>
          visitEntry(name, source, entryMeta, context, depth + 1),
        );
      } catch (error) {
        if (error instanceof InputError || (error instanceof EntryError && error.reason === 'cancelled')) throw error;
        return refuse(error instanceof EntryError ? error.reason : `corrupt 7z: ${(error as Error).message}`);
      } finally {
        if (member) await rm(file, { force: true });
      }
      return;
    }
    case 'zip': {
      // A zip needs random access: a member is first streamed to a temp file, a bundle is read in place.
      const file = member
        ? await spoolNested(path, peeked.source, context, 'zip')
        : await drained(peeked.source, input);
      if (file === null) return;
      try {
        let zip: yauzl.ZipFile;
        try {
          zip = await openZipFile(file);
        } catch (error) {
          return refuse(`corrupt zip: ${(error as Error).message}`);
        }
        await readZip(path, zip, prefix, context, depth + 1);
      } finally {
        if (member) await rm(file, { force: true });
      }
      return;
    }
    case 'tar':
      return readTar(path, peeked.source, prefix, context, depth + 1);
    case 'none': {
      if (!member) {
        const verdict = detectEncoding(peeked.head, peeked.ended);
        if (verdict.binary) {
          // A compression format Tarsier does not open is named as such, with what to do.
          return refuse(
            foreignCompressionReason(peeked.head) ??
              `not an archive (tar, tar.gz/xz/bz2/zst, zip, 7z, gz, xz, bz2, zst), a folder or a text log: ${verdict.reason}`,
          );
        }
      }
      return context.leaf(path, peeked.source, meta);
    }
  }
}

/** Reads a source to its end (a bundle read in place is still hashed as it passes); returns `file`. */
async function drained(source: ByteSource, file: string): Promise<string> {
  for await (const chunk of source) void chunk;
  return file;
}

async function drainQuietly(source: ByteSource): Promise<void> {
  try {
    for await (const chunk of source) void chunk;
  } catch {
    // The entry is skipped anyway.
  }
}

/** Reads a tar stream; members are reported as `prefix + name`. `label` names the archive in problems. */
export async function readTar(
  label: string,
  source: ByteSource,
  prefix: string,
  context: WalkContext,
  depth: number,
): Promise<void> {
  // Names come as bytes (one Latin-1 character each) and are decoded here: tar has no encoding field.
  // (tar-stream 3 takes filenameEncoding; its types do not list it.)
  const extract = tar.extract({ filenameEncoding: 'latin1' } as unknown as Parameters<typeof tar.extract>[0]);
  pipeline(Readable.from(source), extract as unknown as NodeJS.WritableStream, () => {});
  const names = new MemberNames();
  // A pax header's path is UTF-8 by the standard, and tar-stream has decoded it so.
  const nameOf = (value: string, pax: string | undefined) =>
    pax !== undefined ? value : names.name(Buffer.from(value, 'latin1'));
  let last: string | null = null;
  // Links seen so far: a later member "through" one (link/evil.txt) would land wherever the link points.
  const links: string[] = [];
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const pax = (header as { pax?: Record<string, string> | null }).pax ?? undefined;
      const decodedName = nameOf(header.name, pax?.path);
      const linkname = header.linkname ? nameOf(header.linkname, pax?.linkpath) : '';
      const inner = decodedName
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '');
      const name = prefix + inner;
      const through = links.find((link) => inner.startsWith(`${link}/`));
      try {
        checkAbort(context);
        if (halted(context)) break;
        if (header.type === 'directory') continue;
        if (!admit(name, context)) continue;
        const unsafe = unsafeNameReason(decodedName);
        if (header.type === 'symlink' || header.type === 'link') links.push(inner);
        if (unsafe) context.skip(name, unsafe);
        else if (through) context.skip(name, `path goes through the link "${through}" (not read)`);
        else if (header.type === 'symlink') context.skip(name, `symbolic link to "${linkname}" not followed`);
        else if (header.type === 'link') context.skip(name, `hard link to "${linkname}" not followed`);
        else if (header.type !== 'file' && header.type !== 'contiguous-file')
          context.skip(name, `${header.type} entry, not a regular file`);
        else
          await visitEntry(
            name,
            readableSource(entry as unknown as Readable, 'drain'),
            { size: header.size ?? null, mtime: mtimeOf(header.mtime) },
            context,
            depth,
          );
        last = name;
      } finally {
        entry.resume();
      }
      // Stop reading the tar (and whatever feeds it) rather than drain the rest of the bundle.
      if (halted(context)) break;
    }
  } catch (error) {
    if (error instanceof EntryError && error.reason === 'cancelled') throw error;
    const reason = error instanceof EntryError ? error.reason : (error as Error).message;
    const where = last ? `after member ${last}` : 'before its first member';
    context.problem(label, `tar archive broken ${where}: ${reason}; the members before it were read`);
  }
}

const openZip = (
  open: (options: yauzl.Options, callback: (error: Error | null, zip?: yauzl.ZipFile) => void) => void,
): Promise<yauzl.ZipFile> =>
  new Promise((resolve, reject) =>
    open(
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false, autoClose: true },
      (error, zip) => (error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip)),
    ),
  );

/** Opens a zip file on disk. */
export function openZipFile(file: string): Promise<yauzl.ZipFile> {
  return openZip((options, callback) => yauzl.open(file, options, callback));
}

/**
 * Streams a nested zip or 7z to a temp file (never held whole in memory: nested zips of zips
 * would multiply), with the entry bound applied as bytes arrive; returns the file, which the
 * caller removes, or null when the member was skipped.
 */
async function spoolNested(
  path: string,
  source: ByteSource,
  context: WalkContext,
  kind: 'zip' | '7z',
): Promise<string | null> {
  // Under Tarsier's own temp folder, with a generated name, readable by the user only.
  const spoolFile = join(await context.tempDir(), `nested-${randomBytes(6).toString('hex')}.${kind}`);
  try {
    const handle = await open(spoolFile, 'wx', 0o600);
    try {
      let size = 0;
      for await (const chunk of source) {
        size += chunk.length;
        if (size > context.limits.maxEntryBytes)
          throw new EntryError(`${kind} larger than maxEntryBytes=${context.limits.maxEntryBytes}; not opened`);
        for (let written = 0; written < chunk.length;) written += (await handle.write(chunk, written)).bytesWritten;
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(spoolFile, { force: true });
    if (error instanceof EntryError && error.reason === 'cancelled') throw error;
    context.skip(path, error instanceof EntryError ? error.reason : `read error: ${(error as Error).message}`);
    return null;
  }
  return spoolFile;
}

/**
 * A zip member's name: the Info-ZIP Unicode Path extra field when it matches the stored name,
 * else the stored bytes decoded (UTF-8 when valid, GBK when Chinese, see memberName.ts; the
 * UTF-8 flag is not trusted over the bytes, so an invalid flagged name still gets a distinct path).
 */
function zipMemberName(entry: yauzl.Entry, names: MemberNames): string {
  const raw = entry.fileName as unknown as Buffer;
  for (const field of entry.extraFields ?? []) {
    if (field.id !== 0x7075 || field.data.length < 5 || field.data[0] !== 1) continue;
    if (field.data.readUInt32LE(1) !== crc32(raw) >>> 0) continue;
    return names.name(field.data.subarray(5));
  }
  return names.name(raw);
}

/** Verifies the CRC-32 of a zip member as it streams, and names data errors as corruption. */
function crcChecked(source: ByteSource, expected: number, name: string): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      let crc = 0;
      try {
        for await (const chunk of source) {
          crc = crc32(chunk, crc);
          yield chunk;
        }
      } catch (error) {
        if (error instanceof EntryError) throw error;
        // yauzl reports inflate errors and size lies ("too many bytes in the stream") here.
        throw new EntryError(`zip member ${name} is corrupt: ${(error as Error).message}; the lines before were read`);
      }
      if (crc >>> 0 !== expected >>> 0) {
        throw new EntryError(`zip member ${name}: CRC-32 mismatch (data is corrupt; the lines before were read)`);
      }
    },
  };
}

/** Reads every member of an open zip; members are reported as `prefix + name`. */
export async function readZip(
  label: string,
  zip: yauzl.ZipFile,
  prefix: string,
  context: WalkContext,
  depth: number,
): Promise<void> {
  const names = new MemberNames();
  const openStream = (entry: yauzl.Entry) =>
    new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry, (error, stream) =>
        error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream),
      ),
    );
  await new Promise<void>((resolve) => {
    let last: string | null = null;
    let finished = false;
    const finish = () => {
      if (!finished) {
        finished = true;
        resolve();
      }
    };
    zip.on('error', (error: Error) => {
      context.problem(
        label,
        `zip archive broken ${last ? `after member ${last}` : 'before its first member'}: ${error.message}`,
      );
      finish();
    });
    zip.on('end', finish);
    zip.on('entry', (entry: yauzl.Entry) => {
      void (async () => {
        const rawName = zipMemberName(entry, names);
        const name = prefix + rawName.replace(/\\/g, '/');
        try {
          checkAbort(context);
          if (halted(context)) {
            zip.close();
            finish();
            return;
          }
          if (rawName.endsWith('/') || rawName.endsWith('\\')) return;
          if (!admit(name, context)) return;
          const unsafe = unsafeNameReason(rawName);
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          const tier = ratioExceeded(context.limits.ratioTiers, entry.uncompressedSize, entry.compressedSize);
          if (unsafe) context.skip(name, unsafe);
          else if (mode === 0o120000) context.skip(name, 'symbolic link not followed');
          else if (entry.generalPurposeBitFlag & 1)
            context.skip(name, 'encrypted member (password-protected zip); not read');
          else if (entry.uncompressedSize > context.limits.maxEntryBytes) {
            context.skip(
              name,
              `declared size ${entry.uncompressedSize} bytes exceeds maxEntryBytes=${context.limits.maxEntryBytes} (possible decompression bomb)`,
            );
          } else if (tier) {
            const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
            context.skip(
              name,
              `declared compression ratio ${ratio}:1 above ${describeTier(tier)} (possible decompression bomb)`,
            );
          } else {
            let stream: Readable;
            try {
              stream = await openStream(entry);
            } catch (error) {
              context.skip(name, `cannot read zip member: ${(error as Error).message}`);
              return;
            }
            const source = crcChecked(readableSource(stream, 'destroy'), entry.crc32, rawName);
            await visitEntry(name, source, { size: null, mtime: mtimeOf(entry.getLastModDate()) }, context, depth);
          }
        } catch (error) {
          if (error instanceof EntryError && error.reason === 'cancelled') {
            zip.close();
            finish();
            return;
          }
          context.problem(name, error instanceof EntryError ? error.reason : (error as Error).message);
        } finally {
          last = name;
          // Cancelled between members: no next entry is asked for, so the walk must end here
          // (it used to wait for an 'end' that never came: Ctrl+C hung, the case stayed "reading").
          if (!finished && context.signal?.aborted) {
            zip.close();
            finish();
          } else if (!finished) zip.readEntry();
        }
      })();
    });
    zip.readEntry();
  });
  checkAbort(context);
}
