/**
 * The events view's data: a list of rows (the timeline or one query's hits) fetched from the
 * engine a page at a time, kept in a small LRU cache. The loader is given (useEventSearch.ts
 * makes it from `client`), so this module is plain TypeScript and unit tested.
 */
import type { ApiResult } from '../../../../shared/api.ts';
import type { EventView } from '../../../../shared/caseViews.ts';

/** Rows per request. */
export const PAGE = 200;
const MAX_PAGES = 50;
const LOAD_DELAY_MS = 40;

export type LoadRows = (offset: number, limit: number) => Promise<ApiResult<{ total: number; rows: EventView[] }>>;

/** The rows of one list (timeline or hits), paged and cached; `onChange` fires when pages arrive. */
export class PageCache {
  private readonly pages = new Map<number, EventView[]>();
  private readonly pending = new Map<number, Promise<EventView[] | null>>();
  private wanted: [number, number] = [0, 0];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** The last load failure, shown over the list until a page loads again. */
  error: string | null = null;

  constructor(
    private readonly load: LoadRows,
    readonly total: number,
    seed: EventView[],
    private readonly onChange: () => void,
  ) {
    if (seed.length > 0 || total === 0) this.pages.set(0, seed);
  }

  /** The row at `index` when its page is here. */
  get(index: number): EventView | undefined {
    const k = Math.floor(index / PAGE);
    const page = this.pages.get(k);
    if (!page) return undefined;
    return page[index - k * PAGE];
  }

  /** Asks for the pages covering rows `from`…`to` (loaded shortly, so fast scrolling does not flood the engine). */
  ensure(from: number, to: number): void {
    if (this.total === 0) return;
    this.wanted = [Math.max(0, Math.floor(from / PAGE)), Math.floor(Math.min(to, this.total - 1) / PAGE)];
    for (let k = this.wanted[0]; k <= this.wanted[1]; k++) this.touch(k);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      for (let k = this.wanted[0]; k <= this.wanted[1]; k++) if (!this.pages.has(k)) void this.page(k);
    }, LOAD_DELAY_MS);
  }

  /** One page, from the cache or the engine; null when it cannot be loaded. */
  page(k: number): Promise<EventView[] | null> {
    const cached = this.pages.get(k);
    if (cached) return Promise.resolve(cached);
    const inFlight = this.pending.get(k);
    if (inFlight) return inFlight;
    const request = this.load(k * PAGE, PAGE).then((result) => {
      this.pending.delete(k);
      if (this.disposed) return null;
      if (!result.ok) {
        this.error = result.error;
        this.onChange();
        return null;
      }
      this.error = null;
      this.pages.set(k, result.value.rows);
      this.evict();
      this.onChange();
      return result.value.rows;
    });
    this.pending.set(k, request);
    return request;
  }

  /** One row, loading its page when needed. */
  async row(index: number): Promise<EventView | null> {
    if (index < 0 || index >= this.total) return null;
    const k = Math.floor(index / PAGE);
    const page = await this.page(k);
    return page?.[index - k * PAGE] ?? null;
  }

  /** The index of the row at timeline `position` (rows are in position order); -1 when absent. */
  async indexOfPosition(position: number): Promise<number> {
    let lo = 0;
    let hi = Math.ceil(this.total / PAGE) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const page = await this.page(mid);
      if (!page || page.length === 0) return -1;
      if (position < page[0].position) hi = mid - 1;
      else if (position > page[page.length - 1].position) lo = mid + 1;
      else {
        const i = page.findIndex((r) => r.position === position);
        return i < 0 ? -1 : mid * PAGE + i;
      }
    }
    return -1;
  }

  /** Forgets failed pages so that the next `ensure` asks again. */
  retry(): void {
    this.error = null;
    this.ensure(this.wanted[0] * PAGE, this.wanted[1] * PAGE + PAGE - 1);
    this.onChange();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private touch(k: number): void {
    const page = this.pages.get(k);
    if (!page) return;
    this.pages.delete(k);
    this.pages.set(k, page);
  }

  private evict(): void {
    for (const k of this.pages.keys()) {
      if (this.pages.size <= MAX_PAGES) return;
      if (k < this.wanted[0] || k > this.wanted[1]) this.pages.delete(k);
    }
  }
}
