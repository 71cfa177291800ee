import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { readQueries } from "../../read-queries.js";
import { Client } from "../client/client.type.js";
import { ContactsArgs } from "./contact.inputs.js";
import { listContacts } from "./contact.service.js";
import { Contact, ContactConnection } from "./contact.type.js";

@Resolver(() => Contact)
export class ContactResolver extends readQueries({
  type: Contact,
  connection: ContactConnection,
  args: ContactsArgs,
  single: "contact",
  plural: "contacts",
  noun: "contacts",
  load: (ctx, id) => ctx.loaders.contactById.load(id),
  list: (ctx, args) => listContacts(ctx.db, args),
}) {
  @FieldResolver(() => Client, { description: "The client the contact belongs to." })
  async client(@Root() contact: Contact, @Ctx() ctx: Context) {
    return ctx.loaders.clientById.load(contact.clientId);
  }
}
