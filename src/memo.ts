/** A Map or WeakMap, as `cachedIn` uses it. */
interface Cache<K, V> {
  has(key: K): boolean;
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value `cache` holds for `key`, made by `make` and kept the first time it is asked for. What is
 * worked out once (a document's compiled query, a selection's columns, a request's loaders) is kept
 * in maps, often maps of maps; this is the one way the gateway does it.
 */
export function cachedIn<K, V>(cache: Cache<K, V>, key: K, make: () => V): V {
  // One lookup when the value is there, as on every call after the first: some are per row.
  const found = cache.get(key);
  if (found !== undefined || cache.has(key)) return found as V;
  const made = make();
  cache.set(key, made);
  return made;
}

/**
 * A Map that holds at most `max` entries, dropping the oldest when a new one comes: for values worked
 * out from what clients send (a document's shapes), which must not grow without end.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.max && !this.has(key)) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
