import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "./loading/keyset-pagination.js";

/**
 * Declares the GraphQL type (and its connection) of a piece of named reference data: an object that is
 * just a unique name and notes, such as a routing plan or an invoice template.
 */
export function referenceType(name: string, description: string, plural: string) {
  @ObjectType(name, { description })
  class Reference {
    @Field(() => ID, { description: "Unique identifier." })
    id: number;

    @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
    name: string;

    @Field(() => String, { nullable: true, description: "Free-form notes." })
    notes: string | null;

    @Field(() => Date, { description: "When it was created." })
    createdAt: Date;

    @Field(() => Date, { description: "When it was last changed." })
    updatedAt: Date;
  }
  return { type: Reference, connection: connectionType(Reference, name, plural) };
}
