import { Resolver } from "type-graphql";
import { NamedListArgs } from "../../loading/list-args.js";
import { readQueries } from "../../read-queries.js";
import { listInvoiceTemplates } from "./invoice-template.service.js";
import { InvoiceTemplate, InvoiceTemplateConnection } from "./invoice-template.type.js";

@Resolver(() => InvoiceTemplate)
export class InvoiceTemplateResolver extends readQueries({
  type: InvoiceTemplate,
  connection: InvoiceTemplateConnection,
  args: NamedListArgs,
  single: "invoiceTemplate",
  plural: "invoiceTemplates",
  noun: "invoice templates",
  load: (ctx, id) => ctx.loaders.invoiceTemplateById.load(id),
  list: (ctx, args) => listInvoiceTemplates(ctx.db, args),
}) {}
