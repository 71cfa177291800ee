import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "./context.js";
import { isClientCode } from "./graphql/error-policy.js";
import type { Outcome } from "./request-state.js";

/**
 * One structured log line per GraphQL request: id, operation, duration, HTTP status, outcome, the error
 * codes the client got, and SQL statement count. Registered after the error policy, so it logs the
 * final status and codes (an unexpected error as INTERNAL_SERVER_ERROR, a lost database as UNAVAILABLE).
 */
export function requestLoggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ request, operationName, response }) {
          const body = response.body;
          const errors = body.kind === "single" ? body.singleResult.errors : undefined;
          const errorCount = errors?.length ?? 0;
          const errorCodes = errors?.map((e) => String(e.extensions?.code)) ?? [];
          const status = response.http.status ?? 200;
          const state = contextValue.request;
          state.logged = true;
          state.operationName = operationName ?? request.operationName ?? null;
          state.outcome = outcomeOf(status, errorCodes, body.kind === "single" ? body.singleResult.data : undefined);
          contextValue.logger.info(
            {
              operationName: state.operationName,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              status,
              outcome: state.outcome,
              errorCodes: errorCount > 0 ? errorCodes : undefined,
              sqlStatements: contextValue.request.statements,
            },
            "graphql request",
          );
        },
      };
    },
  };
}

/** The outcome of an answered request (see Outcome): the worst of its errors, else whether a payload refused its input. */
export function outcomeOf(status: number, errorCodes: string[], data: unknown): Outcome {
  if (status >= 500 || errorCodes.some((code) => code === "UNAVAILABLE" || !isClientCode(code))) return "server_error";
  if (status >= 400 || errorCodes.length > 0) return "client_error";
  return hasUserErrors(data) ? "user_error" : "ok";
}

/** True when a top-level field's value is a mutation payload with userErrors. */
function hasUserErrors(data: unknown): boolean {
  if (typeof data !== "object" || data === null) return false;
  return Object.values(data).some((field) => {
    const userErrors = (field as { userErrors?: unknown } | null)?.userErrors;
    return Array.isArray(userErrors) && userErrors.length > 0;
  });
}
