import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";

@ObjectType({ description: "A person or mailbox of a client that invoices and balance notifications are sent to." })
export class Contact {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name (1 to 128 characters)." })
  name: string;

  @Field(() => String, { description: "E-mail address." })
  email: string;

  @Field(() => String, { nullable: true, description: "Free-form notes." })
  notes: string | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;

  clientId: number;
}

export const ContactConnection = connectionType(Contact, "Contact", "contacts");
