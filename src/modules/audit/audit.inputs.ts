import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";

@InputType({ description: "Narrows the audit log." })
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Only changes of this object type, e.g. "Account".' })
  objectType?: string | null;

  @Field(() => ID, { nullable: true, description: "Only changes of the object with this id (use with objectType)." })
  objectId?: string | null;
}

@ArgsType()
export class AuditEventsArgs extends ConnectionArgs {
  @Field(() => AuditEventFilter, { nullable: true, description: "Conditions the events must meet." })
  filter?: AuditEventFilter | null;
}
