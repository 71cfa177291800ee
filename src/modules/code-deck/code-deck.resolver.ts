import { Arg, Args, Ctx, FieldResolver, Field, ID, Int, Mutation, ObjectType, Resolver, Root, Authorized } from "type-graphql";
import { UserError } from "../../errors.js";
import { deletePayloadType, payloadType } from "../../payload.js";
import { CodeDeckCreateInput, CodeDeckUpdateInput, CodesImportInput } from "./code-deck-write.inputs.js";
import { Permission } from "../../auth.js";
import { pageComplexity } from "../../limits.js";
import type { Context } from "../../context.js";
import { NamedListArgs } from "../../loading/list-args.js";
import { readQueries } from "../../read-queries.js";
import { CodesArgs, DeckCodesArgs } from "./code-deck.inputs.js";
import { codeDeckWriter, codesOfDeck, importCodes, listCodeDecks, listCodes } from "./code-deck.service.js";
import { Code, CodeConnection, CodeDeck, CodeDeckConnection } from "./code-deck.type.js";

const CodeDeckCreatePayload = payloadType(CodeDeck, "CodeDeckCreatePayload", "codeDeck");
const CodeDeckUpdatePayload = payloadType(CodeDeck, "CodeDeckUpdatePayload", "codeDeck");
const CodeDeckDeletePayload = deletePayloadType("CodeDeckDeletePayload", "code deck");

@ObjectType({ description: "Result of codesImport." })
class CodesImportPayload {
  @Field(() => CodeDeck, { nullable: true, description: "The deck loaded into; null when userErrors is not empty." })
  codeDeck: CodeDeck | null;

  @Field(() => Int, { description: "Codes added." })
  inserted: number;

  @Field(() => Int, { description: "Existing codes whose name or country changed (UPSERT and REPLACE)." })
  updated: number;

  @Field(() => Int, { description: "Codes removed because the list lacked them (REPLACE)." })
  deleted: number;

  @Field(() => [UserError], { description: "Why nothing was imported; empty on success." })
  userErrors: UserError[];
}

@Resolver(() => CodeDeck)
export class CodeDeckResolver extends readQueries({
  type: CodeDeck,
  connection: CodeDeckConnection,
  args: NamedListArgs,
  single: "codeDeck",
  plural: "codeDecks",
  noun: "code decks",
  load: (ctx, id) => ctx.loaders.codeDeckById.load(id),
  list: (ctx, args) => listCodeDecks(ctx.db, args),
}) {
  @Authorized(Permission.GLOBAL)
  @Mutation(() => CodeDeckCreatePayload, { description: "Creates an empty code deck." })
  codeDeckCreate(@Arg("input", () => CodeDeckCreateInput, { description: "What to write." }) input: CodeDeckCreateInput, @Ctx() ctx: Context) {
    return codeDeckWriter.create(ctx, input);
  }

  @Authorized(Permission.GLOBAL)
  @Mutation(() => CodeDeckUpdatePayload, { description: "Changes a code deck's name or notes." })
  codeDeckUpdate(
    @Arg("id", () => ID, { description: "Id of the code deck." }) id: string,
    @Arg("input", () => CodeDeckUpdateInput, { description: "What to change." }) input: CodeDeckUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return codeDeckWriter.update(ctx, id, input);
  }

  @Authorized(Permission.GLOBAL)
  @Mutation(() => CodeDeckDeletePayload, { description: "Deletes a code deck, with its codes, that no rate table uses (CONFLICT otherwise)." })
  codeDeckDelete(@Arg("id", () => ID, { description: "Id of the code deck." }) id: string, @Ctx() ctx: Context) {
    return codeDeckWriter.remove(ctx, id);
  }

  @Authorized(Permission.GLOBAL)
  @Mutation(() => CodesImportPayload, { description: "Loads a list of codes into a deck in one transaction (add new, upsert or replace)." })
  async codesImport(@Arg("input", () => CodesImportInput, { description: "What to load." }) input: CodesImportInput, @Ctx() ctx: Context) {
    const { result, userErrors } = await importCodes(ctx, input);
    return { codeDeck: result?.codeDeck ?? null, inserted: result?.inserted ?? 0, updated: result?.updated ?? 0, deleted: result?.deleted ?? 0, userErrors };
  }

  @FieldResolver(() => CodeConnection, { complexity: pageComplexity, description: "The deck's codes, filtered and sorted; keyset-paginated." })
  codes(@Root() deck: CodeDeck, @Args(() => DeckCodesArgs) args: DeckCodesArgs, @Ctx() ctx: Context) {
    return codesOfDeck(ctx.db, ctx.loaders.pages, deck.id, args);
  }
}

@Resolver(() => Code)
export class CodeResolver extends readQueries({
  type: Code,
  connection: CodeConnection,
  args: CodesArgs,
  single: "code",
  plural: "codes",
  noun: "codes",
  load: (ctx, id) => ctx.loaders.codeById.load(id),
  list: (ctx, args) => listCodes(ctx.db, args),
}) {
  @FieldResolver(() => CodeDeck, { description: "The deck the code belongs to." })
  codeDeck(@Root() code: Code, @Ctx() ctx: Context) {
    return ctx.loaders.codeDeckById.now(code.codeDeckId);
  }
}
