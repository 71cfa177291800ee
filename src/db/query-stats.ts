import { AsyncLocalStorage } from "node:async_hooks";

/** Counts the SQL statements issued on behalf of one unit of work (a request, a test, a benchmark step). */
export interface QueryStats {
  statements: number;
}

const storage = new AsyncLocalStorage<QueryStats>();

export function runWithQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return storage.run(stats, fn);
}

/** Called by the Drizzle logger for every statement it sends. */
export function recordStatement(): void {
  const stats = storage.getStore();
  if (stats) stats.statements += 1;
}
