import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventView } from '../../../../shared/caseViews.ts';
import { epochMs, lineNo, type Level } from '../../../../shared/model.ts';
import { PAGE, PageCache, type LoadRows } from './pageCache.ts';

/** Row `i` of a list whose events sit at even timeline positions. */
const rowAt = (i: number): EventView => ({
  id: i,
  position: 2 * i,
  time: epochMs(1_700_000_000_000 + i),
  level: 'info' as Level,
  module: 'm',
  component: 'c',
  path: 'a.log',
  file: 0,
  line: lineNo(i + 1),
  lineCount: 1,
  text: `line ${i}`,
});

/** A loader over `total` rows that records the offsets asked. */
function loader(total: number) {
  const offsets: number[] = [];
  let failing = false;
  const load: LoadRows = async (offset, limit) => {
    offsets.push(offset);
    if (failing) return { ok: false, error: 'engine down' };
    const rows: EventView[] = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(rowAt(i));
    return { ok: true, value: { total, rows } };
  };
  return { load, offsets, fail: (on: boolean) => void (failing = on) };
}

const seedOf = (total: number): EventView[] => Array.from({ length: Math.min(PAGE, total) }, (_, i) => rowAt(i));
/** Lets the loader's promises settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PageCache', () => {
  it('serves the seed at once and nothing beyond it', () => {
    const { load } = loader(1000);
    const cache = new PageCache(load, 1000, seedOf(1000), () => {});
    expect(cache.get(0)?.id).toBe(0);
    expect(cache.get(PAGE - 1)?.id).toBe(PAGE - 1);
    expect(cache.get(PAGE)).toBeUndefined();
  });

  it('coalesces quick scrolling into one request per page of where the list stopped', async () => {
    const { load, offsets } = loader(10_000);
    const changes = vi.fn();
    const cache = new PageCache(load, 10_000, seedOf(10_000), changes);
    cache.ensure(0, 999);
    cache.ensure(2000, 2999);
    cache.ensure(4000, 4399);
    expect(offsets).toEqual([]);
    await vi.advanceTimersByTimeAsync(40);
    expect(offsets).toEqual([4000, 4200]);
    expect(cache.get(4399)?.id).toBe(4399);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('asks once for a page already on its way', async () => {
    const { load, offsets } = loader(1000);
    const cache = new PageCache(load, 1000, seedOf(1000), () => {});
    const [a, b] = [cache.page(3), cache.page(3)];
    expect(a).toBe(b);
    await settle();
    expect(offsets).toEqual([3 * PAGE]);
    expect((await cache.row(3 * PAGE + 5))?.id).toBe(3 * PAGE + 5);
    expect(offsets).toEqual([3 * PAGE]);
  });

  it('does not ask past the last row', async () => {
    const { load, offsets } = loader(450);
    const cache = new PageCache(load, 450, seedOf(450), () => {});
    cache.ensure(0, 10_000);
    await vi.advanceTimersByTimeAsync(40);
    expect(offsets).toEqual([PAGE, 2 * PAGE]);
    expect(await cache.row(450)).toBeNull();
    expect(await cache.row(-1)).toBeNull();
  });

  it('keeps at most 50 pages, dropping the least recently used outside the wanted ones', async () => {
    const total = 100 * PAGE;
    const { load } = loader(total);
    const cache = new PageCache(load, total, seedOf(total), () => {});
    for (let k = 1; k < 50; k++) await cache.page(k);
    // Page 1 is looked at again (scrolled to), then the list moves on.
    cache.ensure(PAGE, PAGE);
    cache.ensure(30 * PAGE, 30 * PAGE);
    await cache.page(50);
    await cache.page(51);
    expect(cache.get(0)).toBeUndefined();
    expect(cache.get(2 * PAGE)).toBeUndefined();
    expect(cache.get(PAGE)?.id).toBe(PAGE);
    expect(cache.get(51 * PAGE)?.id).toBe(51 * PAGE);
    for (let k = 52; k < 70; k++) await cache.page(k);
    // The wanted page survives however many others arrive.
    expect(cache.get(30 * PAGE)?.id).toBe(30 * PAGE);
    const held = Array.from({ length: 100 }, (_, k) => cache.get(k * PAGE) !== undefined).filter(Boolean).length;
    expect(held).toBe(50);
  });

  it('shows a failure until a retry loads the page', async () => {
    const { load, offsets, fail } = loader(1000);
    const changes = vi.fn();
    const cache = new PageCache(load, 1000, seedOf(1000), changes);
    fail(true);
    cache.ensure(PAGE, PAGE + 10);
    await vi.advanceTimersByTimeAsync(40);
    expect(cache.error).toBe('engine down');
    expect(cache.get(PAGE)).toBeUndefined();
    fail(false);
    cache.retry();
    expect(cache.error).toBeNull();
    await vi.advanceTimersByTimeAsync(40);
    expect(cache.get(PAGE)?.id).toBe(PAGE);
    expect(offsets).toEqual([PAGE, PAGE]);
    expect(changes).toHaveBeenCalledTimes(3);
  });

  it('drops what arrives after it is disposed', async () => {
    const { load, offsets } = loader(1000);
    const changes = vi.fn();
    const cache = new PageCache(load, 1000, seedOf(1000), changes);
    cache.ensure(PAGE, PAGE);
    cache.dispose();
    await vi.advanceTimersByTimeAsync(100);
    expect(offsets).toEqual([]);
    const late = cache.page(2);
    cache.dispose();
    expect(await late).toBeNull();
    expect(changes).not.toHaveBeenCalled();
  });

  it('finds the index of a timeline position by binary search over pages', async () => {
    const total = 20 * PAGE + 37;
    const { load, offsets } = loader(total);
    const cache = new PageCache(load, total, seedOf(total), () => {});
    expect(await cache.indexOfPosition(2 * 3517)).toBe(3517);
    expect(await cache.indexOfPosition(2 * (total - 1))).toBe(total - 1);
    expect(await cache.indexOfPosition(0)).toBe(0);
    expect(await cache.indexOfPosition(7)).toBe(-1);
    expect(await cache.indexOfPosition(2 * total)).toBe(-1);
    // log2(21) pages or so per lookup, not the whole list.
    expect(new Set(offsets).size).toBeLessThanOrEqual(12);
  });

  it('has nothing to load for an empty list', async () => {
    const { load, offsets } = loader(0);
    const cache = new PageCache(load, 0, [], () => {});
    cache.ensure(0, 100);
    await vi.advanceTimersByTimeAsync(40);
    expect(offsets).toEqual([]);
    expect(cache.get(0)).toBeUndefined();
    expect(await cache.indexOfPosition(0)).toBe(-1);
  });
});
