// A record format's events must not depend on where the container cuts the file's bytes: the
// record reader keeps state from line to line (the open record, a binary value being counted
// through), and the file record's level counts and time range follow what later lines revise.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openEvent, reviseEvent, type EventCutter, type OpenEvent } from '../../src/shared/formats/eventAssembler.ts';
import { epochMs, type FileRecord } from '../../src/shared/model.ts';
import { FileIngest, ingestSource } from '../../src/main/engine/ingest/fileIngest.ts';
import { loadClassifier, loadFormats } from '../../src/main/engine/platform/resources.ts';
import { cutAt } from '../support/ingestChunks.ts';

const formats = loadFormats();
const classifier = loadClassifier();
const RECORDS = join(import.meta.dirname, '..', 'golden', 'records');

/** The events and file record of `bytes` read as `path`, cut at `cuts`. */
async function ingest(
  path: string,
  bytes: Buffer,
  cuts: number[],
): Promise<{ record: FileRecord; events: OpenEvent[] }> {
  const events: OpenEvent[] = [];
  let open: OpenEvent | null = null;
  const sink = {
    line(text: string, number: number, head: boolean, cutter: EventCutter) {
      if (head) {
        open = openEvent(cutter, number, text);
        events.push(open);
      } else if (open) {
        if (cutter.revised) reviseEvent(open, cutter);
        open.lineCount++;
      }
    },
  };
  const task = {
    path,
    bundle: 0,
    meta: { size: null, mtime: null },
    component: classifier.classify(path),
    zone: 'UTC',
    maxLineChars: 65536,
    fallbackReference: epochMs(Date.UTC(2026, 0, 1)),
  };
  const chunks = cutAt(bytes, cuts);
  const source = {
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
  const outcome = await ingestSource(new FileIngest(task, { formats, withFields: true }, sink), source);
  if (!outcome.read) throw new Error(outcome.reason);
  return { record: outcome.record, events: events.map((e) => ({ ...e, continuation: [] })) };
}

/**
 * Journal export text past the encoding sniffer's window (a NUL there makes the file binary),
 * then a record with a binary MESSAGE (logdna-agent-v2's test_parse record) and one more record.
 */
function journalBytes(): Buffer {
  const text = readFileSync(join(RECORDS, 'journal-logdna.export'));
  const parts: Buffer[] = [];
  while (parts.length * text.length < 70_000) parts.push(text);
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(7n);
  parts.push(
    Buffer.from(
      '__CURSOR=s=bcce4fb8ffcb40e9a6e05eee8b7831bf;i=5ef603;b=ec25d6795f0645619ddac9afdef453ee;m=545242e7049;t=50f1202\n__REALTIME_TIMESTAMP=1423944916375353\nPRIORITY=3\nMESSAGE\n',
    ),
    size,
    Buffer.from('foo\nbar\n_PID=16853\n\n'),
    text,
  );
  return Buffer.concat(parts);
}

describe('record formats across chunk boundaries (property)', () => {
  const inputs: [string, Buffer][] = [
    ['journal.export', journalBytes()],
    ['catalina.out', readFileSync(join(RECORDS, 'jul-puppet-jira.log'))],
    ['catalina.2015.log', readFileSync(join(RECORDS, 'jul-openattestation.log'))],
    ['events.txt', readFileSync(join(RECORDS, 'wevtutil-blockip.txt'))],
  ];
  for (const [path, bytes] of inputs) {
    it(`${path}: the same events and file facts whatever the chunking`, async () => {
      const whole = await ingest(path, bytes, []);
      expect(whole.events.length).toBeGreaterThan(0);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 12 }), async (cuts) => {
          const cut = await ingest(path, bytes, cuts);
          expect(cut.events).toEqual(whole.events);
          expect(cut.record.levels).toEqual(whole.record.levels);
          expect([cut.record.firstTime, cut.record.lastTime]).toEqual([whole.record.firstTime, whole.record.lastTime]);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('journal export: the binary record is one event, and the file counts the levels records learnt', async () => {
    const { record, events } = await ingest('journal.export', journalBytes(), []);
    expect(record.format).toBe('journal-export');
    const binary = events.find((e) => e.message === 'foo bar');
    expect(binary?.level).toBe('error');
    expect(binary?.fields.pid).toBe('16853');
    expect(record.events).toBe(events.length);
    expect(record.levels.error).toBe(1);
    expect(record.levels.info).toBe(events.length - 1);
    expect(record.levels.unknown).toBe(0);
    expect(new Date(record.firstTime!).toISOString()).toBe('2015-02-14T20:15:16.375Z');
    expect(new Date(record.lastTime!).toISOString()).toBe('2021-06-10T11:10:51.163Z');
  });
});
