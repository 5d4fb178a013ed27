/**
 * Reads a 7z archive on disk with 7-Zip compiled to WASM (7z-wasm). A 7z keeps its index at the
 * end and compresses members together (solid blocks), so it cannot be streamed from its head, and
 * extracting members one by one would decompress a solid block again for every member. Instead one
 * `7zz x -so` pass writes every member to stdout in index order; the listing's sizes cut that
 * stream into members, each spooled to a file in Tarsier's own temp folder (its CRC-32 checked)
 * and then handed to the walk, in order, and removed.
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import SevenZip from '7z-wasm';
import { describeTier, ratioExceeded, type Limits } from '../platform/limits.ts';
import { EntryError, readableSource, type ByteSource } from './byteSource.ts';
import { mtimeOf, type EntryMeta } from './entryMeta.ts';
import { unsafeNameReason } from './sniff.ts';

/** What of the walk's context a 7z read uses (the walk's `WalkContext` is one). */
export interface SevenZipContext {
  limits: Limits;
  signal?: AbortSignal;
  skip(path: string, reason: string): void;
  problem(path: string, reason: string): void;
  tempDir(): Promise<string>;
  state: { entries: number };
  /** True once a bundle-wide bound stopped the read (see WalkContext.stopped). */
  stopped?(): boolean;
}

/** One member of the listing (`7zz l -slt`). */
interface SevenZipMember {
  name: string;
  size: number;
  crc: number | null;
  mtime: EntryMeta['mtime'];
  /** Why it is not read, or null. Its bytes are still cut out of the stream (and dropped). */
  skip: string | null;
  spool: string | null;
  /** Bytes of it that came out of the stream. */
  written: number;
}

/** Thrown from the stdout sink to end 7-Zip's pass once every member to read is out. */
const DONE = '7z: every member to read is out';

/** Bytes gathered from 7-Zip's stdout (one call per byte) before they are written. */
const BATCH = 1 << 20;

/** Parses `7zz l -slt -ba`: blocks of `Key = value` lines separated by blank lines. */
function parseListing(text: string): Record<string, string>[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const at = line.indexOf(' = ');
        if (at > 0) fields[line.slice(0, at)] = line.slice(at + 3).trim();
      }
      return fields;
    })
    .filter((fields) => fields.Path !== undefined);
}

/**
 * Reads every member of the 7z `file`; members are reported as `prefix + name` and visited with
 * `visit`. Throws an {@link EntryError} when the archive cannot be opened at all.
 */
export async function readSevenZip(
  label: string,
  file: string,
  prefix: string,
  context: SevenZipContext,
  visit: (path: string, source: ByteSource, meta: EntryMeta) => Promise<void>,
): Promise<void> {
  let sink: (byte: number) => void = () => {};
  let errors = '';
  const sevenZip = await SevenZip({
    stdout: (byte) => sink(byte),
    stderr: (byte) => (errors += String.fromCharCode(byte)),
  });
  // The archive's folder is mounted so that 7-Zip reads the file in place; nothing is written there.
  sevenZip.FS.mkdir('/archive');
  sevenZip.FS.mount(sevenZip.NODEFS, { root: dirname(file) }, '/archive');
  sevenZip.FS.chdir('/archive');
  // A password is given so that an encrypted archive fails instead of prompting on stdin.
  const run = (args: string[]) => {
    try {
      sevenZip.callMain([...args, '-p-', '-bd', '-y', '--', basename(file)]);
    } catch (error) {
      // 7-Zip's exit status comes as an exception when it is not 0; stderr says why.
      if (error instanceof EntryError) throw error;
      if ((error as { name?: string }).name !== 'ExitStatus') errors += `${(error as Error).message}\n`;
    }
  };

  // 7-Zip's messages, on one line and without the name of a spool file (a generated name).
  const said = () => errors.split(basename(file)).join('the archive').replace(/\s+/g, ' ').trim() || null;
  let listing = '';
  sink = (byte) => (listing += String.fromCharCode(byte));
  run(['l', '-slt', '-ba', '-sccUTF-8']);
  const entries = parseListing(Buffer.from(listing, 'latin1').toString('utf8'));
  if (entries.length === 0) {
    const why = said() ?? 'no members listed';
    if (/password/i.test(why)) throw new EntryError('encrypted 7z (its index is password-protected); not read');
    throw new EntryError(`corrupt 7z: cannot read its index (a 7z keeps it at its end; a cut file has none): ${why}`);
  }

  const archiveSize = sevenZip.FS.stat(basename(file)).size;
  const temp = await context.tempDir();
  const members: SevenZipMember[] = [];
  // Declared sizes of the members spooled so far: every member is on disk before the first is read.
  let declared = 0;
  for (const fields of entries) {
    const attributes = fields.Attributes ?? '';
    if (attributes.startsWith('D') || attributes.includes(' d')) continue;
    const name = prefix + fields.Path.replace(/\\/g, '/');
    context.state.entries++;
    const size = Number(fields.Size || 0);
    const member: SevenZipMember = {
      name,
      size,
      crc: fields.CRC ? parseInt(fields.CRC, 16) : null,
      mtime: fields.Modified ? mtimeOf(new Date(`${fields.Modified.replace(' ', 'T').slice(0, 23)}Z`)) : null,
      skip: null,
      spool: null,
      written: 0,
    };
    const unsafe = unsafeNameReason(fields.Path);
    if (context.state.entries > context.limits.maxEntries)
      member.skip = `entry limit reached (maxEntries=${context.limits.maxEntries}); not read`;
    else if (unsafe) member.skip = unsafe;
    else if (/\bl[rwx-]{9}\b/.test(attributes)) member.skip = 'symbolic link not followed';
    else if (fields.Encrypted === '+') member.skip = 'encrypted member (password-protected 7z); not read';
    else if (size > context.limits.maxEntryBytes)
      member.skip = `declared size ${size} bytes exceeds maxEntryBytes=${context.limits.maxEntryBytes} (possible decompression bomb)`;
    else if (declared + size > context.limits.maxTotalBytes)
      member.skip = `total size limit reached (maxTotalBytes=${context.limits.maxTotalBytes}, by the 7z's declared sizes); not read`;
    else {
      declared += size;
      member.spool = join(temp, `7z-${randomBytes(6).toString('hex')}.member`);
    }
    members.push(member);
  }

  // One pass: the stream is cut into members by their listed sizes; bounds judged as bytes come out.
  // It ends once no member after the current one is to be read: a skipped tail (a member declared
  // too big, the members past a limit) is not decompressed only to be dropped.
  let lastSpooled = -1;
  members.forEach((member, i) => {
    if (member.spool) lastSpooled = i;
  });
  let done = lastSpooled < 0;
  let index = 0;
  let produced = 0;
  let fd: number | null = null;
  let batch = Buffer.allocUnsafe(BATCH);
  let filled = 0;
  let stopped: string | null = null;
  const flush = () => {
    if (fd !== null && filled > 0) writeSync(fd, batch, 0, filled);
    const member = members[index];
    if (member && filled > 0) member.written += filled;
    filled = 0;
  };
  const advance = () => {
    while (index < members.length && members[index].written + filled >= members[index].size) {
      flush();
      if (fd !== null) closeSync(fd);
      fd = null;
      index++;
      if (index > lastSpooled) {
        // Emscripten turns the throw into an I/O error that 7-Zip reports and exits on.
        done = true;
        throw new EntryError(DONE);
      }
      const next = members[index];
      if (next?.spool) fd = openSync(next.spool, 'wx', 0o600);
    }
  };
  const first = members[0];
  if (first?.spool) fd = openSync(first.spool, 'wx', 0o600);
  if (context.signal?.aborted) throw new EntryError('cancelled');
  try {
    if (!done) advance();
  } catch (error) {
    if (!(error instanceof EntryError && error.reason === DONE)) throw error;
  }
  sink = (byte) => {
    if (index >= members.length) return;
    batch[filled++] = byte;
    produced++;
    if (members[index].written + filled >= members[index].size) advance();
    else if (filled === BATCH) flush();
    if ((produced & 0xfffff) === 0) {
      const tier = ratioExceeded(context.limits.ratioTiers, produced, archiveSize);
      if (produced > context.limits.maxTotalBytes)
        stopped = `7z decompresses to more than maxTotalBytes=${context.limits.maxTotalBytes} (possible decompression bomb)`;
      else if (tier)
        stopped = `7z compression ratio above ${describeTier(tier)} (${produced} bytes from ${archiveSize}; possible decompression bomb)`;
      if (stopped) throw new EntryError(stopped);
    }
  };
  errors = '';
  try {
    if (!done) run(['x', '-so']);
  } catch (error) {
    if (!(error instanceof EntryError)) throw error;
  } finally {
    flush();
    if (fd !== null) closeSync(fd);
    batch = Buffer.alloc(0);
  }
  // 7-Zip stopped on purpose says nothing worth telling.
  const failure = stopped ?? (done ? null : said());

  for (const member of members) {
    try {
      if (context.signal?.aborted) throw new EntryError('cancelled');
      if (context.stopped?.()) continue;
      if (member.skip) context.skip(member.name, member.skip);
      else if (!member.spool) continue;
      else if (member.written === 0 && member.size > 0)
        context.skip(member.name, `7z archive broken before this member: ${failure ?? 'no data'}; not read`);
      else {
        const complete = member.written === member.size;
        const crcOk = !complete || member.crc === null || (await fileCrc(member.spool)) === member.crc;
        const why = !complete
          ? `7z member ${member.name} is cut: ${failure ?? 'the data ends early'}; the lines before were read`
          : !crcOk
            ? `7z member ${member.name}: CRC-32 mismatch (data is corrupt; the lines before were read)`
            : null;
        await visit(member.name, endsWith(spoolSource(member.spool), why), { size: null, mtime: member.mtime });
      }
    } catch (error) {
      if (error instanceof EntryError && error.reason === 'cancelled') throw error;
      context.problem(member.name, error instanceof EntryError ? error.reason : (error as Error).message);
    } finally {
      if (member.spool) await rm(member.spool, { force: true });
    }
  }
  if (failure && members.every((member) => member.written === member.size || member.skip))
    context.problem(label, `7z archive: ${failure}`);
}

const spoolSource = (file: string): ByteSource => readableSource(createReadStream(file), 'destroy');

/** A source that throws `reason` (an entry error) once its bytes are read, when there is one. */
function endsWith(source: ByteSource, reason: string | null): ByteSource {
  if (reason === null) return source;
  return {
    async *[Symbol.asyncIterator]() {
      yield* source;
      throw new EntryError(reason);
    },
  };
}

async function fileCrc(file: string): Promise<number> {
  let crc = 0;
  for await (const chunk of spoolSource(file)) crc = crc32(chunk, crc);
  return crc >>> 0;
}
