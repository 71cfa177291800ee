import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, noUserToRunAs } from "./own-postgres.js";

/** A PgBouncer of the test's own (Debian's pgbouncer package), in transaction mode, in front of one database. */
export interface OwnPgBouncer {
  /** The URL clients connect to: the pooler, database "gw". */
  url: string;
  stop(): Promise<void>;
}

const BINARY = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((file) => existsSync(file));

/** Why PgBouncer cannot run here, or undefined when it can. */
export function pgBouncerUnavailable(): string | undefined {
  if (!BINARY) return "no pgbouncer binary (apt-get install pgbouncer)";
  return noUserToRunAs();
}

/**
 * Starts PgBouncer (pool_mode=transaction) for `databaseUrl`. The gateway's connection settings go in
 * connect_query, as the README tells operators to do. As root it runs as the postgres user (PgBouncer
 * refuses to run as root).
 */
export async function startPgBouncer(databaseUrl: string, poolSize = 4): Promise<OwnPgBouncer> {
  const target = new URL(databaseUrl);
  const dir = mkdtempSync(path.join(tmpdir(), "gateway-pgbouncer-"));
  const port = await freePort();
  const user = decodeURIComponent(target.username || "postgres");
  const server = [
    `host=${target.hostname}`,
    `port=${target.port || 5432}`,
    `dbname=${target.pathname.slice(1)}`,
    `user=${user}`,
    ...(target.password ? [`password=${decodeURIComponent(target.password)}`] : []),
    `connect_query='SET jit = off; SET statement_timeout = 15000'`,
  ].join(" ");
  writeFileSync(path.join(dir, "userlist.txt"), `"${user}" ""\n`);
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `gw = ${server}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      "max_client_conn = 500",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  // As root, the postgres user owns its files and runs it (spawned directly, so signals reach it).
  const owner = process.getuid?.() === 0 ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) } : {};
  if (owner.uid !== undefined) for (const file of [dir, path.join(dir, "userlist.txt"), path.join(dir, "pgbouncer.ini")]) chownSync(file, owner.uid, owner.gid);
  const child: ChildProcess = spawn(BINARY!, [path.join(dir, "pgbouncer.ini")], { stdio: "ignore", ...owner });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; ; i++) {
    const listening = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (listening) break;
    if (i > 50 || child.exitCode !== null) throw new Error(`pgbouncer did not start (see ${dir}/pgbouncer.log)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = new URL(databaseUrl);
  url.port = String(port);
  url.hostname = "127.0.0.1";
  url.password = "";
  url.pathname = "/gw";
  return {
    url: url.toString(),
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
