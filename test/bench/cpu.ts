import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * CPU time the server process and the local Postgres processes spend over a measured run, read from
 * Linux's /proc. Steadier than requests/s on a shared machine, and it shows which side a page costs.
 */
const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** utime + stime of one process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function ticks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the process ended
  }
}

function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += ticks(Number(entry));
    } catch {
      // gone between listing and reading
    }
  }
  return total;
}

/** Starts measuring; `perRequest` gives milliseconds of CPU per request, or "n/a" where it can't be read. */
export function cpuMeter(serverPid: number | undefined, localPostgres: boolean) {
  const supported = existsSync("/proc/self/stat") && serverPid !== undefined;
  const server0 = supported ? ticks(serverPid) : 0;
  const postgres0 = supported && localPostgres ? postgresTicks() : 0;
  const perRequest = (ticksUsed: number, requests: number) =>
    requests > 0 ? Math.round(((ticksUsed * 1000) / TICKS_PER_SECOND / requests) * 100) / 100 : "n/a";
  return {
    perRequest(requests: number): { server: number | string; postgres: number | string } {
      if (!supported) return { server: "n/a", postgres: "n/a" };
      return {
        server: perRequest(ticks(serverPid) - server0, requests),
        postgres: localPostgres ? perRequest(postgresTicks() - postgres0, requests) : "n/a",
      };
    },
  };
}
