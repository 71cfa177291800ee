import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "./context.js";
import { CLIENT_ERROR_STATUS } from "./graphql/error-policy.js";
import type { Outcome } from "./request-state.js";

/** One structured log line per GraphQL request: id, operation, duration, HTTP status, outcome and SQL statement count. */
export function requestLoggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ request, operationName, response, errors }) {
          const body = response.body;
          const resultErrors = body.kind === "single" ? body.singleResult.errors : undefined;
          const errorCount = (errors?.length ?? 0) || (resultErrors?.length ?? 0);
          const errorCodes = errorCount > 0 ? (errors ?? resultErrors)!.map((e) => String(e.extensions?.code ?? "UNKNOWN")) : [];
          const status = response.http.status ?? 200;
          const state = contextValue.request;
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
  if (status >= 500 || errorCodes.some((code) => code === "UNAVAILABLE" || !Object.hasOwn(CLIENT_ERROR_STATUS, code))) return "server_error";
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
