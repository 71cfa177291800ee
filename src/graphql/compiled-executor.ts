import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { execute, getOperationAST, GraphQLError, getVariableValues, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { cachedIn } from "../memo.js";

/**
 * Runs queries through graphql-jit: each document is compiled once into plain JavaScript (no per-field
 * dispatch, no promise per field that resolves synchronously), and reused while Apollo's document
 * cache keeps the parsed document. Mutations and anything jit cannot compile run on graphql-js.
 * Variables are coerced by graphql-js first, so a bad variable gets graphql-js's exact error.
 */
export function compiledExecutor(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compile = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    return cachedIn(cachedIn(compiled, document, () => new Map()), operationName ?? "", () => {
      const made = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(made) ? made : null;
    });
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async load() {
      return {
        executor: async (requestContext): Promise<ExecutionResult> => {
          const { document, request, context: contextValue } = requestContext;
          const operationName = request.operationName ?? undefined;
          const operation = getOperationAST(document, operationName);
          const graphqlJs = () => execute({ schema, document, contextValue, variableValues: request.variables, operationName });
          if (!operation || operation.operation !== "query") return graphqlJs();
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return { errors: coerced.errors };
          const query = compile(document, operationName);
          if (!query) return graphqlJs();
          const result = await query.query(undefined, contextValue, request.variables);
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors have a read-only message, which graphql-armor rewrites in production (it hides
 * field suggestions): made plain graphql-js errors again, with the same message, place and cause.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const plain = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  return Object.assign(plain, { locations: error.locations });
}
