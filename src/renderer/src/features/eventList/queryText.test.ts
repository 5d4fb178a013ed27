import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../shared/search/queryLanguage.ts';
import {
  SHOWN_CHARS,
  addExclusion,
  exclusionsOf,
  hiddenLevels,
  removeTopLevel,
  toggleLevel,
  tokenAt,
  filtersComponent,
  highlightPatterns,
  highlightSegments,
  prepareQuery,
  splitComponent,
  toggleComponent,
  withRange,
  type Segment,
} from './queryText.ts';

const node = (text: string) => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query;
};

describe('prepareQuery', () => {
  it('sends plain text as typed (trimmed)', () => {
    expect(prepareQuery('  timeout level:error ', null)).toMatchObject({ kind: 'ok', query: 'timeout level:error' });
  });

  it('reports a syntax error', () => {
    expect(prepareQuery('(timeout', null)).toMatchObject({ kind: 'syntax', error: { message: 'unclosed (' } });
  });

  it('needs a selected event for relative times, and measures from its time in UTC', () => {
    expect(prepareQuery('after:-5m nova', null)).toEqual({ kind: 'needsReference' });
    const prepared = prepareQuery('after:-5m nova', Date.UTC(2025, 0, 1, 12, 30));
    expect(prepared).toMatchObject({ kind: 'ok', query: 'after:2025-01-01T12:30Z-5m nova' });
    // Nested inside NOT and OR too.
    const nested = prepareQuery('a OR -(before:+1h b)', Date.UTC(2025, 0, 1));
    expect(nested.kind === 'ok' && nested.query.includes('2025-01-01')).toBe(true);
  });
});

describe('withRange', () => {
  it('brackets the query so that an OR stays inside the range', () => {
    expect(withRange('a OR b', { from: 0, to: 1000 })).toBe(
      '(a OR b) after:1970-01-01T00:00:00.000Z before:1970-01-01T00:00:01.000Z',
    );
    expect(withRange('', { from: 0, to: 1 })).toBe('after:1970-01-01T00:00:00.000Z before:1970-01-01T00:00:00.001Z');
    expect(withRange('a', null)).toBe('a');
  });
});

describe('component chips', () => {
  it('put a component filter in, replacing another, and take it back out', () => {
    const on = toggleComponent('timeout', 'nova-api', 'nova');
    expect(on).toBe('timeout module:nova component:nova-api');
    expect(filtersComponent(on, 'nova-api', 'nova')).toBe(true);
    expect(toggleComponent(on, 'nova-api', 'nova')).toBe('timeout');
    expect(toggleComponent('timeout component:glance', 'nova-api', 'nova')).toBe(
      'timeout module:nova component:nova-api',
    );
    expect(toggleComponent('component:glance', 'glance', null)).toBe('');
  });

  it('leave text that does not parse as it is', () => {
    expect(toggleComponent('(oops', 'nova-api', 'nova')).toBe('(oops');
    expect(filtersComponent('(oops', 'nova-api', 'nova')).toBe(false);
  });

  it('see only top-level filters', () => {
    expect(filtersComponent('a OR component:x', 'x', null)).toBe(false);
    expect(filtersComponent('component:x', 'x', 'm')).toBe(false);
  });

  it('split a key at its first slash', () => {
    expect(splitComponent('nova/nova-api')).toEqual({ module: 'nova', component: 'nova-api' });
    expect(splitComponent('glance')).toEqual({ module: '', component: 'glance' });
  });
});

const joined = (segments: Segment[]) => segments.map((s) => s.text).join('');
const marked = (segments: Segment[]) => segments.filter((s) => s.marked).map((s) => s.text);

describe('highlighting', () => {
  it('marks words, phrases and ids regardless of case, not negated ones', () => {
    const patterns = highlightPatterns(node('Timeout "attach volume" -skip'));
    const text = 'TIMEOUT while trying to attach volume, skip it';
    const segments = highlightSegments(patterns, text);
    expect(marked(segments)).toEqual(['TIMEOUT', 'attach volume']);
    expect(joined(segments)).toBe(text);
  });

  it('marks overlapping matches once', () => {
    const segments = highlightSegments(highlightPatterns(node('attach attached /tach(ed)?/')), 'it attached');
    expect(joined(segments)).toBe('it attached');
    expect(marked(segments).join('')).toBe('attached');
  });

  it('skips a regex JavaScript cannot compile and has nothing to mark without a query', () => {
    expect(highlightPatterns(null)).toEqual([]);
    // RE2 (the engine) takes a named group written (?P<…>); JavaScript does not.
    const re2Only = { kind: 'regex', source: '(?P<word>fail)', flags: '' } as const;
    expect(highlightPatterns(re2Only)).toEqual([]);
    expect(highlightPatterns({ kind: 'and', children: [re2Only, node('attach')] })).toHaveLength(1);
  });

  it('starts a little before a first hit that is far to the right', () => {
    const text = `${'x'.repeat(500)} needle ${'y'.repeat(2000)}`;
    const segments = highlightSegments(highlightPatterns(node('needle')), text);
    expect(segments[0]).toEqual({ text: '…', marked: false, at: -1 });
    expect(segments[1].at).toBe(461);
    expect(joined(segments.slice(1))).toBe(text.slice(461, 461 + SHOWN_CHARS));
    expect(marked(segments)).toEqual(['needle']);
  });

  it('starts at the first character for the detail pane, however far the first hit is', () => {
    const text = `${'x'.repeat(500)} needle ${'y'.repeat(2000)}`;
    const segments = highlightSegments(highlightPatterns(node('needle')), text, true);
    expect(segments[0]).toEqual({ text: 'x'.repeat(500) + ' ', marked: false, at: 0 });
    expect(joined(segments)).toBe(text.slice(0, SHOWN_CHARS));
    expect(marked(segments)).toEqual(['needle']);
  });

  it('shows the text it was given, cut to the column, with marks only on matches (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ab', 'a b', '"b a"', 'zz', 'b OR cc'),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'z'), maxLength: 3000 }),
        (query, text) => {
          const segments = highlightSegments(highlightPatterns(node(query)), text);
          const cut = segments[0]?.text === '…' ? segments.slice(1) : segments;
          const from = cut[0]?.at ?? 0;
          return (
            joined(cut) === text.slice(from, from + SHOWN_CHARS) &&
            cut.every((s, i) => i === 0 || s.at === cut[i - 1].at + cut[i - 1].text.length) &&
            cut.every((s) => !s.marked || s.text.length > 0)
          );
        },
      ),
    );
  });
});

describe('level toggles and filter-out chips', () => {
  it('hides a level with a top-level -level: item and shows it again', () => {
    const hidden = toggleLevel('timeout', 'debug');
    expect(hidden).toBe('timeout -level:<=debug');
    expect([...hiddenLevels(hidden)]).toEqual(['debug']);
    expect(toggleLevel(hidden, 'debug')).toBe('timeout');
    expect(toggleLevel('', 'error')).toBe('-level:>=error');
    expect(hiddenLevels('level:debug').size).toBe(0);
  });

  it('keeps an OR query whole when a level is hidden', () => {
    const text = toggleLevel('nova OR glance', 'info');
    const parsed = parseQuery(text);
    expect(parsed.ok && parsed.query.kind).toBe('and');
    expect(hiddenLevels(text)).toEqual(new Set(['info']));
  });

  it('adds filter-out chips, quoting only what must be, once each', () => {
    let text = addExclusion('level:error', 'req-123');
    text = addExclusion(text, 'connection refused');
    text = addExclusion(text, 'req-123');
    expect(text).toBe('level:error -req-123 -"connection refused"');
    expect(exclusionsOf(text).map((x) => x.label)).toEqual(['-req-123', '-"connection refused"']);
    expect(addExclusion(text, '   ')).toBe(text);
    expect(addExclusion('OR', 'x')).toBe('OR');
  });

  it('removes a chip by its place and leaves the rest', () => {
    const text = 'nova -a -"b c" -level:<=debug';
    const [first] = exclusionsOf(text);
    expect(removeTopLevel(text, first.at)).toBe('nova -"b c" -level:<=debug');
    expect(exclusionsOf('-level:<=debug -module:x')).toEqual([]);
  });

  it('finds the word under an Alt-click', () => {
    const line = 'ERROR conn to 10.0.0.1: refused.';
    expect(tokenAt(line, 16)).toBe('10.0.0.1');
    expect(tokenAt(line, 0)).toBe('ERROR');
    expect(tokenAt(line, line.length)).toBe('refused');
    expect(tokenAt('a  b', 2)).toBeNull();
  });
});
