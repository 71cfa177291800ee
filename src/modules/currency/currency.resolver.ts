import { Resolver } from "type-graphql";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";
import { readQueries } from "../../read-queries.js";
import { listCurrencies } from "./currency.service.js";
import { Currency, CurrencyConnection } from "./currency.type.js";

@Resolver(() => Currency)
export class CurrencyResolver extends readQueries({
  type: Currency,
  connection: CurrencyConnection,
  args: ConnectionArgs,
  single: "currency",
  plural: "currencies",
  noun: "currencies",
  listDescription: "The currencies the gateway knows, ordered by ISO code; keyset-paginated.",
  load: (ctx, id) => ctx.loaders.currencyById.load(id),
  list: (ctx, args) => listCurrencies(ctx.db, args),
}) {}
