import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../shared/search/queryLanguage.ts';
import { binQuery, componentQuery, timeQuery } from './queries.ts';

const T = Date.UTC(2025, 8, 18, 16, 24, 31, 0);
const iso = (ms: number) => new Date(ms).toISOString();

describe('timeQuery', () => {
  it('keeps whole milliseconds inside the range', () => {
    expect(timeQuery(T + 0.2, T + 999.8)).toBe(`after:${iso(T + 1)} before:${iso(T + 999)}`);
    expect(timeQuery(T, T)).toBe(`after:${iso(T)} before:${iso(T)}`);
  });

  it('never ends before it starts', () => {
    expect(timeQuery(T + 0.2, T + 0.7)).toBe(`after:${iso(T + 1)} before:${iso(T + 1)}`);
  });
});

describe('componentQuery', () => {
  it('asks for the module and the component apart, in the query language', () => {
    expect(componentQuery('nova/nova-api')).toBe('module:nova component:nova-api');
    expect(componentQuery('glance')).toBe('component:glance');
    for (const key of ['nova/nova-api', 'glance', 'a b/c d']) expect(parseQuery(componentQuery(key)).ok).toBe(true);
  });
});

describe('binQuery', () => {
  it('ends one millisecond before the next bin', () => {
    expect(binQuery(null, T, 60_000)).toBe(`after:${iso(T)} before:${iso(T + 59_999)}`);
    expect(binQuery('glance', T, 1)).toBe(`component:glance after:${iso(T)} before:${iso(T)}`);
  });

  it('rounds a fractional bin so that consecutive bins neither overlap nor leave a gap', () => {
    const binMs = 1000 / 3;
    const first = binQuery(null, T, binMs);
    const second = binQuery(null, T + binMs, binMs);
    expect(first).toBe(`after:${iso(T)} before:${iso(T + 333)}`);
    expect(second).toBe(`after:${iso(T + 334)} before:${iso(T + 666)}`);
  });
});
