import { Field, ID, ObjectType, type ClassType } from "type-graphql";
import { UserError } from "./errors.js";

/** What every mutation service returns: the changed object, or the reasons nothing changed. */
export interface MutationResult<T> {
  result: T | null;
  userErrors: UserError[];
}

export const succeeded = <T>(result: T): MutationResult<T> => ({ result, userErrors: [] });
export const failed = <T>(userErrors: UserError[]): MutationResult<T> => ({ result: null, userErrors });

/** Declares `<Name>Payload { <field>: Item, userErrors: [UserError!]! }` (Shopify's mutation payload shape). */
export function payloadType<T extends object>(item: ClassType<T>, name: string, field: string) {
  @ObjectType(name, { description: `Result of ${name.replace(/Payload$/, "")}.` })
  class Payload {
    @Field(() => item, { name: field, nullable: true, description: `The ${field}; null when userErrors is not empty.` })
    result: T | null;

    @Field(() => [UserError], { description: "Why the mutation changed nothing; empty on success." })
    userErrors: UserError[];
  }
  return Payload;
}

/** Declares `<Name>Payload { deletedId: ID, userErrors }` for delete mutations. */
export function deletePayloadType(name: string, noun: string) {
  @ObjectType(name, { description: `Result of ${name.replace(/Payload$/, "")}.` })
  class DeletePayload {
    @Field(() => ID, { name: "deletedId", nullable: true, description: `Id of the deleted ${noun}; null when userErrors is not empty.` })
    result: number | null;

    @Field(() => [UserError], { description: "Why nothing was deleted; empty on success." })
    userErrors: UserError[];
  }
  return DeletePayload;
}
