import { Field, ID, InputType } from "type-graphql";
import { ApiKeyRoleName } from "./api-key.type.js";

@InputType({ description: "A new API key." })
export class ApiKeyCreateInput {
  @Field(() => String, { description: "What the key is for (1 to 128 characters)." })
  name: string;

  @Field(() => ApiKeyRoleName, { description: "What the key may do." })
  role: ApiKeyRoleName;

  @Field(() => ID, { nullable: true, description: "The only partition the key may see and change; null or omitted for all." })
  partitionId?: string | null;

  @Field(() => [String], { nullable: true, description: "Client IP addresses or CIDR networks the key is accepted from; omitted or empty for any." })
  allowedIps?: string[] | null;

  @Field(() => Date, { nullable: true, description: "When the key stops being accepted (must be in the future); null or omitted for never." })
  expiresAt?: Date | null;
}
