import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileBoundedRegex, engineFor, NATIVE_MAX_CHARS, regexShape } from '../../src/shared/search/boundedRegex.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';

const engine = (source: string) => engineFor(regexShape(source));

function compiled(source: string, flags = '') {
  const result = compileBoundedRegex(source, flags);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('boundedRegex: the shape decides the engine', () => {
  it.each([
    ['HTTP 5\\d\\d', 'native'],
    ['error|fail(ed|ure)', 'native'],
    ['\\d{1,3}\\.\\d{1,3}', 'native'],
    ['\\d{1,3}(\\.\\d{1,3}){3}', 'linear'],
    ['[a-z+*]{2}', 'native'],
    ['timeout.*ms', 'short-native'],
    ['\\d+\\.', 'short-native'],
    ['spawned \\w+ in \\d+\\.\\d+', 'linear'],
    ['(a+)+$', 'linear'],
    ['(a|a)*$', 'linear'],
    ['(\\w+\\s?){2,}$', 'linear'],
    ['(?<!\\w)err.*x', 'linear'],
    ['(?<word>\\w)\\k<word>', 'native'],
    ['(?<word>\\w+) \\k<word>', 'linear'],
  ])('/%s/ runs %s', (source, expected) => {
    expect(engine(source)).toBe(expected);
  });
});

describe('boundedRegex: every test ends', () => {
  it('answers /(a+)+$/ on the 36-character line that hangs a backtracking engine', () => {
    const regex = compiled('(a+)+$');
    expect(regex.test('a'.repeat(36) + '!')).toBe(false);
    expect(regex.test('aaa')).toBe(true);
  });

  it('answers the exponential and quadratic classics on a 64 K-character line', () => {
    const long = 'a'.repeat(65_536);
    expect(compiled('^(a|a)*$').test(long + '!')).toBe(false);
    expect(compiled('^(\\w+\\s?)+$', 'i').test(long + '!')).toBe(false);
    expect(compiled('a*a*a*b').test(long)).toBe(false);
    // One unbounded repeat: quadratic for the built-in engine, so a long text goes to the linear one.
    expect(compiled('a*b').engine).toBe('short-native');
    expect(compiled('a*b').test(long)).toBe(false);
    expect(compiled('a*b').test(long + 'b')).toBe(true);
  });

  it('refuses what only backtracking can run, saying why', () => {
    const result = compileBoundedRegex('(\\w+)\\s+\\1');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/back-reference/);
    const parsed = parseQuery('/(\\w+)\\s+\\1/');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/linear time/);
  });

  it('keeps lookbehind without repeats on the built-in engine', () => {
    const regex = compiled('(?<!\\w)error\\b');
    expect(regex.engine).toBe('native');
    expect(regex.test('an error here')).toBe(true);
    expect(regex.test('anerror here')).toBe(false);
  });
});

describe('boundedRegex: bounded repeats and choices count too', () => {
  it.each([
    ['a{0,200}a{0,200}a{0,200}b', 'a'.repeat(1000)],
    ['(?:a|a)'.repeat(24) + 'b', 'a'.repeat(40)],
    ['a?'.repeat(26) + 'a'.repeat(26) + 'b', 'a'.repeat(40)],
    ['\\w*\\d{0,1000}\\d{0,1000}x', '1'.repeat(1024)],
  ])('/%s/ goes to the linear engine and answers', (source, text) => {
    const regex = compiled(source);
    expect(regex.engine).toBe('linear');
    expect(regex.test(text)).toBe(false);
  });

  it('keeps exact counts on the built-in engine, and refuses a bound RE2 cannot hold, saying so', () => {
    expect(compiled('[0-9a-f]{32}').engine).toBe('native');
    const huge = compileBoundedRegex('\\d{0,65535}\\.');
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error).toMatch(/linear-time engine .* refuses it: .*invalid repeat count/);
  });
});

describe('boundedRegex: the same answers as JavaScript', () => {
  it.each([
    ['a\\sb.*', 'a\u00a0b'],
    ['a\\sb.*', 'a\u000bb'],
    ['a\\sb.*', 'a\ufeffb'],
    ['a[\\s]b.*', 'a\u3000b'],
    ['a\\Sb.*', 'a\u00a0b'],
    ['a.b.*c', 'a\rbc'],
    ['.+', '\u2028'],
  ])('/%s/ on a long text means what JavaScript means (\\s, \\S and . as JavaScript spells them)', (source, text) => {
    const long = text + 'x'.repeat(NATIVE_MAX_CHARS + 10);
    const regex = compiled(source);
    expect(regex.engine).toBe('short-native');
    expect(regex.test(long)).toBe(new RegExp(source).test(long));
  });

  const pieces = [
    'a',
    'b',
    '\\d',
    '\\w',
    '\\s',
    '.',
    '[a-c]',
    '[^a]',
    'x|y',
    '(ab)',
    '(?:a|b)',
    '^',
    '$',
    '\\b',
    '\\.',
  ];
  const quantifiers = ['', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '*?', '+?'];
  const regexSource = fc
    .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...quantifiers)), { minLength: 1, maxLength: 5 })
    .map((parts) =>
      parts
        .map(([piece, q]) =>
          piece === '^' || piece === '$' || piece === '\\b'
            ? piece
            : piece.includes('|')
              ? `(?:${piece})${q}`
              : piece + q,
        )
        .join(''),
    );
  const text = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[ab1 .xy\u00a0\r\n\u2028\ufeff]{0,40}$/));

  it('matches where the built-in engine matches, on short and long texts, with and without i', () => {
    fc.assert(
      fc.property(regexSource, text, fc.boolean(), fc.boolean(), (source, sample, long, ignoreCase) => {
        const flags = ignoreCase ? 'i' : '';
        const input = long ? sample.repeat(Math.ceil((NATIVE_MAX_CHARS + 10) / Math.max(1, sample.length))) : sample;
        const bounded = compileBoundedRegex(source, flags);
        if (!bounded.ok) return;
        expect(bounded.value.test(input)).toBe(new RegExp(source, flags).test(input));
      }),
      { numRuns: 400 },
    );
  });
});

describe('compiled regexes are reused by source and flags', () => {
  it('keeps flags apart: a case-insensitive regex is not served for the same source without i', () => {
    const plain = compileBoundedRegex('Volume (\\w+)+ lost');
    const folded = compileBoundedRegex('Volume (\\w+)+ lost', 'i');
    const plainAgain = compileBoundedRegex('Volume (\\w+)+ lost', 'g');
    if (!plain.ok || !folded.ok || !plainAgain.ok) throw new Error('should compile');
    expect(plain.value.test('volume abc lost')).toBe(false);
    expect(folded.value.test('volume abc lost')).toBe(true);
    expect(plainAgain.value.test('volume abc lost')).toBe(false);
    expect(plainAgain.value.test('Volume abc lost')).toBe(true);
  });

  it('gives the same refusal each time for a regex it cannot bound', () => {
    const first = compileBoundedRegex('(a+)+\\1');
    const second = compileBoundedRegex('(a+)+\\1');
    expect(first.ok).toBe(false);
    expect(second).toEqual(first);
  });
});
