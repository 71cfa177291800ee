import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { getVariableValues, GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

import type { Config } from "./config.js";
import type { Context } from "./context.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./loading/keyset-pagination.js";

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

/**
 * Cost of a list field: its items' cost times how many items a page may hold. A page size outside
 * 0..MAX_PAGE_SIZE is refused later, when the field runs; until then it counts as the largest page, so a
 * negative `first` cannot cancel out the cost of the rest of the operation.
 */
export const pageComplexity: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  return 1 + childComplexity * (Number.isInteger(size) && size >= 0 && size <= MAX_PAGE_SIZE ? size : MAX_PAGE_SIZE);
};

/** Cost of rateQuotes: one quote's cost per input. */
export const batchComplexity: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + childComplexity * (Array.isArray(args.inputs) ? args.inputs.length : 1);

/** Costs kept per document: the distinct operation name + variables seen with it (pages asked for). */
const COSTS_PER_DOCUMENT = 64;
/** Variables longer than this as JSON (bulk inputs) are not kept as a key: their cost is worked out each time. */
const MAX_COST_KEY_LENGTH = 2_048;

/**
 * Refuses an operation whose estimated cost is over the limit: 1 per field, multiplied by the page size
 * of every connection (and the batch size of rateQuotes) it is nested in, so `first: 100` under
 * `first: 100` counts 10,000 times. The cost depends only on the document, the operation name and the
 * variables, so it is kept for the document (Apollo reuses the parsed document of a query text it has
 * seen) under those: a client repeating its operations pays for the estimate once.
 */
export function queryCostLimit(config: LimitConfig): ApolloServerPlugin<Context> {
  const costs = new WeakMap<DocumentNode, Map<string, number | undefined>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const key = `${request.operationName ?? ""} ${JSON.stringify(request.variables ?? {})}`;
          let known = costs.get(document);
          let cost = known?.get(key);
          if (cost === undefined && !known?.has(key)) {
            cost = estimate(schema, document, operation, request.operationName, request.variables);
            if (!known) costs.set(document, (known = new Map()));
            if (known.size < COSTS_PER_DOCUMENT && key.length <= MAX_COST_KEY_LENGTH) known.set(key, cost);
          }
          if (cost !== undefined && cost > config.MAX_QUERY_COST) {
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

/** The operation's cost; undefined when there is no operation or its variables do not fit their types. */
function estimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number | undefined {
  // Variables that do not fit their types are Apollo's to report (HTTP 400, BAD_USER_INPUT, naming
  // the variable); getComplexity would throw on them first, as an error without a code.
  if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return undefined;
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** Mutations allowed the larger body of MAX_IMPORT_BODY_BYTES: bulk loads whose documented maximum needs it. */
const BULK_MUTATIONS = new Set(["codesImport"]);

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

/** Counts hits per API key in fixed windows; returns the count so far in the current window and the time it has left. */
export interface WindowCounter {
  hit(keyId: number, windowMs: number): Promise<{ count: number; msLeft: number }>;
}

/** Windows in this process's memory: each replica counts alone (src/shared-state.ts shares them through Redis). */
export class MemoryWindowCounter implements WindowCounter {
  private readonly windows = new Map<number, { start: number; count: number }>();

  async hit(keyId: number, windowMs: number) {
    const now = Date.now();
    let window = this.windows.get(keyId);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(keyId, window);
    }
    window.count += 1;
    return { count: window.count, msLeft: window.start + windowMs - now };
  }
}

/** A fixed one-minute window of requests per API key. */
export class RateLimiter {
  constructor(
    private readonly perMinute: number,
    private readonly counter: WindowCounter = new MemoryWindowCounter(),
  ) {}

  /** Counts a request; returns the seconds to wait when the key is over its limit, else undefined. */
  async take(keyId: number): Promise<number | undefined> {
    const { count, msLeft } = await this.counter.hit(keyId, WINDOW_MS);
    return count > this.perMinute ? Math.max(1, Math.ceil(msLeft / 1000)) : undefined;
  }

  /** The error a limited request gets: HTTP 429 with Retry-After. */
  refusal(retryAfterSeconds: number): GraphQLError {
    return new GraphQLError(`Rate limit of ${this.perMinute} requests per minute for this API key exceeded; retry in ${retryAfterSeconds} s.`, {
      extensions: { code: "RATE_LIMITED", http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } },
    });
  }
}
