import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import type { Context } from "./context.js";
import type { ApiKeyIdentity, ApiKeyRole } from "./modules/api-key/api-key.service.js";

/**
 * What an operation needs, named on resolvers with `@Authorized(...)`. Every request needs a valid key,
 * so queries carry no requirement: any role may read (within its partition).
 * - WRITE: create and change business data (clients, accounts, rate tables, rates, ...): OPERATOR or ADMIN.
 * - DELETE: delete business data: ADMIN.
 * - GLOBAL: change data shared by all partitions (partitions, code decks, time profiles, routing plans):
 *   ADMIN not confined to a partition.
 * - API_KEYS: list, create and revoke API keys: ADMIN not confined to a partition.
 */
export enum Permission {
  WRITE = "WRITE",
  DELETE = "DELETE",
  GLOBAL = "GLOBAL",
  API_KEYS = "API_KEYS",
}

const GRANTS: Record<ApiKeyRole, Permission[]> = {
  read_only: [],
  operator: [Permission.WRITE],
  admin: [Permission.WRITE, Permission.DELETE, Permission.GLOBAL, Permission.API_KEYS],
};

/** Permissions a key confined to a partition never has, whatever its role. */
const UNCONFINED_ONLY = [Permission.GLOBAL, Permission.API_KEYS];

export function mayDo(key: ApiKeyIdentity, permission: Permission): boolean {
  if (!GRANTS[key.role].includes(permission)) return false;
  return !UNCONFINED_ONLY.includes(permission) || key.partitionId === null;
}

/** type-graphql's check for `@Authorized`: refuses with FORBIDDEN naming what is missing. */
export const authChecker: AuthChecker<Context, Permission> = ({ context, info }, permissions) => {
  const missing = permissions.find((p) => !mayDo(context.apiKey, p));
  if (!missing) return true;
  const why =
    missing === Permission.API_KEYS
      ? "it manages API keys, so it needs an ADMIN key not confined to a partition"
      : missing === Permission.GLOBAL && context.apiKey.role === "admin"
        ? "it changes data shared by all partitions, so it needs an ADMIN key not confined to a partition"
        : `it needs a key with role ${missing === Permission.WRITE ? "OPERATOR or ADMIN" : "ADMIN"} (this key is ${context.apiKey.role.toUpperCase()})`;
  throw new GraphQLError(`Not allowed to run ${info.fieldName}: ${why}.`, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
};

/** HTTP 401 with the reason the key was refused (STACK.md pitfall 8: thrown from the context function). */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}
