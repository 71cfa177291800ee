import { ArgsType, Field, ID, InputType } from "type-graphql";
import { NameFilter, NameOrder } from "../../loading/list-args.js";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";

@InputType({ description: "Narrows a list of contacts." })
export class ContactFilter extends NameFilter {
  @Field(() => ID, { nullable: true, description: "Only contacts of this client." })
  clientId?: string | null;
}

@ArgsType()
export class ContactsArgs extends ConnectionArgs {
  @Field(() => ContactFilter, { nullable: true, description: "Conditions the contacts must meet." })
  filter?: ContactFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}

@InputType({ description: "Changes to a contact: omitted fields stay as they are." })
export class ContactUpdateInput {
  @Field(() => String, { nullable: true, description: "Name (1 to 128 characters)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "E-mail address (up to 255 characters)." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Free-form notes; null clears them." })
  notes?: string | null;
}

@InputType({ description: "A new contact of a client." })
export class ContactCreateInput extends ContactUpdateInput {
  @Field(() => ID, { description: "The client the contact belongs to; cannot change later." })
  clientId: string;

  @Field(() => String, { description: "Name (1 to 128 characters)." })
  declare name: string;

  @Field(() => String, { description: "E-mail address (up to 255 characters)." })
  declare email: string;
}
