import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";

export enum AuditAction {
  CREATE = "create",
  UPDATE = "update",
  DELETE = "delete",
}

registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "What a change did to its object.",
  valuesConfig: {
    CREATE: { description: "The object was created." },
    UPDATE: { description: "The object was changed." },
    DELETE: { description: "The object was deleted." },
  },
});

@ObjectType({ description: "One successful change, recorded in the same transaction as the change itself." })
export class AuditEvent {
  @Field(() => ID, { description: "Unique identifier; later events have larger ids." })
  id: number;

  @Field(() => Date, { description: "When the change was committed." })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: "Id of the API key that made the change; null for changes made before authentication existed." })
  actor: string | null;

  @Field(() => AuditAction, { description: "What the change did." })
  action: AuditAction;

  @Field(() => String, { description: 'GraphQL type of the changed object, e.g. "Account".' })
  objectType: string;

  @Field(() => Int, { description: "Id of the changed object." })
  objectId: number;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The object before the change (null for a create). Write-only fields are never included." })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The object after the change (null for a delete)." })
  after: Record<string, unknown> | null;
}

export const AuditEventConnection = connectionType(AuditEvent, "AuditEvent", "audit events");
