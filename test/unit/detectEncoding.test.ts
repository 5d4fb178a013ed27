import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../src/main/engine/decode/detectEncoding.ts';

/** GB18030 bytes of "磁盘同步失败" (checked with TextDecoder below). */
const GBK_TEXT = Buffer.from([0xb4, 0xc5, 0xc5, 0xcc, 0xcd, 0xac, 0xb2, 0xbd, 0xca, 0xa7, 0xb0, 0xdc]);

describe('detectEncoding', () => {
  it('reads BOMs', () => {
    expect(detectEncoding(Buffer.from('\ufeffhello', 'utf8'), true)).toEqual({
      binary: false,
      encoding: 'utf-8-bom',
      bomLength: 3,
    });
    expect(
      detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi there', 'utf16le')]), true),
    ).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x68, 0, 0x69]), true)).toMatchObject({
      encoding: 'utf-16be',
      bomLength: 2,
    });
  });
  it('finds BOM-less UTF-16 by its NUL pattern', () => {
    expect(detectEncoding(Buffer.from('2025-09-18 16:24:31 ERROR x', 'utf16le'), true)).toMatchObject({
      encoding: 'utf-16le',
      bomLength: 0,
    });
  });
  it('prefers UTF-8, including Chinese in UTF-8', () => {
    expect(detectEncoding(Buffer.from('plain ascii\n'), true)).toMatchObject({ encoding: 'utf-8' });
    expect(detectEncoding(Buffer.from('卷挂载失败 volume attach failed\n'), true)).toMatchObject({ encoding: 'utf-8' });
  });
  it('allows a UTF-8 sequence cut by the end of a partial sample, not of the whole file', () => {
    const cut = Buffer.from('ok 中', 'utf8').subarray(0, 4);
    expect(detectEncoding(cut, false)).toMatchObject({ encoding: 'utf-8' });
    expect(detectEncoding(cut, true)).not.toMatchObject({ encoding: 'utf-8' });
  });
  it('recognises GBK Chinese', () => {
    expect(new TextDecoder('gb18030').decode(GBK_TEXT)).toBe('磁盘同步失败');
    const line = Buffer.concat([
      Buffer.from('2025-09-18 16:24:31,123 [12] ERROR Sync - '),
      GBK_TEXT,
      Buffer.from('\r\n'),
    ]);
    expect(detectEncoding(line, true)).toMatchObject({ encoding: 'gb18030' });
  });
  it('falls back to Latin-1 for accented Western text', () => {
    expect(detectEncoding(Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1'), true)).toMatchObject({
      encoding: 'latin1',
    });
  });
  it('names binary content and where it is', () => {
    const bin = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]);
    const verdict = detectEncoding(bin, true);
    expect(verdict.binary).toBe(true);
    expect(verdict.binary && verdict.reason).toMatch(/NUL byte at offset 7/);
  });
});

describe('detectEncoding on compressed files Tarsier does not open (xz, bzip2, zstd and 7z it reads)', () => {
  // Leading bytes of each format (magic, then enough of a header to look real), padded with binary.
  const formats: [string, number[], RegExp][] = [
    // A zstd skippable frame: the walk reads a zstd frame, not one behind a skippable frame.
    ['zstd skippable frame', [0x50, 0x2a, 0x4d, 0x18, 0x04, 0x00, 0x00, 0x00], /^zstd-compressed file: .*\(zstd -d\)/],
    ['rar', [...Buffer.from('Rar!'), 0x1a, 0x07, 0x01, 0x00], /^RAR archive: .*\(unrar x\)/],
    ['lz4', [0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7], /^lz4-compressed file: .*\(lz4 -d\)/],
    [
      'lzma',
      [0x5d, 0x00, 0x00, 0x80, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
      /^lzma-compressed file: .*\(xz -d\)/,
    ],
  ];
  it.each(formats)('names %s and says what to do', (_name, magic, expected) => {
    const bytes = Buffer.concat([
      Buffer.from(magic),
      Buffer.from([0x00, 0x8f, 0x12, 0x00, 0xaa]),
      Buffer.alloc(200, 0x41),
    ]);
    const verdict = detectEncoding(bytes, true);
    expect(verdict.binary).toBe(true);
    expect(verdict.binary && verdict.reason).toMatch(expected);
    expect(verdict.binary && verdict.reason).toContain('Tarsier reads gzip, xz, bzip2, zstd, zip, 7z and tar');
  });
  it('does not take text that merely starts like a magic for a compressed file', () => {
    expect(detectEncoding(Buffer.from('BZh9 is not bzip2\n'), true)).toMatchObject({ binary: false });
    expect(detectEncoding(Buffer.from('Rar! said the log\n'), true)).toMatchObject({ binary: false });
  });
});
