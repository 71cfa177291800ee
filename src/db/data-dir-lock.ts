import { readFileSync, rmSync, writeFileSync } from "node:fs";

/** Another live process owns the embedded database: opening it too would fork its state. */
export class DataDirInUseError extends Error {}

/**
 * Makes this process the only owner of an embedded (PGlite) data directory, through `<dir>.lock` holding
 * the owner's pid. PGlite keeps its state in memory and writes it back on its own: a second process on the
 * same directory (an `npm run apikey` beside the server) would see a stale copy and overwrite the other's
 * writes. A lock whose process is gone (a crash, a kill -9) is taken over; so is one holding this process's
 * own pid, which after a container restart is a previous life's. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => {
        if (ownerOf(lockPath) === process.pid) rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = ownerOf(lockPath);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new DataDirInUseError(
        `The embedded database in ${dataDir} is in use by process ${owner} (a running gateway?). ` +
          `Only one process may open it. While the server runs, manage API keys through the API ` +
          `(apiKeyCreate, apiKeys, apiKeyRevoke); otherwise stop that process first. ` +
          `If no such process exists, delete ${lockPath}.`,
      );
    }
    // Stale: its owner is gone. Only one of two processes taking it over at once wins the next `wx` write.
    rmSync(lockPath, { force: true });
  }
  throw new DataDirInUseError(`Could not take the lock ${lockPath}: another process took it over at the same moment. Try again.`);
}

function ownerOf(lockPath: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
