/**
 * Reads one file of a bundle: detects its encoding, splits lines, decides what the file is
 * and in which format, assembles events and counts what the inventory reports.
 */
import { isAscii } from 'node:buffer';
import { detectFile, DETECT_SAMPLE_LINES } from '../../../shared/formats/detectFormat.ts';
import { EventAssembler } from '../../../shared/formats/eventAssembler.ts';
import type { CompiledFormat } from '../../../shared/formats/compileFormat.ts';
import { LineSplitter } from '../../../shared/lineSplitter.ts';
import { emptyLevelCounts, epochMs, type ComponentInfo, type EpochMs, type FileRecord, type LogEvent, type ZoneSpec } from '../../../shared/model.ts';
import { EntryError, type ByteSource } from '../bundle/byteSource.ts';
import { decoderLabel, detectEncoding, DETECT_BYTES } from '../decode/detectEncoding.ts';

/** What the ingest needs to know about its surroundings. */
export interface IngestContext {
  formats: readonly CompiledFormat[];
  classify: (path: string) => ComponentInfo;
  /** Zone for zone-less timestamps in the file at `path`. */
  zoneFor: (path: string) => ZoneSpec;
  maxLineChars: number;
  /** Year for year-less timestamps when the entry has no modification time. */
  fallbackReference: EpochMs;
  /** Called for every event, in file order (the index hooks in here). */
  onEvent?: (record: FileRecord, event: LogEvent) => void;
  /** Called for every physical line, in order, before the events it belongs to (the text store hooks in here). */
  onLine?: (record: FileRecord, line: string) => void;
  /** When it returns a promise, reading waits for it (whoever consumes the lines is behind). */
  pace?: () => Promise<void> | undefined;
  /** Called for every decoded chunk's byte count and line count, for progress. */
  onBytes?: (bytes: number) => void;
  onLines?: (lines: number) => void;
  signal?: AbortSignal;
}

/** Metadata of the entry as its container knows it. */
export interface EntryMeta {
  size: number | null;
  mtime: EpochMs | null;
}

/** A read file, or the reason it was not read. */
export type IngestOutcome = { read: true; record: FileRecord } | { read: false; reason: string };

const MIN_PLAUSIBLE_MTIME = Date.UTC(1995, 0, 1);

function countReplacement(text: string): number {
  let n = 0;
  let i = text.indexOf('\ufffd');
  while (i >= 0) {
    n++;
    i = text.indexOf('\ufffd', i + 1);
  }
  return n;
}

/** Reads a file entry to its end (or to the point where it breaks). */
export async function ingestFile(path: string, bundle: number, source: ByteSource, meta: EntryMeta, context: IngestContext): Promise<IngestOutcome> {
  const iterator = source[Symbol.asyncIterator]();
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  let failure: string | null = null;
  try {
    while (headSize < DETECT_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      headChunks.push(next.value);
      headSize += next.value.length;
    }
  } catch (error) {
    failure = error instanceof EntryError ? error.reason : `read error: ${(error as Error).message}`;
    ended = true;
  }
  const head = Buffer.concat(headChunks);
  if (head.length === 0) {
    await iterator.return?.();
    return { read: false, reason: failure ?? 'empty file (0 bytes)' };
  }
  const verdict = detectEncoding(head, ended);
  if (verdict.binary) {
    await iterator.return?.();
    return { read: false, reason: verdict.reason };
  }

  const info = context.classify(path);
  const record: FileRecord = {
    path,
    bundle,
    bytes: 0,
    kind: 'text',
    module: info.module,
    component: info.component,
    format: 'none',
    encoding: verdict.encoding,
    lines: 0,
    events: 0,
    firstTime: null,
    lastTime: null,
    levels: emptyLevelCounts(),
    linesCut: 0,
    invalidBytes: 0,
    incomplete: null,
    modifiedTime: meta.mtime,
  };
  const reference = meta.mtime !== null && meta.mtime > MIN_PLAUSIBLE_MTIME ? meta.mtime : context.fallbackReference;

  let assembler: EventAssembler | null = null;
  let pending: string[] | null = [];
  let nonEmpty = 0;

  const takeEvent = (event: LogEvent | null) => {
    if (!event) return;
    record.events++;
    record.levels[event.level]++;
    if (event.time !== null && !event.timeInherited) {
      if (record.firstTime === null || event.time < record.firstTime) record.firstTime = event.time;
      if (record.lastTime === null || event.time > record.lastTime) record.lastTime = event.time;
    }
    context.onEvent?.(record, event);
  };
  const startAssembling = () => {
    const lines = pending ?? [];
    pending = null;
    const detection = detectFile(path, lines, context.formats);
    record.kind = detection.kind;
    record.format = detection.format?.id ?? 'none';
    assembler = new EventAssembler(detection.format, { zone: context.zoneFor(path), yearReference: reference });
    lines.forEach((line, i) => takeEvent(assembler!.push(line, i + 1)));
  };
  const onLine = context.onLine;
  const splitter = new LineSplitter((line, cut) => {
    record.lines++;
    onLine?.(record, line);
    if (cut) record.linesCut++;
    if (pending) {
      pending.push(line);
      if (line.trim() !== '') nonEmpty++;
      if (nonEmpty >= DETECT_SAMPLE_LINES || pending.length >= DETECT_SAMPLE_LINES * 8) startAssembling();
      return;
    }
    takeEvent(assembler!.push(line, record.lines));
  }, context.maxLineChars);

  let decoder = new TextDecoder(decoderLabel(verdict.encoding));
  // A file whose first 64 KiB are ASCII is only tentatively UTF-8: a Windows agent log may turn
  // to GBK later. Everything decoded so far was ASCII, so switching decoders then loses nothing.
  let tentative = verdict.encoding === 'utf-8' && !ended && isAscii(head);
  const settle = (chunk: Buffer) => {
    if (isAscii(chunk)) return;
    const firstHigh = chunk.findIndex((b) => b >= 0x80);
    tentative = false;
    const lineStart = chunk.lastIndexOf(0x0a, firstHigh) + 1;
    const later = detectEncoding(chunk.subarray(lineStart), false);
    if (!later.binary && later.encoding !== 'utf-8') {
      record.encoding = later.encoding;
      decoder = new TextDecoder(decoderLabel(later.encoding));
    }
  };
  const feed = (chunk: Buffer, last: boolean) => {
    if (tentative && chunk !== head) settle(chunk);
    record.bytes += chunk.length;
    context.onBytes?.(chunk.length);
    const before = record.lines;
    const text = decoder.decode(chunk, { stream: !last });
    record.invalidBytes += countReplacement(text);
    splitter.push(text);
    context.onLines?.(record.lines - before);
  };
  feed(head, false);
  if (!failure) {
    try {
      for (;;) {
        if (context.signal?.aborted) throw new EntryError('cancelled');
        const wait = context.pace?.();
        if (wait) await wait;
        const next = await iterator.next();
        if (next.done) break;
        feed(next.value, false);
      }
    } catch (error) {
      failure = error instanceof EntryError ? error.reason : `read error: ${(error as Error).message}`;
      await iterator.return?.();
    }
  }
  feed(Buffer.alloc(0), true);
  splitter.end();
  if (pending) startAssembling();
  takeEvent((assembler as EventAssembler | null)?.finish() ?? null);
  if (failure) record.incomplete = failure;
  if (meta.size !== null && !failure && record.bytes !== meta.size && meta.size > 0) {
    record.incomplete = `read ${record.bytes} bytes but the archive declares ${meta.size}`;
  }
  return { read: true, record };
}

/** Converts a container's `Date` (or nothing) into an epoch time, dropping impossible ones. */
export function mtimeOf(date: Date | undefined | null): EpochMs | null {
  if (!date) return null;
  const t = date.getTime();
  return Number.isFinite(t) && t > 0 ? epochMs(t) : null;
}
