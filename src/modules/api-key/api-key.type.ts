import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "../../errors.js";
import { connectionType } from "../../loading/keyset-pagination.js";

/** The roles of src/auth.ts; the values are the database's. */
export enum ApiKeyRoleName {
  READ_ONLY = "read_only",
  OPERATOR = "operator",
  ADMIN = "admin",
}

registerEnumType(ApiKeyRoleName, {
  name: "ApiKeyRole",
  description: "What an API key may do.",
  valuesConfig: {
    READ_ONLY: { description: "Run every query (within its partition)." },
    OPERATOR: { description: "Also create and update business data." },
    ADMIN: { description: "Also delete business data; when not confined to a partition, also change shared reference data and manage API keys." },
  },
});

@ObjectType({ description: "An API key. The key itself is shown only once, when it is created; only its hash is stored." })
export class ApiKey {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "What the key is for." })
  name: string;

  @Field(() => ApiKeyRoleName, { description: "What the key may do." })
  role: ApiKeyRoleName;

  /** Resolved to the partition object by the resolver. */
  partitionId: number | null;

  @Field(() => String, { description: 'The first 12 characters of the key (e.g. "bgw_AbCdEfGh"), to recognise it in lists and logs.' })
  keyPrefix: string;

  @Field(() => [String], { description: "Client IP addresses or CIDR networks the key is accepted from; empty for any." })
  allowedIps: string[];

  @Field(() => Date, { nullable: true, description: "When the key stops being accepted; null for never." })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the key was revoked; null while it is not." })
  revokedAt: Date | null;

  @Field(() => Date, { description: "When the key was created." })
  createdAt: Date;
}

export const ApiKeyConnection = connectionType(ApiKey, "ApiKey", "API keys");

@ObjectType({ description: "Result of apiKeyCreate." })
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { name: "apiKey", nullable: true, description: "The new key's record; null when userErrors is not empty." })
  result: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: "The key to send as the X-Api-Key header. Shown only in this answer: it cannot be read back later. Null when userErrors is not empty.",
  })
  secret: string | null;

  @Field(() => [UserError], { description: "Why the mutation changed nothing; empty on success." })
  userErrors: UserError[];
}
