import { referenceType } from "../../reference-type.js";

const { type, connection } = referenceType("RoutingPlan", "A routing plan: decides which vendors carry a client's or account's calls.", "routing plans");

export const RoutingPlan = type;
export type RoutingPlan = InstanceType<typeof type>;
export const RoutingPlanConnection = connection;
