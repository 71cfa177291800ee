import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "./context.js";

const EXPECTED = new Set(["BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "RATE_LIMITED", "QUERY_TOO_COSTLY", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "OPERATION_RESOLUTION_FAILURE"]);

/**
 * In production, an unexpected error reaches the client only as "Internal server error" with a
 * correlation id (the request id); its message, SQL and stack go to the log under that id.
 */
export function errorMaskingPlugin(mask: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code !== "string" || !EXPECTED.has(code)) {
              contextValue.logger.error({ err: error.originalError ?? error, path: error.path, correlationId: contextValue.requestId }, "unexpected error");
            }
          }
        },
        async willSendResponse({ response }) {
          if (!mask || response.body.kind !== "single" || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
            const code = error.extensions?.code;
            if (typeof code === "string" && EXPECTED.has(code)) return error;
            return { message: "Internal server error", locations: error.locations, path: error.path, extensions: { code: "INTERNAL_SERVER_ERROR", correlationId: contextValue.requestId } };
          });
        },
      };
    },
  };
}
