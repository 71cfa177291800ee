import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../pagination.js";

@ObjectType({ description: 'A code deck: maps dialled codes (number prefixes) to code names such as "Germany Mobile".' })
export class CodeDeck {
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

@ObjectType({ description: "One code of a code deck: a number prefix and the code name it belongs to." })
export class Code {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: 'The code, usually digits, e.g. "4930"; unique within its deck.' })
  code: string;

  @Field(() => String, { description: 'Code name (destination), e.g. "Germany Berlin".' })
  name: string;

  @Field(() => String, { nullable: true, description: "Country of the destination, when known." })
  country: string | null;

  codeDeckId: number;
}

export const CodeDeckConnection = connectionType(CodeDeck, "CodeDeck", "code decks");
export const CodeConnection = connectionType(Code, "Code", "codes");
