import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "./context.js";

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
          contextValue.request.logged = true;
          contextValue.logger.info(
            {
              operationName: operationName ?? request.operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              status: response.http.status ?? 200,
              outcome: errorCount > 0 ? "error" : "ok",
              errorCodes: errorCount > 0 ? errors!.map((e) => e.extensions?.code) : undefined,
              sqlStatements: contextValue.request.statements,
            },
            "graphql request",
          );
        },
      };
    },
  };
}
