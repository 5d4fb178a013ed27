// Decoding and line splitting must not depend on where the container cuts the bytes into chunks:
// a multi-byte character (UTF-8, GBK, UTF-16) or a CRLF may straddle any boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EncodingName } from '../../src/shared/model.ts';
import { ingestCut } from '../support/ingestChunks.ts';
import { encodeGbk } from '../fixtures/gbk.ts';

function encode(text: string, encoding: EncodingName): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    case 'gb18030':
      return encodeGbk(text);
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}

async function linesOf(bytes: Buffer, cuts: number[]): Promise<{ encoding: string; lines: string[] }> {
  const { record, lines } = await ingestCut(bytes, cuts);
  return { encoding: record.encoding, lines };
}

const PREFIX = '2025-09-18 16:24:31.123 1 ERROR svc.x [-] ';
const cases: { encoding: EncodingName; alphabet: string[] }[] = [
  { encoding: 'utf-8', alphabet: ['a', ' ', '卷', '挂', '载', '失', '败', 'é', '😀'] },
  { encoding: 'utf-8-bom', alphabet: ['a', ' ', '磁', '盘', 'ü'] },
  { encoding: 'utf-16le', alphabet: ['a', ' ', '同', '步', 'ß', '😀'] },
  { encoding: 'utf-16be', alphabet: ['a', ' ', '拒', '绝', '访', '问'] },
  { encoding: 'gb18030', alphabet: ['a', ' ', '磁', '盘', '同', '步', '失', '败', '拒', '绝', '访', '问'] },
  { encoding: 'latin1', alphabet: ['a', ' ', 'é', 'è', 'ü', 'ñ', 'ç'] },
];

describe('ingest across chunk boundaries (property)', () => {
  for (const { encoding, alphabet } of cases) {
    it(`${encoding}: the same lines whatever the chunking`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 30 }).map((a) => a.join('')),
            { minLength: 1, maxLength: 8 },
          ),
          fc.constantFrom('\n', '\r\n'),
          fc.array(fc.nat(2000), { maxLength: 12 }),
          async (messages, eol, cuts) => {
            // Latin-1 needs a non-ASCII byte after a space to be told from GBK; keep one in every line.
            const lines = messages.map((m) => PREFIX + (encoding === 'latin1' ? `${m} é.` : m));
            const { encoding: found, lines: got } = await linesOf(encode(lines.join(eol) + eol, encoding), cuts);
            // ASCII-only GBK is byte-identical to UTF-8, and reported as such.
            const ascii = lines.every((l) => /^[\x00-\x7f]*$/.test(l));
            expect(found).toBe(encoding === 'gb18030' && ascii ? 'utf-8' : encoding);
            expect(got).toEqual(lines);
          },
        ),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
      );
    });
  }
});

describe('lines valid in both UTF-8 and GBK', () => {
  it('are GBK in a file whose other lines are plainly GBK (found by the property above)', async () => {
    const lines = ['失', '同', '磁'].map((m) => PREFIX + m);
    for (const cuts of [[], [50], [44, 95]]) {
      const { encoding, lines: got } = await linesOf(encodeGbk(lines.join('\n') + '\n'), cuts);
      expect(encoding).toBe('gb18030');
      expect(got).toEqual(lines);
    }
  });
});

describe('late encoding', () => {
  it('switches to GBK when Chinese appears after 64 KiB of ASCII', async () => {
    const ascii = `${PREFIX}starting up\r\n`.repeat(2000);
    const chinese = `${PREFIX}磁盘同步失败: 拒绝访问\r\n`;
    const bytes = Buffer.concat([Buffer.from(ascii), encodeGbk(chinese)]);
    expect(bytes.length).toBeGreaterThan(65536);
    const { encoding, lines } = await linesOf(bytes, [70000, 90000]);
    expect(encoding).toBe('gb18030');
    expect(lines[lines.length - 1]).toBe(chinese.trimEnd());
    expect(lines).toHaveLength(2001);
  });
});
