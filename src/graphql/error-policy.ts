import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Context } from "../context.js";
import { isDatabaseUnavailable } from "../db/pg-errors.js";

/**
 * The one error policy of the API: which `extensions.code`s a client may receive, the HTTP status each
 * gets when the request fails as a whole, and what an unexpected error looks like. Everything not listed
 * is a fault: logged with the request id, and in production answered only as "Internal server error"
 * with that id as `correlationId`.
 */
export const CLIENT_ERROR_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  PERSISTED_QUERY_NOT_TRUSTED: 400,
  QUERY_TOO_COSTLY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** HTTP 503 for a request the database could not serve; it may be sent again unchanged. */
export function unavailable(): GraphQLError {
  return new GraphQLError("The database is unavailable; retry shortly.", {
    extensions: {
      code: "UNAVAILABLE",
      http: { status: 503, headers: new Map([["retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/** The answer to an unexpected error: its message only outside production, always the correlation id. */
export function internalError(message: string, correlationId: string, production: boolean): GraphQLError {
  return new GraphQLError(production ? "Internal server error" : message, {
    extensions: { code: "INTERNAL_SERVER_ERROR", correlationId, http: { status: 500 } },
  });
}

function isClientCode(code: unknown): code is string {
  return typeof code === "string" && code in CLIENT_ERROR_STATUS;
}

/**
 * Apollo's `formatError`, applied to every error of every response, including those raised before
 * execution (parsing, validation, context creation): a lost database connection becomes UNAVAILABLE,
 * and in production anything unexpected keeps no message, stack or SQL.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isDatabaseUnavailable(unwrapResolverError(error))) {
      return { message: unavailable().message, locations: formatted.locations, path: formatted.path, extensions: { code: "UNAVAILABLE" } };
    }
    if (isClientCode(formatted.extensions?.code) || !production) return formatted;
    const correlationId = formatted.extensions?.correlationId;
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR", ...(correlationId ? { correlationId } : {}) },
    };
  };
}

/**
 * Logs every unexpected error with the request id, and completes the answer: the correlation id on
 * internal errors, and the HTTP status a request-level error's code calls for (graphql-armor's token
 * limit, for one, fails inside the parser with no status of its own; a lost database is 503 with
 * Retry-After even when part of the data could be served).
 */
export function errorPolicyPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isClientCode(error.extensions?.code) || isDatabaseUnavailable(original)) continue;
            contextValue.logger.error({ err: original, path: error.path, correlationId: contextValue.requestId }, "unexpected error");
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          const codes = new Set<unknown>();
          result.errors = result.errors!.map((error) => {
            codes.add(error.extensions?.code);
            if (error.extensions?.code !== "INTERNAL_SERVER_ERROR" || error.extensions.correlationId) return error;
            return { ...error, extensions: { ...error.extensions, correlationId: contextValue.requestId } };
          });
          if (codes.has("UNAVAILABLE")) {
            response.http.status = 503;
            response.http.headers.set("retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
          } else if (!("data" in result) && (response.http.status ?? 500) >= 500) {
            const [code] = codes;
            if (codes.size === 1 && isClientCode(code)) response.http.status = CLIENT_ERROR_STATUS[code];
          }
        },
      };
    },
  };
}
