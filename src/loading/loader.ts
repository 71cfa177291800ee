import DataLoader from "dataloader";

/**
 * A DataLoader that also answers synchronously what it already holds. A resolver returning a promise
 * costs the executor a promise and a microtask per call, and a nested page asks the same few loaders
 * hundreds of times for rows its statement embedded (src/loading/embedded.ts) and primed: `now` hands
 * those back as values. What it does not hold yet it loads as DataLoader does, batched.
 */
export class Loader<K, V> extends DataLoader<K, V> {
  private readonly values: Map<K, V>;
  private readonly promises: Map<K, Promise<V>>;

  constructor(batch: DataLoader.BatchLoadFn<K, V>) {
    const values = new Map<K, V>();
    const promises = new Map<K, Promise<V>>();
    super(
      async (keys) => {
        const found = await batch(keys);
        keys.forEach((key, i) => {
          const value = found[i];
          if (!(value instanceof Error)) values.set(key, value as V);
        });
        return found;
      },
      { cacheMap: promises },
    );
    this.values = values;
    this.promises = promises;
  }

  /** The value for `key`, at once when it is held, else (batched) as `load` gives it. */
  now(key: K): V | Promise<V> {
    return this.values.has(key) ? (this.values.get(key) as V) : this.load(key);
  }

  /** As DataLoader's: a key already asked for keeps what it was given (or will be). */
  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!this.promises.has(key) && !(value instanceof Error) && !isThenable(value)) this.values.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.values.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.values.clear();
    return super.clearAll();
  }
}

function isThenable<V>(value: V | PromiseLike<V>): value is PromiseLike<V> {
  return typeof (value as PromiseLike<V> | null)?.then === "function";
}
