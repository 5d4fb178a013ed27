// The one tokenizer of search: words, UUIDs and IPv4 kept whole when they stand alone, Han text
// as unigrams and bigrams, and which tokens go into the index under which key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  couldBeUuidSegment,
  forEachToken,
  indexKey,
  isIndexed,
  isWordChar,
  MAX_INDEXED_TOKEN,
  prefixMayMatchUnindexed,
  tokenize,
} from '../../src/shared/search/tokenize.ts';

const UUID = '6ec3e693-69f7-4129-a43a-16eebe74b528';

describe('tokenize', () => {
  it('cuts words on anything that is not a letter, digit, mark or underscore, lowercased', () => {
    expect(tokenize('Hello, World_1 foo-bar')).toEqual(['hello', 'world_1', 'foo', 'bar']);
    expect(tokenize('nova.compute.manager')).toEqual(['nova', 'compute', 'manager']);
    expect(tokenize('status: 404 (HTTP 404)')).toEqual(['status', '404', 'http', '404']);
    expect(tokenize('Échec réseau naïve')).toEqual(['échec', 'réseau', 'naïve']);
    expect(tokenize('😀abc\tdef\r\n')).toEqual(['abc', 'def']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' -- ... ')).toEqual([]);
  });

  it('keeps a standalone UUID whole, in any case, wherever it is', () => {
    expect(tokenize(`volume ${UUID.toUpperCase()} ok`)).toEqual(['volume', UUID, 'ok']);
    expect(tokenize(`req-${UUID}`)).toEqual(['req', UUID]);
    expect(tokenize(`[instance: ${UUID}]`)).toEqual(['instance', UUID]);
    expect(tokenize(`disk-${UUID}-sda.raw`)).toEqual(['disk', UUID, 'sda', 'raw']);
    expect(tokenize(`${UUID}.`)).toEqual([UUID]);
    expect(tokenize(`${UUID}失败`)).toEqual([UUID, '失', '失败', '败']);
  });

  it('does not take a UUID out of a longer word: glued on either side, its parts are words', () => {
    expect(tokenize(`vol${UUID}`)).toEqual(['vol6ec3e693', '69f7', '4129', 'a43a', '16eebe74b528']);
    expect(tokenize(`${UUID}abc`)).toEqual(['6ec3e693', '69f7', '4129', 'a43a', '16eebe74b528abc']);
    expect(tokenize(`${UUID}_x`)).toEqual(['6ec3e693', '69f7', '4129', 'a43a', '16eebe74b528_x']);
    expect(tokenize('6ec3e693-69f7-4129-a43a-16eebe74b52')).toEqual([
      '6ec3e693',
      '69f7',
      '4129',
      'a43a',
      '16eebe74b52',
    ]);
    expect(tokenize('6ec3e69g-69f7-4129-a43a-16eebe74b528')).toEqual([
      '6ec3e69g',
      '69f7',
      '4129',
      'a43a',
      '16eebe74b528',
    ]);
  });

  it('keeps a standalone IPv4 address whole, port apart, but not inside a longer dotted number', () => {
    expect(tokenize('from 10.20.0.15 ok')).toEqual(['from', '10.20.0.15', 'ok']);
    expect(tokenize('10.0.0.1:8080')).toEqual(['10.0.0.1', '8080']);
    expect(tokenize('(192.168.1.10)')).toEqual(['192.168.1.10']);
    expect(tokenize('x 1.2.3.4-5')).toEqual(['x', '1.2.3.4', '5']);
    expect(tokenize('1.2.3.4.5')).toEqual(['1', '2', '3', '4', '5']);
    expect(tokenize('a.1.2.3.4')).toEqual(['a', '1', '2', '3', '4']);
    expect(tokenize('v1.2.3.4')).toEqual(['v1', '2', '3', '4']);
    expect(tokenize('1.2.3')).toEqual(['1', '2', '3']);
    expect(tokenize('version 6.2.1.1032')).toEqual(['version', '6', '2', '1', '1032']);
    expect(tokenize('1234.1.1.1')).toEqual(['1234', '1', '1', '1']);
  });

  // A full stop after an address ends the sentence; it is not part of a longer dotted number (the
  // id extractor, `(?!\.?\d)`, agrees), so `10.0.0.1` must be a token of "connected to 10.0.0.1.".
  it('keeps an IPv4 address whole at the end of a sentence', () => {
    expect(tokenize('connected to 10.0.0.1.')).toEqual(['connected', 'to', '10.0.0.1']);
    expect(tokenize('ping 10.0.0.1. Done')).toEqual(['ping', '10.0.0.1', 'done']);
  });

  it('cuts Han text into every character and every pair of neighbours', () => {
    expect(tokenize('失败')).toEqual(['失', '失败', '败']);
    expect(tokenize('连接失败')).toEqual(['连', '连接', '接', '接失', '失', '失败', '败']);
    expect(tokenize('磁盘同步失败: 拒绝访问。')).toEqual([
      ...['磁', '磁盘', '盘', '盘同', '同', '同步', '步', '步失', '失', '失败', '败'],
      ...['拒', '拒绝', '绝', '绝访', '访', '访问', '问'],
    ]);
    // Han runs end at anything else; no pair spans a letter, digit or space.
    expect(tokenize('abc连接def')).toEqual(['abc', '连', '连接', '接', 'def']);
    expect(tokenize('行号58')).toEqual(['行', '行号', '号', '58']);
    expect(tokenize('任务 状态')).toEqual(['任', '任务', '务', '状', '状态', '态']);
    expect(tokenize('㐀丂豈')).toEqual(['㐀', '㐀丂', '丂', '丂豈', '豈']);
  });

  it('says which characters are word characters', () => {
    for (const c of ['a', 'Z', '0', '_', 'é', 'ß', 'я']) expect(isWordChar(c.charCodeAt(0)), c).toBe(true);
    for (const c of [' ', '-', '.', ':', '失', '。', '\ud83d']) expect(isWordChar(c.charCodeAt(0)), c).toBe(false);
  });

  it('forEachToken on lowercased text is tokenize', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const out: string[] = [];
        forEachToken(text.toLowerCase(), (t) => out.push(t));
        expect(out).toEqual(tokenize(text));
      }),
      { seed: 1, numRuns: 500 },
    );
  });

  // Text from the characters that make tokens interesting: hex, digits, dots, dashes, Han, letters.
  const tricky = fc.string({
    unit: fc.constantFrom(...'0123456789abcdefABCDEF.-_: xyzé失败连接'.split('')),
    maxLength: 50,
  });
  it('tokens are lowercase pieces of the text, and a space never joins or splits tokens', () => {
    fc.assert(
      fc.property(tricky, tricky, (a, b) => {
        const tokens = tokenize(a);
        for (const t of tokens) {
          expect(a.toLowerCase()).toContain(t);
          expect(t).toBe(t.toLowerCase());
          expect(t).not.toMatch(/\s/);
        }
        expect(tokenize(`${a} ${b}`)).toEqual([...tokens, ...tokenize(b)]);
      }),
      { seed: 2, numRuns: 1000 },
    );
  });
});

describe('what goes into the index', () => {
  it('leaves out numbers and long hex strings with a digit', () => {
    expect(isIndexed('volume')).toBe(true);
    expect(isIndexed('404')).toBe(false);
    expect(isIndexed('1234567890123')).toBe(false);
    expect(isIndexed('0x1f')).toBe(true);
    expect(isIndexed('v2')).toBe(true);
    expect(isIndexed('deadbeef')).toBe(true); // hex, but no digit: a word
    expect(isIndexed('deadbeef1')).toBe(false);
    expect(isIndexed('a1b2c3d4')).toBe(false);
    expect(isIndexed('a1b2c3d')).toBe(true); // shorter than 8
    expect(isIndexed('84c8590299c0c41015697e13757298be')).toBe(false);
    expect(isIndexed(UUID)).toBe(true);
    expect(isIndexed('10.20.0.15')).toBe(true);
    expect(isIndexed('失败')).toBe(true);
  });

  it('keys long tokens by their first 40 characters', () => {
    expect(MAX_INDEXED_TOKEN).toBe(40);
    const forty = 'a'.repeat(40);
    expect(indexKey(forty)).toBe(forty);
    expect(indexKey(`${forty}b`)).toBe(forty);
    expect(indexKey('short')).toBe('short');
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (t) => {
        const key = indexKey(t);
        expect(t.startsWith(key)).toBe(true);
        expect(key.length).toBe(Math.min(t.length, 40));
      }),
      { seed: 3 },
    );
  });

  it('knows which prefixes could reach unindexed tokens, and which words could be UUID segments', () => {
    expect(prefixMayMatchUnindexed('404')).toBe(true);
    expect(prefixMayMatchUnindexed('dead')).toBe(true);
    expect(prefixMayMatchUnindexed('vol')).toBe(false);
    expect(prefixMayMatchUnindexed('10.20')).toBe(false);
    for (const t of ['beef', 'deadbeef', 'abcdefabcdef', '4129']) expect(couldBeUuidSegment(t), t).toBe(true);
    for (const t of ['bee', 'beefy', 'abcdefabcdefa', 'xyzw']) expect(couldBeUuidSegment(t), t).toBe(false);
  });
});
