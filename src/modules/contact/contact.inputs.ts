import { ArgsType, Field, ID, InputType } from "type-graphql";
import { NameFilter, NameOrder } from "../../lists.js";
import { ConnectionArgs } from "../../pagination.js";

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
