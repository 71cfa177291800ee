import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import type { OrderArg } from "../../loading/list-args.js";
import { ConnectionArgs, OrderDirection } from "../../loading/keyset-pagination.js";

@InputType({ description: "Narrows the codes of a deck." })
export class DeckCodeFilter {
  @Field(() => String, { nullable: true, description: 'Only codes starting with this text, e.g. "49".' })
  codePrefix?: string | null;

  @Field(() => String, { nullable: true, description: "Only codes of exactly this code name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Only codes of this country." })
  country?: string | null;
}

@InputType({ description: "Narrows a list of codes." })
export class CodeFilter extends DeckCodeFilter {
  @Field(() => ID, { nullable: true, description: "Only codes of this deck." })
  codeDeckId?: string | null;
}

export enum CodeOrderField {
  ID = "ID",
  CODE = "CODE",
  NAME = "NAME",
}

registerEnumType(CodeOrderField, {
  name: "CodeOrderField",
  description: "What a list of codes can be sorted by.",
  valuesConfig: {
    ID: { description: "Creation order (id)." },
    CODE: { description: "The code, as text." },
    NAME: { description: "The code name, alphabetically." },
  },
});

@InputType({ description: "Sort order of a list of codes." })
export class CodeOrder implements OrderArg<CodeOrderField> {
  @Field(() => CodeOrderField, { description: "Sort key." })
  field: CodeOrderField;

  @Field(() => OrderDirection, { nullable: true, description: "Direction. Default ASC." })
  direction?: OrderDirection | null;
}

@ArgsType()
export class DeckCodesArgs extends ConnectionArgs {
  @Field(() => DeckCodeFilter, { nullable: true, description: "Conditions the codes must meet." })
  filter?: DeckCodeFilter | null;

  @Field(() => CodeOrder, { nullable: true, description: "Sort order. Default by CODE ascending." })
  orderBy?: CodeOrder | null;
}

@ArgsType()
export class CodesArgs extends ConnectionArgs {
  @Field(() => CodeFilter, { nullable: true, description: "Conditions the codes must meet." })
  filter?: CodeFilter | null;

  @Field(() => CodeOrder, { nullable: true, description: "Sort order. Default by CODE ascending." })
  orderBy?: CodeOrder | null;
}
