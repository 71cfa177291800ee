import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";
import { referenceType } from "../../reference-type.js";

const deck = referenceType("CodeDeck", 'A code deck: maps dialled codes (number prefixes) to code names such as "Germany Mobile".', "code decks");

export const CodeDeck = deck.type;
export type CodeDeck = InstanceType<typeof deck.type>;

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

export const CodeDeckConnection = deck.connection;
export const CodeConnection = connectionType(Code, "Code", "codes");
