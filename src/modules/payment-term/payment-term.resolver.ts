import { Resolver } from "type-graphql";
import { NamedListArgs } from "../../loading/list-args.js";
import { readQueries } from "../../read-queries.js";
import { listPaymentTerms } from "./payment-term.service.js";
import { PaymentTerm, PaymentTermConnection } from "./payment-term.type.js";

@Resolver(() => PaymentTerm)
export class PaymentTermResolver extends readQueries({
  type: PaymentTerm,
  connection: PaymentTermConnection,
  args: NamedListArgs,
  single: "paymentTerm",
  plural: "paymentTerms",
  noun: "payment terms",
  load: (ctx, id) => ctx.loaders.paymentTermById.load(id),
  list: (ctx, args) => listPaymentTerms(ctx.db, args),
}) {}
