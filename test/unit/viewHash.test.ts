import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, type ViewLink } from '../../src/renderer/src/views/viewHash.ts';

const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const link: fc.Arbitrary<ViewLink> = fc.oneof(
  fc.constantFrom<ViewLink>(
    { view: 'overview' },
    { view: 'patterns' },
    { view: 'compare' },
    { view: 'files' },
    { view: 'case' },
  ),
  fc.record({
    view: fc.constant('events' as const),
    query: fc.string({ unit: 'grapheme', maxLength: 40 }),
    selected: fc.option(fc.integer({ min: 0, max: 999_999_999 }), { nil: null }),
  }),
  fc.record({
    view: fc.constant('file' as const),
    path: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    line: fc.integer({ min: 1, max: 999_999_999 }),
  }),
  fc.record({
    view: fc.constant('timeline' as const),
    range: fc.option(
      fc.tuple(time, time).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
      { nil: null },
    ),
  }),
  fc.record({
    view: fc.constant('trace' as const),
    id: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
  }),
);

describe('view hash', () => {
  it('reads back every view it writes', () => {
    fc.assert(
      fc.property(link, (l) => {
        expect(parseHash(formatHash(l))).toEqual({ ok: true, link: l });
      }),
      { numRuns: 500 },
    );
  });

  it('writes readable links', () => {
    expect(formatHash({ view: 'file', path: 'nova/nova-api.log', line: 42 })).toBe('#/file/nova/nova-api.log:42');
    expect(formatHash({ view: 'events', query: 'level:error nova', selected: 3 })).toBe(
      '#/events?q=level%3Aerror+nova&sel=3',
    );
    expect(formatHash({ view: 'timeline', range: { from: 0, to: 1000 } })).toBe(
      '#/timeline?from=1970-01-01T00:00:00.000Z&to=1970-01-01T00:00:01.000Z',
    );
    expect(formatHash({ view: 'trace', id: 'req-1' })).toBe('#/trace/req-1');
  });

  it('reads hand-written links: a bare colon in a path, epoch times, no hash', () => {
    expect(parseHash('#/file/a:b/c.log:7')).toEqual({ ok: true, link: { view: 'file', path: 'a:b/c.log', line: 7 } });
    expect(parseHash('#/timeline?from=1000&to=2000')).toEqual({
      ok: true,
      link: { view: 'timeline', range: { from: 1000, to: 2000 } },
    });
    expect(parseHash('')).toEqual({ ok: true, link: null });
    expect(parseHash('#/')).toEqual({ ok: true, link: null });
  });

  it.each([
    ['#/nowhere', 'unknown view'],
    ['#events', 'starts with #/'],
    ['#/file/nova.log', '#/file/<path>:<line>'],
    ['#/file/nova.log:0', 'lines start at 1'],
    ['#/file/%E0%A4%A:3', 'not well encoded'],
    ['#/events?sel=abc', 'not a row number'],
    ['#/timeline?from=yesterday&to=now', 'must both be times'],
    ['#/timeline?from=2000&to=1000', 'after to='],
    ['#/trace/', '#/trace/<id>'],
  ])('refuses %s with a reason', (hash, reason) => {
    const parsed = parseHash(hash);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});
