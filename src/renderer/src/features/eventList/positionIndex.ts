/**
 * Sorted timeline positions of a query's hits (the errors) for e / E, found by binary search over
 * chunks so that a million errors cost a handful of requests. The loader is given, as for PageCache.
 */
import type { ApiResult } from '../../../../shared/api.ts';

/** `limit` hit positions from `offset` on, in order, and how many hits there are. */
export type LoadPositions = (
  offset: number,
  limit: number,
) => Promise<ApiResult<{ total: number; positions: number[] }>>;

export const CHUNK = 1000;
const MAX_CHUNKS = 20;

/** Timeline positions of a query's hits (e.g. `level:>=error`), fetched in chunks on demand. */
export class PositionIndex {
  private readonly chunks = new Map<number, Promise<number[] | null>>();
  private total: number | null = null;
  /** Why the last lookup failed, if it did. */
  error: string | null = null;

  constructor(private readonly load: LoadPositions) {}

  /** The first hit position after `p`; null when there is none (or on failure, see `error`). */
  async next(p: number): Promise<number | null> {
    const at = await this.firstChunk((c) => c.length === 0 || c[c.length - 1] <= p);
    if (!at || at.index >= at.count) return null;
    return (await this.chunk(at.index))?.find((x) => x > p) ?? null;
  }

  /** The last hit position before `p`; null when there is none. */
  async prev(p: number): Promise<number | null> {
    const at = await this.firstChunk((c) => c.length > 0 && c[0] < p);
    if (!at || at.index === 0) return null;
    const c = await this.chunk(at.index - 1);
    if (!c) return null;
    for (let i = c.length - 1; i >= 0; i--) if (c[i] < p) return c[i];
    return null;
  }

  /** Binary search over the chunks: the first one `before` says is not wholly before the target; null on failure. */
  private async firstChunk(before: (chunk: number[]) => boolean): Promise<{ index: number; count: number } | null> {
    const count = await this.chunkCount();
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = await this.chunk(mid);
      if (!c) return null;
      if (before(c)) lo = mid + 1;
      else hi = mid;
    }
    return { index: lo, count };
  }

  private async chunkCount(): Promise<number> {
    if (this.total === null) await this.chunk(0);
    return Math.ceil((this.total ?? 0) / CHUNK);
  }

  private chunk(k: number): Promise<number[] | null> {
    const cached = this.chunks.get(k);
    if (cached) {
      this.chunks.delete(k);
      this.chunks.set(k, cached);
      return cached;
    }
    const request = this.load(k * CHUNK, CHUNK).then((result) => {
      if (!result.ok) {
        this.error = result.error;
        this.chunks.delete(k);
        return null;
      }
      this.error = null;
      this.total = result.value.total;
      return result.value.positions;
    });
    this.chunks.set(k, request);
    if (this.chunks.size > MAX_CHUNKS) this.chunks.delete(this.chunks.keys().next().value as number);
    return request;
  }
}
