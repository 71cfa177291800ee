import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { NamedListArgs } from "../../lists.js";
import { readQueries } from "../../read-queries.js";
import { CodesArgs, DeckCodesArgs } from "./code-deck.inputs.js";
import { codesOfDeck, listCodeDecks, listCodes } from "./code-deck.service.js";
import { Code, CodeConnection, CodeDeck, CodeDeckConnection } from "./code-deck.type.js";

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
  @FieldResolver(() => CodeConnection, { description: "The deck's codes, filtered and sorted; keyset-paginated." })
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
  async codeDeck(@Root() code: Code, @Ctx() ctx: Context) {
    return ctx.loaders.codeDeckById.load(code.codeDeckId);
  }
}
