// The index's ASCII line scanner (one pass over a line's bytes, hashing as it goes) must index
// exactly what the general path does (the shared tokenizer on the lowercased line, then the id
// extractor): the same words, word pairs, ids and request ids, with the same events. Checked on
// random lines built from the pieces where the rules are subtle: UUIDs and their segments, IPv4
// inside longer dotted numbers, long and hex tokens, keys that make the extractor run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EventCutter } from '../../src/shared/formats/eventAssembler.ts';
import { epochMs } from '../../src/shared/model.ts';
import { termAt } from '../../src/main/engine/index/casePostings.ts';
import { SegmentBuilder, type SegmentData } from '../../src/main/engine/index/segmentBuilder.ts';
import { SpoolWriter } from '../../src/main/engine/ingest/spoolWriter.ts';

const dir = await mkdtemp(join(tmpdir(), 'tarsier-segment-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

let files = 0;
function build(lines: { text: string; head: boolean }[], general: boolean): SegmentData {
  const spool = new SpoolWriter(join(dir, `spool-t-${files++}.txt`));
  const builder = new SegmentBuilder(spool, 0, null, general);
  const cutter = new EventCutter(null, 'UTC', epochMs(0));
  lines.forEach(({ text, head }, i) => {
    cutter.next(text);
    builder.line(text, i + 1, head || i === 0, cutter);
  });
  const segment = builder.finish();
  spool.close();
  return segment;
}

/** Every term with its count and postings bytes, and the request terms. */
function contents(s: SegmentData) {
  const n = s.terms.offsets.length - 1;
  const terms = Array.from({ length: n }, (_, t) => ({
    term: termAt(s.terms, t),
    count: s.counts[t],
    postings: [...s.postings.subarray(s.postingOffsets[t], s.postingOffsets[t + 1])],
  }));
  return { terms, requests: [...s.requests].map((t) => termAt(s.terms, t)) };
}

const UUID = '3f2a9c1e-77b0-4d2e-9a61-0b8e5c7d1234';
const PIECES = [
  'req-',
  'greq-',
  'xreq-',
  UUID,
  UUID.toUpperCase(),
  UUID.slice(0, 13),
  'deadbeef',
  'DEADBEEF-',
  'beef',
  'cafe1234',
  '10.0.0.1',
  '1.2.3.4.5',
  '255.1.2.3:8080',
  '.1.2.3.4',
  '1.2.3',
  '0',
  '123',
  '2025-09-18',
  '16:24:31.217',
  'a',
  'A',
  'Zz',
  '_',
  '-',
  '.',
  ':',
  '=',
  ' ',
  '  ',
  '/',
  '"',
  "'",
  '[',
  ']',
  '(',
  ')',
  ',',
  '0123456789abcdef0123456789abcdef',
  '0123456789ABCDEF0123456789ABCDEF',
  'x'.repeat(45),
  'abcdefabcdefabcdefabcdefabcdefabcdefabcdefg',
  'request_id=',
  'request-id: ',
  'x-request-id: ',
  'global_request_id=',
  'requested',
  'trace_id=',
  'traceparent: ',
  'tracer',
  'host=',
  'hostname: ',
  'host ',
  'host\f',
  'node\u000b',
  'node=',
  'nodes',
  'HOST=',
  '200 abcdef GET',
  '404 a1b2c3-d4e5f6 POST',
  '500 zzzzzz GET',
  '01234567890123456789012345678901',
  'request_id=foo-',
  'request_id=foo-req-',
  'x-request-id: req-',
  'project_id=',
  'Failed',
  'to',
  'attach',
  'volume',
  'State',
  'changed',
  'could not be found',
  'HTTP 404',
];
const asciiLine = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 14 }).map((p) => p.join(''));

describe('the ASCII line scanner', () => {
  it('indexes exactly what the general path indexes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: asciiLine, head: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        (lines) => {
          expect(contents(build(lines, false))).toEqual(contents(build(lines, true)));
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });

  it('hands a line with any non-ASCII character to the general path, with the same result', () => {
    const lines = [`2025-09-18 ${UUID} café Échec 磁盘同步失败 req-${UUID} host=node-1`, `plain ${UUID} then ü`].map(
      (text) => ({ text, head: true }),
    );
    const fast = contents(build(lines, false));
    expect(fast).toEqual(contents(build(lines, true)));
    expect(fast.terms.map((t) => t.term)).toEqual(
      expect.arrayContaining(['café', 'échec', '磁盘', '\u0001' + UUID, '\u0001node-1']),
    );
    expect(fast.requests).toEqual([`\u0001${UUID}`]);
  });
});
