import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  formatQuery,
  parseQuery,
  positiveTerms,
  QUERY_SYNTAX,
  type LevelOp,
  type QueryError,
  type QueryNode,
} from '../../src/shared/search/queryLanguage.ts';
import { formatTimeValue, parseTimeValue, resolveTimeAnchor } from '../../src/shared/search/queryTime.ts';
import { epochMs, LEVELS } from '../../src/shared/model.ts';

function q(input: string): QueryNode {
  const r = parseQuery(input);
  if (!r.ok) throw new Error(`${input}: ${r.error.message} @${r.error.position}`);
  return r.query;
}
function err(input: string): QueryError {
  const r = parseQuery(input);
  if (r.ok) throw new Error(`${input} parsed: ${JSON.stringify(r.query)}`);
  return r.error;
}
const t = (text: string, prefix = false): QueryNode => ({ kind: 'term', text, prefix });
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child });
const abs = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, zone: string | null = null) => ({
  kind: 'absolute' as const,
  parts: { year: y, month: mo, day: d, hour: h, minute: mi, second: s, millisecond: ms },
  zone,
});

describe('terms, phrases, regexes', () => {
  it('reads plain and prefix terms as typed', () => {
    expect(q('Timeout')).toEqual(t('Timeout'));
    expect(q('attach*')).toEqual(t('attach', true));
    expect(q('a*b')).toEqual(t('a*b'));
    expect(q('vm-web01')).toEqual(t('vm-web01'));
    expect(q('--force')).toEqual(t('--force'));
    expect(q('or')).toEqual(t('or'));
    expect(q('ORACLE')).toEqual(t('ORACLE'));
  });
  it('treats unknown name:value and URLs as terms', () => {
    expect(q('volume:abc')).toEqual(t('volume:abc'));
    expect(q('http://x/y')).toEqual(t('http://x/y'));
  });
  it('empty and whitespace-only queries match all', () => {
    expect(q('')).toEqual({ kind: 'all' });
    expect(q(' \t\n ')).toEqual({ kind: 'all' });
  });
  it('unescapes phrases', () => {
    expect(q('"volume not found"')).toEqual({ kind: 'phrase', text: 'volume not found' });
    expect(q(String.raw`"say \"hi\" \\ C:\temp"`)).toEqual({ kind: 'phrase', text: String.raw`say "hi" \ C:\temp` });
  });
  it('reads regexes with flags, spaces, escaped slashes and classes', () => {
    expect(q('/HTTP 5\\d\\d/i')).toEqual({ kind: 'regex', source: 'HTTP 5\\d\\d', flags: 'i' });
    expect(q('/a\\/b/ms')).toEqual({ kind: 'regex', source: 'a\\/b', flags: 'ms' });
    expect(q('/[/]x/')).toEqual({ kind: 'regex', source: '[/]x', flags: '' });
    expect(q('(/a|b/)')).toEqual({ kind: 'regex', source: 'a|b', flags: '' });
    expect(q('/x/ui')).toEqual({ kind: 'regex', source: 'x', flags: 'iu' });
  });
  it('reads paths that are not regexes as terms', () => {
    expect(q('/var/log/messages')).toEqual(t('/var/log/messages'));
    expect(q('/usr/bin')).toEqual(t('/usr/bin'));
    expect(q('/foo/g')).toEqual(t('/foo/g'));
    expect(q('//comment')).toEqual(t('//comment'));
    expect(q('/tmp')).toEqual(t('/tmp'));
  });
});

describe('fields', () => {
  it('reads level filters with ops and aliases', () => {
    expect(q('level:error')).toEqual({ kind: 'level', op: '=', level: 'error' });
    expect(q('LEVEL:>=Warn')).toEqual({ kind: 'level', op: '>=', level: 'warning' });
    expect(q('level:<info')).toEqual({ kind: 'level', op: '<', level: 'info' });
    expect(q('level:<=err')).toEqual({ kind: 'level', op: '<=', level: 'error' });
    expect(q('level:>debug')).toEqual({ kind: 'level', op: '>', level: 'debug' });
    expect(q('level:=trace')).toEqual({ kind: 'level', op: '=', level: 'trace' });
    expect(q('level:fatal')).toEqual({ kind: 'level', op: '=', level: 'critical' });
    expect(q('level:crit')).toEqual({ kind: 'level', op: '=', level: 'critical' });
    expect(q('level:"warning"')).toEqual({ kind: 'level', op: '=', level: 'warning' });
  });
  it('reads module, component, file and id', () => {
    expect(q('module:porter')).toEqual({ kind: 'field', field: 'module', glob: 'porter' });
    expect(q('Component:porter-*')).toEqual({ kind: 'field', field: 'component', glob: 'porter-*' });
    expect(q('file:"**/nova-api.log"')).toEqual({ kind: 'field', field: 'file', glob: '**/nova-api.log' });
    expect(q('file:"logs/my dir/*.log"')).toEqual({ kind: 'field', field: 'file', glob: 'logs/my dir/*.log' });
    expect(q('id:req-3f2a')).toEqual({ kind: 'id', value: 'req-3f2a' });
    expect(q('(module:porter)')).toEqual({ kind: 'field', field: 'module', glob: 'porter' });
  });
  it('reads absolute times with zones and offsets', () => {
    const time = (input: string) => q(input) as Extract<QueryNode, { kind: 'time' }>;
    expect(time('after:2025-09-18')).toEqual({ kind: 'time', bound: 'after', anchor: abs(2025, 9, 18), offsetMs: 0 });
    expect(time('before:2025-09-18T16:24').anchor).toEqual(abs(2025, 9, 18, 16, 24));
    expect(time('after:"2025-09-18 16:24:31"').anchor).toEqual(abs(2025, 9, 18, 16, 24, 31));
    expect(time('after:2025-09-18T16:24:31.123Z').anchor).toEqual(abs(2025, 9, 18, 16, 24, 31, 123, 'UTC'));
    expect(time('after:2025-09-18T16:24:31.5+08:00').anchor).toEqual(abs(2025, 9, 18, 16, 24, 31, 500, '+08:00'));
    expect(time('after:2025-09-18T16:24:31.123456-0500').anchor).toEqual(abs(2025, 9, 18, 16, 24, 31, 123, '-05:00'));
    expect(time('after:2025-09-18T16:24:31-5m')).toMatchObject({
      anchor: abs(2025, 9, 18, 16, 24, 31),
      offsetMs: -300_000,
    });
    expect(time('after:2025-09-18T16:24:31-0500+2h')).toMatchObject({
      anchor: { zone: '-05:00' },
      offsetMs: 7_200_000,
    });
    expect(time('after:2025-09-18T16:24:31-10m').offsetMs).toBe(-600_000);
  });
  it('reads relative times against a reference', () => {
    expect(q('after:-5m')).toEqual({ kind: 'time', bound: 'after', anchor: { kind: 'reference' }, offsetMs: -300_000 });
    expect(q('before:+10m')).toMatchObject({ bound: 'before', offsetMs: 600_000 });
    expect(q('before:+250ms')).toMatchObject({ offsetMs: 250 });
    expect(q('after:-1d')).toMatchObject({ offsetMs: -86_400_000 });
    expect(q('after:-0s')).toMatchObject({ offsetMs: 0 });
    expect(Object.is((q('after:-0s') as { offsetMs: number }).offsetMs, 0)).toBe(true);
  });
  it('takes an unquoted clock after a date instead of searching for it', () => {
    expect(q('after:2025-09-18 16:24:31 porter')).toEqual(
      and({ kind: 'time', bound: 'after', anchor: abs(2025, 9, 18, 16, 24, 31), offsetMs: 0 }, t('porter')),
    );
  });
  it('accepts leap days only in leap years', () => {
    expect(q('after:2024-02-29')).toMatchObject({ anchor: abs(2024, 2, 29) });
    expect(err('after:2025-02-29').message).toMatch(/day 29 .*1-28/);
    expect(err('after:1900-02-29').message).toMatch(/day 29/);
    expect(q('after:2000-02-29')).toMatchObject({ anchor: abs(2000, 2, 29) });
  });
});

describe('boolean structure', () => {
  it('ANDs whitespace-separated items and ignores the AND keyword', () => {
    expect(q('a b c')).toEqual(and(t('a'), t('b'), t('c')));
    expect(q('a AND b')).toEqual(and(t('a'), t('b')));
  });
  it('binds OR tighter than implicit AND', () => {
    expect(q('a b OR c')).toEqual(and(t('a'), or(t('b'), t('c'))));
    expect(q('a OR b c')).toEqual(and(or(t('a'), t('b')), t('c')));
    expect(q('a OR b OR c')).toEqual(or(t('a'), t('b'), t('c')));
    expect(q('(a b) OR c')).toEqual(or(and(t('a'), t('b')), t('c')));
  });
  it('collapses single children and flattens nested groups of the same kind', () => {
    expect(q('((a))')).toEqual(t('a'));
    expect(q('a (b c) d')).toEqual(and(t('a'), t('b'), t('c'), t('d')));
    expect(q('(a OR b) OR c')).toEqual(or(t('a'), t('b'), t('c')));
  });
  it('negates with a leading dash or NOT', () => {
    expect(q('-x')).toEqual(not(t('x')));
    expect(q('-"a b"')).toEqual(not({ kind: 'phrase', text: 'a b' }));
    expect(q('-(a OR b)')).toEqual(not(or(t('a'), t('b'))));
    expect(q('-level:debug')).toEqual(not({ kind: 'level', op: '=', level: 'debug' }));
    expect(q('-/x/')).toEqual(not({ kind: 'regex', source: 'x', flags: '' }));
    expect(q('NOT x y')).toEqual(and(not(t('x')), t('y')));
    expect(q('-a OR b')).toEqual(or(not(t('a')), t('b')));
    expect(q('-(-a)')).toEqual(not(not(t('a'))));
    expect(q('a-b req-abc')).toEqual(and(t('a-b'), t('req-abc')));
  });
  it('reads adjacent items without spaces', () => {
    expect(q('a(b)"c"')).toEqual(and(t('a'), t('b'), { kind: 'phrase', text: 'c' }));
  });
});

describe('errors', () => {
  const cases: [input: string, message: RegExp, position: number, length: number][] = [
    ['-', /- needs a term after it/, 0, 1],
    ['a - b', /- needs a term after it/, 2, 1],
    ['(a -)', /- needs a term after it/, 3, 1],
    ['-OR', /- needs a term after it/, 0, 1],
    ['NOT', /NOT needs a term after it/, 0, 3],
    ['*', /\* alone/, 0, 1],
    ['a -*', /\* alone/, 3, 1],
    ['a "bc', /unclosed quote/, 2, 1],
    ['a ""', /empty phrase/, 2, 2],
    ['x //', /empty regex/, 2, 2],
    ['x /(/i', /Invalid regular expression/, 2, 4],
    ['/a/ii', /flags/i, 0, 5],
    ['(a', /unclosed \(/, 0, 1],
    ['((a) b', /unclosed \(/, 0, 1],
    ['a)', /unmatched \)/, 1, 1],
    ['()', /empty parentheses/, 0, 2],
    ['a ( ) b', /empty parentheses/, 2, 3],
    ['OR a', /OR needs a term/, 0, 2],
    ['a OR', /OR needs a term/, 2, 2],
    ['a OR OR b', /OR needs a term/, 5, 2],
    ['(a OR) b', /OR needs a term/, 3, 2],
    ['AND a', /AND needs a term/, 0, 3],
    ['a AND', /AND needs a term/, 2, 3],
    ['level:', /level: needs a value/, 0, 6],
    ['x module: y', /module: needs a value/, 2, 7],
    ['id:""', /id: needs a value/, 0, 5],
    ['template:x1', /template: needs a template number, got "x1"/, 9, 2],
    ['level:bogus', /unknown level "bogus".*warning/, 6, 5],
    ['level:>=nope', /unknown level "nope"/, 8, 4],
    ['level:>=', /level:>= needs a level/, 6, 2],
    ['a after:2025-13-01', /month 13 is out of range/, 8, 10],
    ['after:2025-04-31', /day 31 is out of range/, 6, 10],
    ['after:2025-09-18T24:00', /hour 24/, 6, 16],
    ['after:2025-09-18T23:60', /minute 60/, 6, 16],
    ['after:2025-09-18T23:59:60', /second 60/, 6, 19],
    ['after:0999-01-01', /year 0999/, 6, 10],
    ['after:2025-09-18T10:00+25:00', /zone \+25:00/, 6, 22],
    ['before:yesterday', /not a time/, 7, 9],
    ['before:5m', /not a time/, 7, 2],
    ['after:"2025-09-18 99:00"', /hour 99/, 6, 18],
    ['after:+999999999999999d', /too large/, 6, 17],
  ];
  it.each(cases)('%s', (input, message, position, length) => {
    const e = err(input);
    expect(e.message).toMatch(message);
    expect({ position: e.position, length: e.length }).toEqual({ position, length });
  });
  it('reports an error at the end of input with length 0 and caps deep nesting', () => {
    expect(err('a OR ')).toMatchObject({ position: 2, length: 2 });
    expect(err('('.repeat(5000) + 'a' + ')'.repeat(5000)).message).toMatch(/too deeply nested/);
    expect(err('NOT '.repeat(500) + 'a').message).toMatch(/too deeply nested/);
  });
  it('reports the first problem in reading order', () => {
    expect(err(') /(/').message).toMatch(/unmatched/);
  });
});

describe('formatQuery', () => {
  it.each([
    ['a b OR c', 'a b OR c'],
    ['(a b) OR c', '(a b) OR c'],
    ['-(a OR b) -x', '-(a OR b) -x'],
    ['-(-a)', '-(-a)'],
    ['-(--force)', '-(--force)'],
    ['level:>=warn LEVEL:error', 'level:>=warning level:error'],
    ['file:"my dir/*.log" module:porter', 'file:"my dir/*.log" module:porter'],
    ['id:"a\\"b"', 'id:"a\\"b"'],
    ['TEMPLATE:12 -template:3', 'template:12 -template:3'],
    [
      'after:"2025-09-18 16:24:00.000" before:2025-09-18T17:00:00+0800-90s',
      'after:2025-09-18T16:24 before:2025-09-18T17:00+08:00-90s',
    ],
    ['after:2025-09-18T00:00Z before:+0m', 'after:2025-09-18Z before:+0d'],
    ['/a b/mi "x\\\\y"', '/a b/im "x\\\\y"'],
    ['   ', ''],
  ])('%s -> %s', (input, text) => {
    expect(formatQuery(q(input))).toBe(text);
    expect(q(text)).toEqual(q(input));
  });
  it('keeps a date-only time apart from a following clock-like word', () => {
    const date = q('after:2025-09-18');
    expect(formatQuery(and(date, t('16:24')))).toBe('after:2025-09-18T00:00 16:24');
    expect(formatQuery(and(or(t('a'), not(date)), or(t('16:24'), t('b'))))).toBe(
      'a OR -after:2025-09-18T00:00 16:24 OR b',
    );
    expect(formatQuery(and(not(or(t('a'), date)), t('16:24')))).toBe('-(a OR after:2025-09-18) 16:24');
    expect(q('after:2025-09-18 AND 16:24')).toEqual(and(date, t('16:24')));
  });
  it('falls back to a phrase for term text that would read back as something else', () => {
    expect(formatQuery(t('OR'))).toBe('"OR"');
    expect(formatQuery(t('level:x'))).toBe('"level:x"');
    expect(formatQuery(not(t('-x')))).toBe('-"-x"');
  });
});

describe('positiveTerms', () => {
  it('collects text parts outside negations, once each', () => {
    const node = q('attach* "not found" /5\\d\\d/i -skip -(-kept) level:error a OR attach -"gone"');
    expect(positiveTerms(node)).toEqual({
      terms: ['attach', 'kept', 'a'],
      phrases: ['not found'],
      regexes: [{ source: '5\\d\\d', flags: 'i' }],
    });
    expect(positiveTerms({ kind: 'all' })).toEqual({ terms: [], phrases: [], regexes: [] });
  });
});

describe('QUERY_SYNTAX', () => {
  it('has an English and a Chinese description and a parsing example on every row', () => {
    expect(QUERY_SYNTAX.length).toBeGreaterThan(10);
    for (const row of QUERY_SYNTAX) {
      expect(row.en && row.zh && row.syntax).toBeTruthy();
      expect(parseQuery(row.example).ok, row.example).toBe(true);
    }
  });
});

describe('queryTime', () => {
  it('resolves anchors in their own zone, the case zone, or from the reference', () => {
    const at = (text: string) => {
      const r = parseTimeValue(text);
      if (!r.ok) throw new Error(r.message);
      return r;
    };
    const z = at('2025-09-18T16:24:31Z-5m');
    expect(resolveTimeAnchor(z.anchor, z.offsetMs, '+08:00', null)).toBe(Date.UTC(2025, 8, 18, 16, 19, 31));
    const n = at('2025-09-18T16:24');
    expect(resolveTimeAnchor(n.anchor, n.offsetMs, '+08:00', null)).toBe(Date.UTC(2025, 8, 18, 8, 24));
    const r = at('-5m');
    expect(resolveTimeAnchor(r.anchor, r.offsetMs, 'UTC', null)).toBeNull();
    expect(resolveTimeAnchor(r.anchor, r.offsetMs, 'UTC', epochMs(1_000_000))).toBe(700_000);
    expect(formatTimeValue(r.anchor, 1)).toBe('+1ms');
  });
});

// Trees in the shape parseQuery produces: no single-child or same-kind-nested and/or, `all` only at the root.
const WORD = fc.stringMatching(/^[A-Za-z0-9_.:/*\-+=<>@#é中]{1,8}$/);
const termArb = fc
  .tuple(WORD, fc.boolean())
  .map(([text, prefix]): QueryNode => t(text, prefix))
  .filter((n) => {
    const text = (n as { text: string }).text;
    const back = parseQuery(formatQuery(n));
    // `/tmp`-like terms are context-sensitive (documented on formatQuery); everything else must be exact.
    return !(text.startsWith('/') && !text.slice(1).includes('/')) && back.ok && back.query.kind === 'term';
  });
const text = fc.string({
  minLength: 1,
  maxLength: 8,
  unit: fc.constantFrom('a', ' ', '"', '\\', '(', ')', ':', '-', '中', '*', '/'),
});
const atomArb: fc.Arbitrary<QueryNode> = fc.oneof(
  termArb,
  text.map((s): QueryNode => ({ kind: 'phrase', text: s })),
  fc
    .tuple(
      fc.constantFrom('a+', '[/]x', 'HTTP 5\\d\\d', 'a\\/b', '(x|y)?z', '\\w+ failed', '^\\s*$'),
      fc.constantFrom('', 'i', 'ms', 'imsu'),
    )
    .map(([source, flags]): QueryNode => ({ kind: 'regex', source, flags })),
  fc
    .tuple(fc.constantFrom<LevelOp>('=', '>=', '>', '<=', '<'), fc.constantFrom(...LEVELS))
    .map(([op, level]): QueryNode => ({ kind: 'level', op, level })),
  fc
    .tuple(fc.constantFrom<'module' | 'component' | 'file'>('module', 'component', 'file'), text)
    .map(([field, glob]): QueryNode => ({ kind: 'field', field, glob })),
  text.map((value): QueryNode => ({ kind: 'id', value })),
  fc
    .record({
      bound: fc.constantFrom<'after' | 'before'>('after', 'before'),
      date: fc.date({
        min: new Date(Date.UTC(1000, 0, 1)),
        max: new Date(Date.UTC(9999, 11, 31)),
        noInvalidDate: true,
      }),
      zone: fc.constantFrom(null, 'UTC', '+08:00', '-05:30', '+00:00'),
      reference: fc.boolean(),
      offsetMs: fc.oneof(
        fc.constant(0),
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: -100, max: 100 }).map((n) => n * 60_000),
      ),
    })
    .map(({ bound, date, zone, reference, offsetMs }): QueryNode => {
      const d = date;
      const anchor = reference
        ? { kind: 'reference' as const }
        : abs(
            d.getUTCFullYear(),
            d.getUTCMonth() + 1,
            d.getUTCDate(),
            d.getUTCHours(),
            d.getUTCMinutes(),
            d.getUTCSeconds(),
            d.getUTCMilliseconds(),
            zone,
          );
      return { kind: 'time', bound, anchor, offsetMs: offsetMs || 0 };
    }),
);
const DEPTH = { depthSize: 'small', depthIdentifier: 'query', withCrossShrink: true } as const;
const { tree } = fc.letrec<{ tree: QueryNode; and: QueryNode; or: QueryNode; not: QueryNode }>((tie) => ({
  tree: fc.oneof(DEPTH, atomArb, tie('and'), tie('or'), tie('not')),
  and: fc
    .array(fc.oneof(DEPTH, atomArb, tie('or'), tie('not')), { minLength: 2, maxLength: 4 })
    .map((children): QueryNode => ({ kind: 'and', children })),
  or: fc
    .array(fc.oneof(DEPTH, atomArb, tie('and'), tie('not')), { minLength: 2, maxLength: 4 })
    .map((children): QueryNode => ({ kind: 'or', children })),
  not: tie('tree').map((child): QueryNode => not(child)),
}));

describe('properties', () => {
  it('parseQuery(formatQuery(tree)) gives back the tree', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(q(formatQuery(node))).toEqual(node);
      }),
      { numRuns: 2000 },
    );
  });
  it('parse -> format -> parse is stable for arbitrary input, and parseQuery never throws', () => {
    const PIECES = [
      'a',
      'b*',
      'OR',
      'AND',
      'NOT',
      '-',
      '(',
      ')',
      '"x y"',
      '"',
      '\\',
      'level:>=warn',
      'level:',
      'after:-5m',
      'before:2025-09-18',
      '16:24',
      '/x/i',
      '/tmp',
      '/',
      'module:"a b"',
      'id:',
      '--x',
      'or',
      '*',
      'vm-web01',
      '中文',
    ];
    const pieces = fc
      .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(' ', '', '  ', '\t')), { maxLength: 12 })
      .map((xs) => xs.map(([piece, space]) => piece + space).join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), pieces), (input) => {
        const r = parseQuery(input);
        if (!r.ok) {
          expect(r.error.position).toBeGreaterThanOrEqual(0);
          expect(r.error.position + r.error.length).toBeLessThanOrEqual(input.length);
          expect(r.error.length > 0 || r.error.position === input.length).toBe(true);
          return;
        }
        expect(parseQuery(formatQuery(r.query))).toEqual(r);
      }),
      { numRuns: 5000 },
    );
  });
});
