import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the gateway knows about the request being served, however deep in resolvers, loaders and
 * services the code runs: how many SQL statements it ran, and which partition its API key is confined to.
 */
export interface RequestState {
  statements: number;
  /** Set once the API key is accepted; null for a key that sees every partition. */
  partitionId: number | null;
}

const storage = new AsyncLocalStorage<RequestState>();

export function runInRequest<T>(state: RequestState, fn: () => T): T {
  return storage.run(state, fn);
}

export function currentRequest(): RequestState | undefined {
  return storage.getStore();
}

/** Called by the Drizzle logger for every statement it sends. */
export function recordStatement(): void {
  const state = storage.getStore();
  if (state) state.statements += 1;
}
