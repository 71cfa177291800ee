import { GraphQLError } from "graphql";
import { Field, ObjectType, registerEnumType } from "type-graphql";

/** Closed set of reasons a mutation refused its input; clients switch on these, not on messages. */
export enum UserErrorCode {
  INVALID = "INVALID",
  REQUIRED = "REQUIRED",
  TOO_LONG = "TOO_LONG",
  OUT_OF_RANGE = "OUT_OF_RANGE",
  NOT_FOUND = "NOT_FOUND",
  TAKEN = "TAKEN",
  CONFLICT = "CONFLICT",
}

registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation refused its input.",
  valuesConfig: {
    INVALID: { description: "The value is malformed or not allowed here." },
    REQUIRED: { description: "A value is required and was missing, empty or null." },
    TOO_LONG: { description: "The text is longer than the field allows." },
    OUT_OF_RANGE: { description: "The number is outside the allowed range." },
    NOT_FOUND: { description: "The referenced object does not exist (or is not visible to this API key)." },
    TAKEN: { description: "The value must be unique and another object already uses it." },
    CONFLICT: { description: "The change conflicts with the current state of other objects." },
  },
});

@ObjectType({ description: "A validation or business-rule failure of a mutation. Nothing was changed." })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "name"]; null when not tied to one field.',
  })
  field: string[] | null;

  @Field(() => UserErrorCode, { description: "Machine-readable reason." })
  code: UserErrorCode;

  @Field(() => String, { description: "Human-readable explanation, in English." })
  message: string;
}

export function userError(field: string[] | null, code: UserErrorCode, message: string): UserError {
  return Object.assign(new UserError(), { field, code, message });
}

/** Collects every problem with an input so a mutation can report them all at once. */
export class UserErrorList {
  readonly errors: UserError[] = [];

  add(field: string[] | null, code: UserErrorCode, message: string): void {
    this.errors.push(userError(field, code, message));
  }

  /** True when a userError was already recorded on this path or inside it (so a dependent check can stay quiet). */
  hasErrorAt(path: string[]): boolean {
    return this.errors.some((e) => e.field !== null && path.every((part, i) => e.field![i] === part));
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  /** Forgets the errors recorded after `count` of them: a retried transaction records its own again. */
  truncate(count: number): void {
    this.errors.length = count;
  }
}

/** A top-level error for malformed query arguments (pagination bounds, bad cursors). */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...(argument ? { argument } : {}) } });
}
