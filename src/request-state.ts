import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the gateway knows about the request being served, however deep in resolvers, loaders and
 * services the code runs: how many SQL statements it ran, and which partition its API key is confined to.
 */
export interface RequestState {
  statements: number;
  /**
   * The partition the work is confined to; null for all partitions. Undefined until an API key is
   * accepted, and then every scoped read refuses to run (see src/scope.ts).
   */
  partitionId: number | null | undefined;
  /** Size of the request's JSON body; 0 for GET. */
  bodyBytes: number;
  /** Whether a log line for this request was written; a refusal nothing else logged is logged at the end. */
  logged: boolean;
  /** Set by the request-logging plugin once the operation ran, for the metrics taken when the answer is sent. */
  operationName?: string | null;
  outcome?: Outcome;
}

/**
 * How a request ended: `ok`; `user_error`, a mutation payload with userErrors (nothing written); `client_error`,
 * refused or failed through the client's fault (4xx, BAD_USER_INPUT, FORBIDDEN, ...); `server_error`, a fault
 * of the gateway or its database (5xx, INTERNAL_SERVER_ERROR, UNAVAILABLE).
 */
export type Outcome = "ok" | "user_error" | "client_error" | "server_error";

const storage = new AsyncLocalStorage<RequestState>();

export function runInRequest<T>(state: RequestState, fn: () => T): T {
  return storage.run(state, fn);
}

/**
 * Runs work that belongs to no request (CLI, seeding, background workers) with every partition in
 * view: the explicit counterpart of a request's scope, so that forgetting both is an error.
 */
export function runAsSystem<T>(fn: () => T): T {
  return storage.run({ statements: 0, partitionId: null, bodyBytes: 0, logged: false }, fn);
}

export function currentRequest(): RequestState | undefined {
  return storage.getStore();
}

/** Called by the Drizzle logger for every statement it sends. */
export function recordStatement(): void {
  const state = storage.getStore();
  if (state) state.statements += 1;
}
