import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { readQueries } from "../../read-queries.js";
import { Client } from "../client/client.type.js";
import { Contact } from "../contact/contact.type.js";
import { RateTable } from "../rate-table/rate-table.type.js";
import { SpecialRate } from "../rate/rate.type.js";
import { RateNotificationsArgs } from "./rate-notification.inputs.js";
import { listRateNotifications } from "./rate-notification.service.js";
import { RateNotification, RateNotificationConnection, RateNotificationState } from "./rate-notification.type.js";

@Resolver(() => RateNotification)
export class RateNotificationResolver extends readQueries({
  type: RateNotification,
  connection: RateNotificationConnection,
  args: RateNotificationsArgs,
  single: "rateNotification",
  plural: "rateNotifications",
  noun: "rate notifications",
  listDescription: "Rate notifications, newest first, filtered; keyset-paginated.",
  load: (ctx, id) => ctx.loaders.rateNotificationById.load(id),
  list: (ctx, args) => listRateNotifications(ctx.db, args),
}) {
  @FieldResolver(() => Client, { description: "The client notified." })
  client(@Root() notification: RateNotification, @Ctx() ctx: Context) {
    return ctx.loaders.clientById.now(notification.clientId);
  }

  @FieldResolver(() => RateTable, { description: "The rate table whose prices change." })
  rateTable(@Root() notification: RateNotification, @Ctx() ctx: Context) {
    return ctx.loaders.rateTableById.now(notification.rateTableId);
  }

  @FieldResolver(() => SpecialRate, { nullable: true, description: "The special rate that changes them; null once it was deleted." })
  specialRate(@Root() notification: RateNotification, @Ctx() ctx: Context) {
    return notification.specialRateId === null ? null : ctx.loaders.specialRateById.now(notification.specialRateId);
  }

  @FieldResolver(() => [Contact], { description: "The client's contacts it is addressed to (all of them when it was created), by id." })
  contacts(@Root() notification: RateNotification, @Ctx() ctx: Context) {
    return ctx.loaders.contactsOfRateNotification.now(notification.id);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: "While PENDING: when the next attempt is due, or when a running attempt's lease ends. Null once SENT or FAILED.",
  })
  nextAttemptAt(@Root() notification: RateNotification) {
    return notification.state === RateNotificationState.PENDING ? notification.nextAttemptAt : null;
  }
}
