import { Args, Ctx, Query, Resolver } from "type-graphql";
import { pageComplexity } from "../../limits.js";
import type { Context } from "../../context.js";
import { AuditEventsArgs } from "./audit.inputs.js";
import { listAuditEvents } from "./audit.service.js";
import { AuditEvent, AuditEventConnection } from "./audit.type.js";

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => AuditEventConnection, { complexity: pageComplexity, description: "The audit log of successful changes, newest first; read-only." })
  auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: Context) {
    return listAuditEvents(ctx.db, args);
  }
}
