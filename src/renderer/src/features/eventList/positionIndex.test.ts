import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK, PositionIndex, type LoadPositions } from './positionIndex.ts';

function loader(positions: readonly number[]) {
  const offsets: number[] = [];
  const state = { failing: false };
  const load: LoadPositions = async (offset, limit) => {
    offsets.push(offset);
    if (state.failing) return { ok: false, error: 'index gone' };
    return { ok: true, value: { total: positions.length, positions: positions.slice(offset, offset + limit) } };
  };
  return { load, offsets, state };
}

const nextOf = (sorted: readonly number[], p: number) => sorted.find((x) => x > p) ?? null;
const prevOf = (sorted: readonly number[], p: number) => [...sorted].reverse().find((x) => x < p) ?? null;

describe('PositionIndex', () => {
  it('finds the next and previous hit across chunk edges', async () => {
    const positions = Array.from({ length: 2 * CHUNK + 10 }, (_, i) => 3 * i);
    const index = new PositionIndex(loader(positions).load);
    const lastOfFirst = 3 * (CHUNK - 1);
    expect(await index.next(lastOfFirst)).toBe(3 * CHUNK);
    expect(await index.prev(3 * CHUNK)).toBe(lastOfFirst);
    expect(await index.next(lastOfFirst - 1)).toBe(lastOfFirst);
    expect(await index.next(-1)).toBe(0);
    expect(await index.prev(0)).toBeNull();
    expect(await index.next(3 * (2 * CHUNK + 9))).toBeNull();
    expect(await index.prev(1e9)).toBe(3 * (2 * CHUNK + 9));
  });

  it('agrees with a linear scan (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 2500 }),
        fc.array(fc.integer({ min: -5, max: 10_005 }), { minLength: 1, maxLength: 10 }),
        async (raw, probes) => {
          const sorted = [...raw].sort((a, b) => a - b);
          const index = new PositionIndex(loader(sorted).load);
          for (const p of probes) {
            if ((await index.next(p)) !== nextOf(sorted, p)) return false;
            if ((await index.prev(p)) !== prevOf(sorted, p)) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('asks for a few chunks, not all of them', async () => {
    const positions = Array.from({ length: 64 * CHUNK }, (_, i) => i);
    const { load, offsets } = loader(positions);
    const index = new PositionIndex(load);
    expect(await index.next(40_000.5)).toBe(40_001);
    expect(offsets.length).toBeLessThanOrEqual(9);
  });

  it('says why a lookup failed, and forgets the failure once one succeeds', async () => {
    const { load, state } = loader([5, 10, 15]);
    const index = new PositionIndex(load);
    state.failing = true;
    expect(await index.next(0)).toBeNull();
    expect(index.error).toBe('index gone');
    state.failing = false;
    expect(await index.next(0)).toBe(5);
    expect(index.error).toBeNull();
  });

  it('has no hits in an empty list', async () => {
    const index = new PositionIndex(loader([]).load);
    expect(await index.next(0)).toBeNull();
    expect(await index.prev(10)).toBeNull();
    expect(index.error).toBeNull();
  });
});
