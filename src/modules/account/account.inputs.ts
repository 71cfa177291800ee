import { ArgsType, Field, ID, InputType } from "type-graphql";
import { NameOrder } from "../../lists.js";
import { ConnectionArgs } from "../../pagination.js";
import { AuthType } from "./account.type.js";

@InputType({ description: "Narrows the accounts of a client." })
export class ClientAccountFilter {
  @Field(() => String, { nullable: true, description: "Only accounts whose name contains this text (case-insensitive)." })
  nameContains?: string | null;

  @Field(() => AuthType, { nullable: true, description: "Only accounts identified this way." })
  authType?: AuthType | null;

  @Field(() => Boolean, { nullable: true, description: "Only accounts whose origination is enabled (true) or disabled (false)." })
  originationEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Only accounts whose termination is enabled (true) or disabled (false)." })
  terminationEnabled?: boolean | null;
}

@InputType({ description: "Narrows a list of accounts." })
export class AccountFilter extends ClientAccountFilter {
  @Field(() => ID, { nullable: true, description: "Only accounts of this client." })
  clientId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only accounts of clients of this partition." })
  partitionId?: string | null;
}

@ArgsType()
export class ClientAccountsArgs extends ConnectionArgs {
  @Field(() => ClientAccountFilter, { nullable: true, description: "Conditions the accounts must meet." })
  filter?: ClientAccountFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}

@ArgsType()
export class AccountsArgs extends ConnectionArgs {
  @Field(() => AccountFilter, { nullable: true, description: "Conditions the accounts must meet." })
  filter?: AccountFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}
