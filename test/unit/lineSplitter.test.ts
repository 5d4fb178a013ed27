import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/shared/lineSplitter.ts';

/** The reference: split the whole text at once; `\r\n`, a lone `\r` and `\n` each end a line. */
function reference(text: string, max: number): { line: string; cut: boolean }[] {
  if (text === '') return [];
  const parts = text.split(/\r\n|\r|\n/);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((line) => (line.length > max ? { line: line.slice(0, max), cut: true } : { line, cut: false }));
}

function split(chunks: string[], max: number): { line: string; cut: boolean }[] {
  const out: { line: string; cut: boolean }[] = [];
  const splitter = new LineSplitter((line, cut) => out.push({ line, cut }), max);
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return out;
}

/** Cuts text at the given positions. */
function chunked(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let prev = 0;
  for (const p of points) {
    chunks.push(text.slice(prev, p));
    prev = p;
  }
  chunks.push(text.slice(prev));
  return chunks;
}

describe('LineSplitter', () => {
  it('handles LF, CRLF and a missing final newline', () => {
    expect(split(['a\r\nb\nc'], 100)).toEqual([
      { line: 'a', cut: false },
      { line: 'b', cut: false },
      { line: 'c', cut: false },
    ]);
  });
  it('ends a line at a lone CR (old Mac / progress output), CRLF still one line end', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\r');
    const lines = split([text], 100).map((l) => l.line);
    expect(lines).toHaveLength(2000);
    expect(lines[1999]).toBe('line 1999');
    expect(split(['a\r\rb\r\n\r\nc\r'], 100).map((l) => l.line)).toEqual(['a', '', 'b', '', 'c']);
  });
  it('keeps CRLF as one line end when CR and LF fall in different chunks', () => {
    expect(split(['a\r', '\nb\r', '', '\n', 'c'], 100).map((l) => l.line)).toEqual(['a', 'b', 'c']);
    expect(split(['a\r', '\rb'], 100).map((l) => l.line)).toEqual(['a', '', 'b']);
  });
  it('keeps empty lines but adds none after a final newline', () => {
    expect(split(['a\n\nb\n'], 100).map((l) => l.line)).toEqual(['a', '', 'b']);
  });
  it('cuts a long line and marks it', () => {
    expect(split(['x'.repeat(50), 'y'.repeat(50), '\r', '\nnext'], 10)).toEqual([
      { line: 'x'.repeat(10), cut: true },
      { line: 'next', cut: false },
    ]);
  });
  it('gives the same lines whatever the chunk boundaries, with LF, CRLF and CR mixed (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', '\n', '\r', '\r\n', '\n\r', '中', ' ');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')),
        fc.array(fc.nat(400), { maxLength: 20 }),
        fc.integer({ min: 1, max: 12 }),
        (text, cuts, max) => {
          expect(split(chunked(text, cuts), max)).toEqual(reference(text, max));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('holds a 10 MB line in bounded memory', () => {
    const out: { line: string; cut: boolean }[] = [];
    const splitter = new LineSplitter((line, cut) => out.push({ line, cut }), 1000);
    const chunk = 'z'.repeat(65536);
    for (let i = 0; i < 160; i++) splitter.push(chunk);
    splitter.push('\nafter\n');
    splitter.end();
    expect(out).toEqual([
      { line: 'z'.repeat(1000), cut: true },
      { line: 'after', cut: false },
    ]);
  });
});
