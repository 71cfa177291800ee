import "reflect-metadata";
import { parseArgs } from "node:util";
import { DataDirInUseError } from "../../db/data-dir-lock.js";
import { ConfigError, loadConfig } from "../../config.js";
import { openConfiguredDatabase } from "../../db/client.js";
import { isIpOrCidr, parseId } from "../../validation.js";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyRole } from "./api-key.service.js";

const USAGE = `Usage:
  npm run apikey -- create --name NAME --role READ_ONLY|OPERATOR|ADMIN [--partition ID] [--allow-ip IP_OR_CIDR ...] [--expires ISO_DATE]
  npm run apikey -- list
  npm run apikey -- revoke ID`;

const ROLES: Record<string, ApiKeyRole> = { READ_ONLY: "read_only", OPERATOR: "operator", ADMIN: "admin" };

/** `npm run apikey`: manages API keys of the configured database. `create` prints the key, once. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      partition: { type: "string" },
      "allow-ip": { type: "string", multiple: true },
      expires: { type: "string" },
    },
  });
  const [command, id] = positionals;
  const fail = (message: string) => (console.error(`${message}\n\n${USAGE}`), 2);
  if (command !== "create" && command !== "list" && command !== "revoke") return fail(`Unknown command ${command ?? "(none)"}.`);

  const database = openConfiguredDatabase(loadConfig(), "maintain");
  try {
    await database.migrate();
    if (command === "list") {
      for (const k of await listApiKeys(database.db)) {
        const state = k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt <= new Date() ? "expired" : "active";
        console.log(
          `${k.id}\t${k.keyPrefix}…\t${k.role.toUpperCase()}\tpartition=${k.partitionId ?? "all"}\tips=${k.allowedIps.join(",") || "any"}\t` +
            `expires=${k.expiresAt?.toISOString() ?? "never"}\t${state}\t${k.name}`,
        );
      }
      return 0;
    }
    if (command === "revoke") {
      const key = id === undefined ? undefined : parseId(id);
      if (key === undefined) return fail("revoke needs the key's id (see list).");
      if (!(await revokeApiKey(database.db, key))) return fail(`No API key with id ${id}.`);
      console.log(`API key ${key} revoked.`);
      return 0;
    }
    const role = ROLES[values.role?.toUpperCase() ?? ""];
    const partitionId = values.partition === undefined ? null : parseId(values.partition);
    const expiresAt = values.expires === undefined ? null : new Date(values.expires);
    const ips = values["allow-ip"] ?? [];
    if (!values.name?.trim()) return fail("create needs --name.");
    if (!role) return fail("create needs --role READ_ONLY, OPERATOR or ADMIN.");
    if (partitionId === undefined) return fail("--partition must be a partition id.");
    if (expiresAt && Number.isNaN(expiresAt.getTime())) return fail("--expires must be an ISO date, e.g. 2027-01-31.");
    const badIp = ips.find((ip) => !isIpOrCidr(ip));
    if (badIp) return fail(`--allow-ip ${badIp} is not an IP address or CIDR network.`);
    const { row, key } = await createApiKey(database.db, { name: values.name.trim(), role, partitionId, allowedIps: ips, expiresAt });
    console.log(`Created API key ${row.id} (${role.toUpperCase()}, partition ${partitionId ?? "all"}). It is shown only now:\n\n${key}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : error);
    process.exit(1);
  },
);
