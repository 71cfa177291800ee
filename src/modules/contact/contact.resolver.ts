import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Authorized } from "type-graphql";
import { deletePayloadType, payloadType } from "../../payload.js";
import { Permission } from "../../auth.js";
import type { Context } from "../../context.js";
import { readQueries } from "../../read-queries.js";
import { Client } from "../client/client.type.js";
import { ContactCreateInput, ContactsArgs, ContactUpdateInput } from "./contact.inputs.js";
import { contactWriter, listContacts } from "./contact.service.js";
import { Contact, ContactConnection } from "./contact.type.js";

const ContactCreatePayload = payloadType(Contact, "ContactCreatePayload", "contact");
const ContactUpdatePayload = payloadType(Contact, "ContactUpdatePayload", "contact");
const ContactDeletePayload = deletePayloadType("ContactDeletePayload", "contact");

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
  @Authorized(Permission.WRITE)
  @Mutation(() => ContactCreatePayload, { description: "Creates a contact of a client." })
  contactCreate(@Arg("input", () => ContactCreateInput, { description: "What to write." }) input: ContactCreateInput, @Ctx() ctx: Context) {
    return contactWriter.create(ctx, input);
  }

  @Authorized(Permission.WRITE)
  @Mutation(() => ContactUpdatePayload, { description: "Changes a contact; omitted fields stay as they are." })
  contactUpdate(
    @Arg("id", () => ID, { description: "Id of the contact." }) id: string,
    @Arg("input", () => ContactUpdateInput, { description: "What to change." }) input: ContactUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return contactWriter.update(ctx, id, input);
  }

  @Authorized(Permission.DELETE)
  @Mutation(() => ContactDeletePayload, { description: "Deletes a contact no account sends invoices or notifications to (CONFLICT otherwise)." })
  contactDelete(@Arg("id", () => ID, { description: "Id of the contact." }) id: string, @Ctx() ctx: Context) {
    return contactWriter.remove(ctx, id);
  }

  @FieldResolver(() => Client, { description: "The client the contact belongs to." })
  client(@Root() contact: Contact, @Ctx() ctx: Context) {
    return ctx.loaders.clientById.now(contact.clientId);
  }
}
