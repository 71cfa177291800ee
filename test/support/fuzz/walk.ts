import {
  getNullableType,
  isInputObjectType,
  isListType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";

/** Where a client can put a value: an argument of a root field, or a field nested in its input objects. */
export interface Target {
  kind: "query" | "mutation";
  operation: GraphQLField<unknown, unknown>;
  /** The argument name, then input field names; "0" steps into the first item of a list. */
  path: string[];
  /** The declared type at `path` (non-null and list wrappers included). */
  type: GraphQLInputType;
  /** The input object type that declares the field; undefined for an argument. */
  parent?: string;
}

/** Input types here are not recursive; the bound only keeps a future recursive one from looping. */
const MAX_DEPTH = 8;

/**
 * Every argument of every query and mutation, and every field of the input objects under them (list items
 * included), so a field added to the schema is fuzzed without editing the test.
 */
export function walkTargets(schema: GraphQLSchema): Target[] {
  const targets: Target[] = [];
  const roots = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const;
  for (const [kind, root] of roots) {
    for (const operation of Object.values(root?.getFields() ?? {})) {
      const visit = (path: string[], type: GraphQLInputType, parent?: string) => {
        targets.push({ kind, operation, path, type, ...(parent ? { parent } : {}) });
        const inner = getNullableType(type);
        const item = isListType(inner) ? getNullableType(inner.ofType) : inner;
        const itemPath = isListType(inner) ? [...path, "0"] : path;
        if (!isInputObjectType(item) || path.length >= MAX_DEPTH) return;
        for (const field of Object.values(item.getFields())) visit([...itemPath, field.name], field.type, item.name);
      };
      for (const arg of operation.args) visit([arg.name], arg.type);
    }
  }
  return targets;
}

/** The input field or argument a path names (list steps skipped). */
export function leafName(path: readonly string[]): string {
  return [...path].reverse().find((step) => !/^\d+$/.test(step))!;
}
