// A file that mixes encodings is decoded line by line and says so; a file in one encoding is not
// slowed or changed. And CR-only line ends are line ends. Whatever the chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestCut } from '../support/ingestChunks.ts';
import { encodeGbk } from '../fixtures/gbk.ts';

const read = ingestCut;

const stamp = (i: number) => `2025-09-18 16:24:${String(i % 60).padStart(2, '0')}.123 1 INFO svc.x [-] `;
const utf8Lines = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `${stamp(from + i)}naïve résumé ${from + i} 卷挂载成功`);
const gbkLines = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `${stamp(from + i)}磁盘同步失败 拒绝访问 ${from + i}`);
const asciiLines = (n: number) =>
  Array.from({ length: n }, (_, i) => `${stamp(i)}plain ascii line number ${i} with some padding to make it longer`);

/** UTF-8 lines with line 17 in Latin-1. */
function utf8WithLatin1(): { bytes: Buffer; lines: string[] } {
  const lines = utf8Lines(40);
  lines[16] = `${stamp(16)}user café logged in from Zürich`;
  const bytes = Buffer.concat(lines.map((l, i) => Buffer.from(`${l}\n`, i === 16 ? 'latin1' : 'utf8')));
  return { bytes, lines };
}

/** An ASCII block longer than the detection sample, then a GBK block, then a UTF-8 block. */
function asciiGbkUtf8(asciiCount = 1200): { bytes: Buffer; lines: string[]; utf8From: number } {
  const ascii = asciiLines(asciiCount);
  const gbk = gbkLines(30);
  const utf8 = utf8Lines(20).map((l) => `${l} café`);
  const bytes = Buffer.concat([
    Buffer.from(`${ascii.join('\n')}\n`),
    encodeGbk(`${gbk.join('\r\n')}\r\n`),
    Buffer.from(`${utf8.join('\n')}\n`),
  ]);
  return { bytes, lines: [...ascii, ...gbk, ...utf8], utf8From: ascii.length + gbk.length + 1 };
}

describe('mixed encodings in one file', () => {
  it('decodes the one Latin-1 line of a UTF-8 file as Latin-1, and says which line', async () => {
    const { bytes, lines } = utf8WithLatin1();
    const { record, lines: got } = await read(bytes);
    expect(got).toEqual(lines);
    expect(record.encoding).toBe('utf-8');
    expect(record.invalidBytes).toBe(0);
    expect(record.notes).toEqual(['mixed encodings: 1 line decoded as latin1 (line 17); the rest as utf-8']);
  });

  it('decodes the UTF-8 block of a GBK file as UTF-8 (café, not caf茅), after a long ASCII start', async () => {
    const { bytes, lines, utf8From } = asciiGbkUtf8();
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const { record, lines: got } = await read(bytes);
    expect(got).toEqual(lines);
    expect(got.join('\n')).not.toContain('caf茅');
    expect(record.encoding).toBe('gb18030');
    expect(record.notes).toEqual([
      `mixed encodings: 20 lines decoded as utf-8 (lines ${utf8From}, ${utf8From + 1}, ${utf8From + 2}, …); the rest as gb18030`,
    ]);
  });

  it('does the same when the whole file fits the detection sample', async () => {
    const { bytes, lines } = asciiGbkUtf8(10);
    const { record, lines: got } = await read(bytes);
    expect(got).toEqual(lines);
    expect(record.encoding).toBe('gb18030');
    expect(record.notes?.[0]).toMatch(/^mixed encodings: 20 lines decoded as utf-8 \(lines 41, 42, 43, …\)/);
  });

  it('keeps a UTF-8 file with Cyrillic lines UTF-8 when one line is Latin-1', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `${stamp(i)}Ошибка подключения к базе ${i}`);
    lines[5] = `${stamp(5)}caf\xe9 cr\xe8me`;
    const bytes = Buffer.concat(lines.map((l, i) => Buffer.from(`${l}\n`, i === 5 ? 'latin1' : 'utf8')));
    const { record, lines: got } = await read(bytes);
    expect(got).toEqual(lines);
    expect(record.notes).toEqual(['mixed encodings: 1 line decoded as latin1 (line 6); the rest as utf-8']);
  });

  it('decodes a GBK line inside a UTF-8 file as GBK', async () => {
    const lines = utf8Lines(10);
    lines[3] = `${stamp(3)}磁盘同步失败: 拒绝访问`;
    const bytes = Buffer.concat(lines.map((l, i) => (i === 3 ? encodeGbk(`${l}\n`) : Buffer.from(`${l}\n`))));
    const { record, lines: got } = await read(bytes);
    expect(got).toEqual(lines);
    expect(record.notes).toEqual(['mixed encodings: 1 line decoded as gb18030 (line 4); the rest as utf-8']);
  });

  it('leaves a file in one encoding alone: no note, same text', async () => {
    for (const [bytes, lines, encoding] of [
      [Buffer.from(`${utf8Lines(300).join('\n')}\n`), utf8Lines(300), 'utf-8'],
      [encodeGbk(`${gbkLines(300).join('\r\n')}\r\n`), gbkLines(300), 'gb18030'],
    ] as const) {
      const { record, lines: got } = await read(bytes);
      expect(got).toEqual(lines);
      expect(record.encoding).toBe(encoding);
      expect(record.notes).toBeUndefined();
    }
    // A GBK file that starts with a long ASCII stretch is GBK from its first Chinese line on, with no note.
    const late = [...asciiLines(1500), ...gbkLines(20)];
    const { record, lines: got } = await read(encodeGbk(`${late.join('\n')}\n`));
    expect(got).toEqual(late);
    expect(record.encoding).toBe('gb18030');
    expect(record.notes).toBeUndefined();
  });

  it('gives the same lines and note whatever the chunking (property)', async () => {
    const files = [utf8WithLatin1(), asciiGbkUtf8(1100), asciiGbkUtf8(3)];
    const expected = await Promise.all(files.map((f) => read(f.bytes)));
    await fc.assert(
      fc.asyncProperty(fc.nat(files.length - 1), fc.array(fc.nat(200_000), { maxLength: 40 }), async (which, cuts) => {
        const { record, lines } = await read(files[which]!.bytes, cuts);
        expect(lines).toEqual(files[which]!.lines);
        expect(record.notes).toEqual(expected[which]!.record.notes);
        expect(record.encoding).toBe(expected[which]!.record.encoding);
      }),
      { numRuns: 150 },
    );
  });

  it('reads a line longer than the carry bound in a mixed file without losing the lines after it', async () => {
    const long = `${stamp(0)}${'é'.repeat(100_000)}`;
    const lines = [long, `${stamp(1)}caf\xe9`, `${stamp(2)}ok`];
    const bytes = Buffer.concat([
      Buffer.from(`${long}\n`),
      Buffer.from(`${lines[1]}\n`, 'latin1'),
      Buffer.from(`${lines[2]}\n`),
    ]);
    const { record, lines: got } = await read(bytes, [1000, 70_000, 150_000]);
    expect(got).toEqual([long.slice(0, 65536), `${stamp(1)}café`, lines[2]]);
    expect(record.notes).toEqual(['mixed encodings: 1 line decoded as latin1 (line 2); the rest as utf-8']);
  });
});

describe('CR-only line ends', () => {
  it('reads 2,000 lines separated by a lone CR as 2,000 lines, in any chunking', async () => {
    const lines = asciiLines(2000);
    const bytes = Buffer.from(lines.join('\r'));
    expect((await read(bytes)).lines).toEqual(lines);
    expect((await read(bytes, [17, 4096, 65535, 65536, 100_000])).lines).toEqual(lines);
  });
});
