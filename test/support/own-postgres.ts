import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A Postgres cluster of the test's own, to stop and start for fault tests: the shared server on 5432 is
 * never touched. It needs the server binaries (Debian's postgresql package) and, as root, the postgres
 * user to run them (Postgres refuses to run as root).
 */
export interface OwnPostgres {
  url: string;
  start(): void;
  /** Stops the server at once (as a crash or an operator would), dropping every connection. */
  stop(): void;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server and its backends: connections stay open but nothing answers. */
  freeze(frozen: boolean): void;
  destroy(): void;
}

const BIN = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"].find((dir) => existsSync(`${dir}/pg_ctl`));

/** Why an own cluster cannot run here, or undefined when it can. */
export function ownPostgresUnavailable(): string | undefined {
  if (!BIN) return "no Postgres server binaries (apt-get install postgresql)";
  return noUserToRunAs();
}

/** Postgres and PgBouncer refuse to run as root: as root, a reason when there is no postgres user to run them as. */
export function noUserToRunAs(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    execFileSync("id", ["postgres"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "running as root without a postgres user to run the server as";
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "gateway-pg-"));
  if (root) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const run = (tool: string, args: string[]) =>
    root ? execFileSync("runuser", ["-u", "postgres", "--", `${BIN}/${tool}`, ...args], { stdio: "pipe" }) : execFileSync(`${BIN}/${tool}`, args, { stdio: "pipe" });
  const port = await freePort();
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const start = () =>
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: () => run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]),
    freeze(frozen) {
      const postmaster = readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]!;
      const children = execFileSync("pgrep", ["-P", postmaster]).toString().trim().split("\n");
      for (const pid of [postmaster, ...children]) process.kill(Number(pid), frozen ? "SIGSTOP" : "SIGCONT");
    },
    destroy() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
