import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Context } from "../context.js";
import { isDatabaseUnavailable, isStatementTimeout } from "../db/pg-errors.js";

/**
 * The one error policy of the API: which `extensions.code`s a client may receive (the README's Errors
 * table says when, and with which HTTP status). Everything else is a fault: logged with the request id,
 * and in production answered only as "Internal server error" with that id as `correlationId`.
 */
const CLIENT_CODES = new Set([
  "BAD_REQUEST",
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "PERSISTED_QUERY_NOT_TRUSTED",
  "QUERY_TOO_COSTLY",
  "QUERY_TIMEOUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
  "UNAVAILABLE",
]);

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const UNAVAILABLE_MESSAGE = "The database is unavailable; retry shortly.";

/** HTTP 503 for a request the database could not serve before it ran; it may be sent again unchanged. */
export function unavailable(): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    extensions: {
      code: "UNAVAILABLE",
      http: { status: 503, headers: new Map([["retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/** All a client learns of an unexpected error in production. */
const MASKED_MESSAGE = "Internal server error";

/** What a client is told of an unexpected error: its message only outside production. */
export function faultMessage(message: string, production: boolean): string {
  return production ? MASKED_MESSAGE : message;
}

/** The answer to an unexpected error, with the request id as correlation id. */
export function internalError(message: string, correlationId: string, production: boolean): GraphQLError {
  return new GraphQLError(faultMessage(message, production), {
    extensions: { code: "INTERNAL_SERVER_ERROR", correlationId, http: { status: 500 } },
  });
}

/** Whether a client may receive this `extensions.code` (anything else is a fault). */
export function isClientCode(code: unknown): code is string {
  return typeof code === "string" && CLIENT_CODES.has(code);
}

/** The HTTP status an error was raised with, if any (Apollo's own request errors carry one but no code). */
export function statusOf(error: unknown): number | undefined {
  const http = (error as GraphQLError | undefined)?.extensions?.http as { status?: number } | undefined;
  return http?.status;
}

/** A statement the client's request made the database run past STATEMENT_TIMEOUT_MS: a limit, not a fault. */
const TIMEOUT_MESSAGE = "A database statement of this request ran past the statement timeout and was cancelled; ask for less (smaller pages, fewer nested lists, narrower filters).";

/**
 * Apollo's `formatError`, applied to every error of every response, including those raised before
 * execution (parsing, validation, context creation): a lost database connection becomes UNAVAILABLE, a
 * cancelled statement QUERY_TIMEOUT,
 * an error Apollo raised with a 4xx status but no code (a persisted query whose hash does not match)
 * is BAD_REQUEST, and in production anything unexpected keeps no message, stack or SQL.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { locations, path } = formatted;
    const original = unwrapResolverError(error);
    if (isDatabaseUnavailable(original)) return { message: UNAVAILABLE_MESSAGE, locations, path, extensions: { code: "UNAVAILABLE" } };
    if (isStatementTimeout(original)) return { message: TIMEOUT_MESSAGE, locations, path, extensions: { code: "QUERY_TIMEOUT" } };
    if (isClientCode(formatted.extensions?.code)) return formatted;
    const status = statusOf(error);
    if (status !== undefined && status < 500) return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_REQUEST" } };
    if (!production) return formatted;
    const correlationId = formatted.extensions?.correlationId;
    return { message: MASKED_MESSAGE, locations, path, extensions: { code: "INTERNAL_SERVER_ERROR", ...(correlationId ? { correlationId } : {}) } };
  };
}

/**
 * Said instead when the database went away while a mutation ran: fields before the failing one may have
 * been committed, so sending the same document again is not safe without looking first.
 */
const UNAVAILABLE_DURING_MUTATION =
  "The database became unavailable while this mutation ran; fields that ran before this one may have been applied. Check before sending it again, or send it with an idempotencyKey where the mutation takes one.";

/**
 * Logs every unexpected error with the request id, and completes the answer: the correlation id on
 * internal errors, and a lost database as 503 with Retry-After even when part of the data could be served.
 */
export function errorPolicyPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isClientCode(error.extensions?.code) || isDatabaseUnavailable(original) || isStatementTimeout(original) || (statusOf(original) ?? 500) < 500) continue;
            contextValue.logger.error({ err: original, path: error.path, correlationId: contextValue.requestId, code: "INTERNAL_SERVER_ERROR" }, "unexpected error");
          }
        },
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const result = response.body.singleResult;
          const mutationRan = operation?.operation === "mutation" && "data" in result;
          let unavailable = false;
          result.errors = result.errors!.map((error) => {
            if (error.extensions?.code === "UNAVAILABLE") {
              unavailable = true;
              return mutationRan ? { ...error, message: UNAVAILABLE_DURING_MUTATION, extensions: { ...error.extensions, mayHaveApplied: true } } : error;
            }
            if (error.extensions?.code !== "INTERNAL_SERVER_ERROR" || error.extensions.correlationId) return error;
            return { ...error, extensions: { ...error.extensions, correlationId: contextValue.requestId } };
          });
          if (unavailable) {
            response.http.status = 503;
            response.http.headers.set("retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
