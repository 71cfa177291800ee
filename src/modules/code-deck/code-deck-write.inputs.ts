import { Field, ID, InputType, registerEnumType } from "type-graphql";

@InputType({ description: "Changes to a code deck: omitted fields stay as they are." })
export class CodeDeckUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique (1 to 128 characters)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Free-form notes; null clears them." })
  notes?: string | null;
}

@InputType({ description: "A new, empty code deck; fill it with codesImport." })
export class CodeDeckCreateInput extends CodeDeckUpdateInput {
  @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
  declare name: string;
}

@InputType({ description: "One code of an import." })
export class CodeInput {
  @Field(() => String, { description: 'The code: letters, digits and _#*+, up to 32 characters, e.g. "4930".' })
  code: string;

  @Field(() => String, { description: 'Its code name (1 to 128 characters), e.g. "Germany Berlin".' })
  name: string;

  @Field(() => String, { nullable: true, description: "Country of the destination (up to 64 characters)." })
  country?: string | null;
}

export enum CodeImportMode {
  ADD_NEW = "ADD_NEW",
  UPSERT = "UPSERT",
  REPLACE = "REPLACE",
}

registerEnumType(CodeImportMode, {
  name: "CodeImportMode",
  description: "How an import treats the codes already in the deck (JeraSoft's import modes).",
  valuesConfig: {
    ADD_NEW: { description: "Add codes the deck lacks; leave existing codes as they are." },
    UPSERT: { description: "Add new codes and update the name and country of existing ones." },
    REPLACE: { description: "Make the deck exactly the imported list: codes not in it are deleted." },
  },
});

@InputType({ description: "A list of codes to load into a deck in one transaction." })
export class CodesImportInput {
  @Field(() => ID, { description: "The deck to load into." })
  codeDeckId: string;

  @Field(() => [CodeInput], { description: "The codes, at most 50000; a code may appear once." })
  codes: CodeInput[];

  @Field(() => CodeImportMode, { nullable: true, defaultValue: CodeImportMode.ADD_NEW, description: "What to do with codes already in the deck." })
  mode?: CodeImportMode | null;
}
