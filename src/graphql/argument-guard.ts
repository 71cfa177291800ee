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

function guardField(field: GraphQLField<unknown, unknown>, isMutation: boolean): void {
  const checked = field.args.filter((arg) => carriesStrings(arg.type));
  if (checked.length === 0) return;
  const returned = getNamedType(field.type);
  const payloadType = isMutation && isObjectType(returned) && "userErrors" in returned.getFields() ? returned : undefined;
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args: Record<string, unknown>, context, info) => {
    for (const arg of checked) {
      const inputObject = isInputObjectType(getNamedType(arg.type));
      const maxLength = CURSOR_ARGUMENTS.has(arg.name) ? MAX_CURSOR_LENGTH : isMutation && inputObject ? undefined : MAX_ARGUMENT_LENGTH;
      const problem = findProblem(args[arg.name], [arg.name], maxLength);
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
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) guardField(field, type === mutationType);
  }
  return schema;
}

