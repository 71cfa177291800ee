import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { getVariableValues, GraphQLError } from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

import type { Config } from "./config.js";
import type { Context } from "./context.js";
import { DEFAULT_PAGE_SIZE } from "./loading/keyset-pagination.js";

type LimitConfig = Pick<Config, "MAX_QUERY_DEPTH" | "MAX_ALIASES" | "MAX_TOKENS" | "MAX_QUERY_COST" | "NODE_ENV" | "MAX_BODY_BYTES" | "MAX_IMPORT_BODY_BYTES">;

/**
 * Query shape limits from graphql-armor: depth, aliases and directives, refused before execution.
 * Field suggestions ("did you mean ...") are hidden in production, where introspection is off too.
 * The token limit is graphql-js's own parser option (see parseOptions): graphql-armor's version throws
 * from a hook Apollo runs outside its parse-error handling, which made an over-long document a 500.
 */
export function queryShapeLimits(config: LimitConfig) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_QUERY_DEPTH },
    // graphql-armor lets any number of `__typename` aliases through by default; they cost work all the same.
    maxAliases: { n: config.MAX_ALIASES, allowList: [] },
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.NODE_ENV === "production" },
  }).protect();
}

/** Options for graphql-js's parser: a document over MAX_TOKENS is a syntax error (HTTP 400, GRAPHQL_PARSE_FAILED). */
export function parseOptions(config: Pick<Config, "MAX_TOKENS">) {
  return { maxTokens: config.MAX_TOKENS };
}

/** Cost of a list field: its items' cost times how many items a page may hold. */
export const pageComplexity: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity * Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);

/** Cost of rateQuotes: one quote's cost per input. */
export const batchComplexity: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity * (Array.isArray(args.inputs) ? args.inputs.length : 1);

/**
 * Refuses an operation whose estimated cost is over the limit: 1 per field, multiplied by the page size
 * of every connection (and the batch size of rateQuotes) it is nested in, so `first: 100` under
 * `first: 100` counts 10,000 times.
 */
export function queryCostLimit(config: LimitConfig): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          // Variables that do not fit their types are Apollo's to report (HTTP 400, BAD_USER_INPUT, naming
          // the variable); getComplexity would throw on them first, as an error without a code.
          if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > config.MAX_QUERY_COST) {
            throw new GraphQLError(
              `Query cost ${cost} exceeds the limit of ${config.MAX_QUERY_COST}: ask for smaller pages (first/last) or fewer nested lists.`,
              { extensions: { code: "QUERY_TOO_COSTLY", cost, maxCost: config.MAX_QUERY_COST, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

/** Mutations allowed the larger body of MAX_IMPORT_BODY_BYTES: bulk loads whose documented maximum needs it. */
const BULK_MUTATIONS = new Set(["codesImport"]);

/** The body limit the parser enforces: the larger of the two, since the operation is known only after parsing. */
export function bodyParserLimit(config: Pick<Config, "MAX_BODY_BYTES" | "MAX_IMPORT_BODY_BYTES">): number {
  return Math.max(config.MAX_BODY_BYTES, config.MAX_IMPORT_BODY_BYTES);
}

/**
 * A body over MAX_BODY_BYTES is refused with 413 unless the operation is a bulk load (codesImport and
 * nothing else), which may send up to MAX_IMPORT_BODY_BYTES.
 */
export function bodySizeLimit(config: LimitConfig): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.request.bodyBytes <= config.MAX_BODY_BYTES) return;
          const bulk =
            operation?.operation === "mutation" &&
            operation.selectionSet.selections.every((s) => s.kind === "Field" && (s.name.value === "__typename" || BULK_MUTATIONS.has(s.name.value)));
          if (bulk) return;
          throw new GraphQLError(`The request body is larger than ${config.MAX_BODY_BYTES} bytes (MAX_BODY_BYTES); only ${[...BULK_MUTATIONS].join(", ")} may send up to ${config.MAX_IMPORT_BODY_BYTES}.`, {
            extensions: { code: "PAYLOAD_TOO_LARGE", http: { status: 413 } },
          });
        },
      };
    },
  };
}

const WINDOW_MS = 60_000;

/** A fixed one-minute window of requests per API key, kept in memory (per process). */
export class RateLimiter {
  private readonly windows = new Map<number, { start: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  /** Counts a request; returns the seconds to wait when the key is over its limit, else undefined. */
  take(keyId: number, now = Date.now()): number | undefined {
    let window = this.windows.get(keyId);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(keyId, window);
    }
    window.count += 1;
    return window.count > this.perMinute ? Math.ceil((window.start + WINDOW_MS - now) / 1000) : undefined;
  }

  /** The error a limited request gets: HTTP 429 with Retry-After. */
  refusal(retryAfterSeconds: number): GraphQLError {
    return new GraphQLError(`Rate limit of ${this.perMinute} requests per minute for this API key exceeded; retry in ${retryAfterSeconds} s.`, {
      extensions: { code: "RATE_LIMITED", http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } },
    });
  }
}
