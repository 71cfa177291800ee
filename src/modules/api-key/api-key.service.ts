import { createHash, randomBytes } from "node:crypto";
import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { queryRows } from "../../db/query-rows.js";
import { apiKeys, partitions, type ApiKeyRow } from "../../db/schema.js";
import { UserErrorCode, UserErrorList } from "../../errors.js";
import { tablePage } from "../../loading/table-pages.js";
import { audit, lockForChange, transact, type Writer } from "../../mutation.js";
import type { ConnectionArgs, KeysetOrder, Page } from "../../loading/keyset-pagination.js";
import type { MutationResult } from "../../payload.js";
import { References, type Target } from "../../references.js";
import { parse } from "../../validation.js";

export type ApiKeyRole = ApiKeyRow["role"];

/** What a request may do, once its key is accepted. */
export interface ApiKeyIdentity {
  id: number;
  role: ApiKeyRole;
  /** The only partition the key sees and changes; null for all. */
  partitionId: number | null;
}

const KEY_PREFIX = "bgw_";

/** 256 random bits, base64url: unguessable, and safe in a header. */
export function generateKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export interface NewApiKey {
  name: string;
  role: ApiKeyRole;
  partitionId?: number | null;
  allowedIps?: string[];
  expiresAt?: Date | null;
}

/** Stores a new key and returns it in clear: the only time it is ever shown. */
export async function createApiKey(db: Db, key: NewApiKey): Promise<{ row: ApiKeyRow; key: string }> {
  const value = generateKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ ...key, allowedIps: key.allowedIps ?? [], keyHash: hashKey(value), keyPrefix: value.slice(0, 12) })
    .returning();
  return { row: row!, key: value };
}

/**
 * Makes sure an unconfined, unexpired ADMIN key with exactly this value exists (BOOTSTRAP_API_KEY),
 * re-enabling it if it was revoked: automation that sets the variable must always get in.
 */
export async function ensureBootstrapKey(db: Db, value: string): Promise<void> {
  await db
    .insert(apiKeys)
    .values({ name: "bootstrap (BOOTSTRAP_API_KEY)", role: "admin", keyHash: hashKey(value), keyPrefix: value.slice(0, 12) })
    .onConflictDoUpdate({
      target: apiKeys.keyHash,
      set: { role: "admin", partitionId: null, allowedIps: sql`'{}'::inet[]`, expiresAt: null, revokedAt: null, updatedAt: sql`now()` },
    });
}

export function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(asc(apiKeys.id));
}

/** Revokes a key (a revoked key keeps its first revocation time); undefined when there is none with this id. Revoked keys stay listed. */
export async function revokeApiKey(db: Db, id: number): Promise<ApiKeyRow | undefined> {
  const [row] = await db.update(apiKeys).set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())`, updatedAt: sql`now()` }).where(eq(apiKeys.id, id)).returning();
  return row;
}

/** A key as the API shows it: never its hash. */
export type PublicApiKey = Omit<ApiKeyRow, "keyHash">;

function withoutHash({ keyHash: _hash, ...shown }: ApiKeyRow): PublicApiKey {
  return shown;
}

const PUBLIC_COLUMNS = (({ keyHash: _hash, ...shown }) => shown)(getTableColumns(apiKeys));
const OLDEST_FIRST: KeysetOrder<PublicApiKey> = { name: "id", id: apiKeys.id, direction: "ASC" };
const PARTITION: Target = { table: partitions, id: partitions.id, what: "partition" };
/** API keys belong to no partition: their audit events are seen only by keys that see every partition. */
const auditKey = (action: "create" | "update", id: number) => ({ action, objectType: "ApiKey", objectId: id, partitionId: null });

export function listApiKeyPage(db: Db, args: ConnectionArgs): Promise<Page<PublicApiKey>> {
  return tablePage(db, { table: apiKeys, id: apiKeys.id, fields: PUBLIC_COLUMNS }, args, OLDEST_FIRST);
}

export interface ApiKeyInput {
  name: string;
  role: ApiKeyRole;
  partitionId?: string | null;
  allowedIps?: string[] | null;
  expiresAt?: Date | null;
}

/** apiKeyCreate: checks the input, stores the key and returns it in clear, once, with its audit event. */
export async function apiKeyCreate(w: Writer, input: ApiKeyInput): Promise<MutationResult<{ row: PublicApiKey; secret: string }>> {
  const errors = new UserErrorList();
  const name = parse.text(128)(errors, ["input", "name"], input.name);
  const partitionId = input.partitionId == null ? null : parse.id("partition")(errors, ["input", "partitionId"], input.partitionId);
  const allowedIps = parse.ips()(errors, ["input", "allowedIps"], input.allowedIps ?? []);
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) errors.add(["input", "expiresAt"], UserErrorCode.OUT_OF_RANGE, "must be in the future");
  return transact(w.db, errors, async (tx) => {
    const references = new References();
    references.add(PARTITION, ["input", "partitionId"], partitionId);
    await references.check(tx, errors);
    if (!errors.isEmpty || name === undefined || partitionId === undefined || allowedIps === undefined) return undefined;
    const { row, key } = await createApiKey(tx, { name, role: input.role, partitionId, allowedIps, expiresAt });
    const shown = withoutHash(row);
    await audit(tx, w.actor, { ...auditKey("create", row.id), after: shown });
    return { row: shown, secret: key };
  });
}

/** apiKeyRevoke: the key is refused from now on; revoking a revoked key changes nothing but is not an error. */
export async function apiKeyRevoke(w: Writer, id: string): Promise<MutationResult<PublicApiKey>> {
  const errors = new UserErrorList();
  return transact(w.db, errors, async (tx) => {
    const existing = await lockForChange(tx, errors, apiKeys, id, "API key", "update");
    if (!existing) return undefined;
    const row = withoutHash((await revokeApiKey(tx, existing.id))!);
    await audit(tx, w.actor, { ...auditKey("update", existing.id), before: withoutHash(existing), after: row });
    return row;
  });
}

export type Authentication = { ok: true; key: ApiKeyIdentity } | { ok: false; message: string };

/**
 * Accepts or refuses a request's key. The message says what is wrong with this key, never anything
 * about other keys or partitions. `ip` is a valid address (src/http/client-ip.ts).
 */
export async function authenticate(db: Db, key: string | undefined, ip: string): Promise<Authentication> {
  if (!key) return { ok: false, message: "Missing X-Api-Key header." };
  return (await lookUp(db, hashKey(key), ip)).auth;
}

/** The key's verdict for this address, and until when an acceptance holds (its expiry; null for never). */
async function lookUp(db: Db, keyHash: string, ip: string): Promise<{ auth: Authentication; expiresAtMs: number | null }> {
  const [row] = await queryRows<{
    id: number;
    role: ApiKeyRole;
    partition_id: number | null;
    revoked: boolean;
    expired: boolean;
    ip_allowed: boolean;
    expires_at_ms: number | null;
  }>(
    db,
    sql`select id, role::text as role, partition_id, revoked_at is not null as revoked,
               coalesce(expires_at <= now(), false) as expired,
               cardinality(allowed_ips) = 0 or ${ip}::inet <<= any(allowed_ips) as ip_allowed,
               (extract(epoch from expires_at) * 1000)::float8 as expires_at_ms
        from ${apiKeys} where key_hash = ${keyHash}`,
  );
  const refused = (message: string) => ({ auth: { ok: false, message } as const, expiresAtMs: null });
  if (!row) return refused("Unknown API key.");
  if (row.revoked) return refused("This API key has been revoked.");
  if (row.expired) return refused("This API key has expired.");
  if (!row.ip_allowed) return refused(`This API key is not allowed from ${ip}.`);
  return { auth: { ok: true, key: { id: row.id, role: row.role, partitionId: row.partition_id } }, expiresAtMs: row.expires_at_ms };
}

/** At most this many (key, address) acceptances are remembered; the oldest goes first. */
const CACHE_ENTRIES = 10_000;

/**
 * `authenticate` with its acceptances remembered for `seconds` per key and client address, so most
 * requests run no statement for their key. A revocation, or a change of role, partition or allowlist,
 * takes effect within `seconds`; an expiry takes effect exactly, and refusals are never remembered (a
 * new key works at once). `seconds` 0 looks every key up.
 */
export class ApiKeyAuthenticator {
  private readonly accepted = new Map<string, { key: ApiKeyIdentity; untilMs: number }>();

  constructor(
    private readonly db: Db,
    private readonly seconds: number,
  ) {}

  /**
   * The key's acceptance for this address while it is remembered, else undefined: answered at once, so
   * the caller needs no timeout around a lookup that does not happen.
   */
  remembered(key: string | undefined, ip: string): Authentication | undefined {
    if (!key || this.seconds === 0) return undefined;
    const hit = this.accepted.get(`${hashKey(key)} ${ip}`);
    return hit && hit.untilMs > Date.now() ? { ok: true, key: hit.key } : undefined;
  }

  async authenticate(key: string | undefined, ip: string): Promise<Authentication> {
    if (!key || this.seconds === 0) return authenticate(this.db, key, ip);
    const hit = this.remembered(key, ip);
    if (hit) return hit;
    const keyHash = hashKey(key);
    const cacheKey = `${keyHash} ${ip}`;
    const now = Date.now();
    this.accepted.delete(cacheKey);
    const { auth, expiresAtMs } = await lookUp(this.db, keyHash, ip);
    if (auth.ok) {
      if (this.accepted.size >= CACHE_ENTRIES) this.accepted.delete(this.accepted.keys().next().value!);
      this.accepted.set(cacheKey, { key: auth.key, untilMs: Math.min(now + this.seconds * 1000, expiresAtMs ?? Infinity) });
    }
    return auth;
  }
}
