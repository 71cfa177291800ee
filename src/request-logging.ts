import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "./context.js";

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
          contextValue.logger.info(
            {
              operationName: operationName ?? request.operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              status: response.http.status ?? 200,
              outcome: errorCount > 0 ? "error" : "ok",
              errorCodes: errorCount > 0 ? (errors ?? resultErrors)?.map((e) => e.extensions?.code ?? "UNKNOWN") : undefined,
              sqlStatements: contextValue.request.statements,
            },
            "graphql request",
          );
        },
      };
    },
  };
}
