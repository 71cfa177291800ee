import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import { mayDo, type Permission } from "../auth.js";
import type { Context } from "../context.js";
import { badUserInput, UserErrorCode, userError } from "../errors.js";

/**
 * Strings are checked once, here, for every argument of every field, before any resolver sees them:
 * - no NUL character (Postgres text cannot hold it) and no lone UTF-16 surrogate (it would be stored
 *   as U+FFFD, silently changing the value);
 * - arguments that search or filter (everything but a mutation's input objects, whose fields have their
 *   own length rules) are at most MAX_ARGUMENT_LENGTH characters, cursors MAX_CURSOR_LENGTH.
 * A mutation whose payload has `userErrors` reports the field as INVALID / TOO_LONG there; any other
 * field answers BAD_USER_INPUT naming the argument.
 */
export const MAX_ARGUMENT_LENGTH = 255;
/** A keyset cursor carries a sort key (up to 255 characters of a name, as UTF-8, base64-encoded). */
export const MAX_CURSOR_LENGTH = 2_048;
const CURSOR_ARGUMENTS = new Set(["after", "before"]);

interface Problem {
  path: string[];
  code: UserErrorCode.INVALID | UserErrorCode.TOO_LONG;
  message: string;
}

/** What is wrong with one string, if anything. */
export function stringProblem(value: string, maxLength: number | undefined): Omit<Problem, "path"> | undefined {
  if (value.includes("\u0000")) return { code: UserErrorCode.INVALID, message: "must not contain the NUL character (U+0000)" };
  if (!value.isWellFormed()) return { code: UserErrorCode.INVALID, message: "must be valid Unicode (it holds a lone UTF-16 surrogate)" };
  if (maxLength !== undefined && value.length > maxLength) {
    return { code: UserErrorCode.TOO_LONG, message: `must be at most ${maxLength} characters (got ${value.length})` };
  }
  return undefined;
}

/** The first bad string in an argument value, with its path (list items by index). */
function findProblem(value: unknown, path: string[], maxLength: number | undefined): Problem | undefined {
  if (typeof value === "string") {
    const problem = stringProblem(value, maxLength);
    return problem && { ...problem, path };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findProblem(value[i], [...path, String(i)], maxLength);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findProblem(item, [...path, key], maxLength);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether an argument of this type can carry a string (String, ID, custom scalars, or inputs holding them). */
function carriesStrings(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name !== "Int" && named.name !== "Float" && named.name !== "Boolean";
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => carriesStrings(f.type, seen));
}

/** `argument.path[2].field`, the way a client reads it. */
function argumentName(path: string[]): string {
  return path.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

/**
 * A payload standing for "nothing changed": userErrors, and the empty value of each other non-null
 * field (lists empty, counts 0); undefined when the payload has a non-null field with no empty value.
 */
function refusedPayload(type: GraphQLObjectType, problem: Problem): Record<string, unknown> | undefined {
  const payload: Record<string, unknown> = { userErrors: [userError(problem.path, problem.code, problem.message)] };
  for (const field of Object.values(type.getFields())) {
    if (field.name === "userErrors" || !isNonNullType(field.type)) continue;
    const inner: GraphQLType = field.type.ofType;
    if (isListType(inner)) payload[field.name] = [];
    else if (isScalarType(inner) && (inner.name === "Int" || inner.name === "Float")) payload[field.name] = 0;
    else return undefined;
  }
  return payload;
}

/**
 * The permissions type-graphql's `@Authorized` asks of each mutation, so the guard can leave a key
 * that may not run the mutation to type-graphql's FORBIDDEN instead of answering its input first.
 */
function mutationPermissions(): Map<string, Permission[]> {
  return new Map(getMetadataStorage().mutations.filter((m) => m.roles?.length).map((m) => [m.schemaName, m.roles as Permission[]]));
}

/** What to check in each string-carrying argument of a field: the length bound that applies to it. */
function argumentChecks(field: GraphQLField<unknown, unknown>, isMutation: boolean): { name: string; maxLength: number | undefined }[] {
  return field.args
    .filter((arg) => carriesStrings(arg.type))
    .map((arg) => ({
      name: arg.name,
      maxLength: CURSOR_ARGUMENTS.has(arg.name) ? MAX_CURSOR_LENGTH : isMutation && isInputObjectType(getNamedType(arg.type)) ? undefined : MAX_ARGUMENT_LENGTH,
    }));
}

const queryChecks = new WeakMap<GraphQLField<unknown, unknown>, { name: string; maxLength: number | undefined }[]>();

/**
 * Whether the guard lets these arguments of a field (not a mutation's) through. A read that looks
 * ahead and acts on a child field's arguments before that field resolves (src/loading/embedded.ts)
 * asks first, so that a refused argument never reaches SQL and is refused by the field as before.
 */
export function argumentsPass(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): boolean {
  let checked = queryChecks.get(field);
  if (!checked) queryChecks.set(field, (checked = argumentChecks(field, false)));
  return checked.every(({ name, maxLength }) => !findProblem(args[name], [name], maxLength));
}

function guardField(field: GraphQLField<unknown, Context>, permissions: Permission[] | undefined, isMutation: boolean): void {
  // Worked out once per field.
  const checked = argumentChecks(field as GraphQLField<unknown, unknown>, isMutation);
  if (checked.length === 0) return;
  const returned = getNamedType(field.type);
  const payloadType = isMutation && isObjectType(returned) && "userErrors" in returned.getFields() ? returned : undefined;
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args: Record<string, unknown>, context, info) => {
    if (permissions && !permissions.every((p) => mayDo(context.apiKey, p))) return resolve(source, args, context, info);
    for (const { name, maxLength } of checked) {
      const problem = findProblem(args[name], [name], maxLength);
      if (!problem) continue;
      const refused = payloadType && refusedPayload(payloadType, problem);
      if (refused) return refused;
      throw badUserInput(`Argument \`${argumentName(problem.path)}\` ${problem.message}.`, argumentName(problem.path));
    }
    return resolve(source, args, context, info);
  };
}

/** Installs the string checks on every field of the schema that takes a string-carrying argument. */
export function guardArguments(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType();
  const permissions = mutationPermissions();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      guardField(field as GraphQLField<unknown, Context>, type === mutationType ? permissions.get(field.name) : undefined, type === mutationType);
    }
  }
  return schema;
}

