/**
 * Append-only typed arrays that double as they grow, for per-event facts collected while a
 * bundle streams in: one number per event costs 4 or 8 bytes instead of a JS object.
 */
type TypedArray = Uint8Array | Uint32Array | Int32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

/** A typed array that grows by doubling; {@link Growable.done} trims it to its length. */
export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly make: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.data = new make(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.make(this.data.length * 2);
      bigger.set(this.data as never);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** A view of the filled part (valid until the next push). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** The filled part as an exactly sized array; the builder should not be used afterwards. */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}
