import { spawn } from "node:child_process";

/** From the sources with tsx, as `npm start` runs it; other commands (npm start, dist/main.js) can be given. */
export const TSX = [process.execPath, "--import", "tsx", "src/main.ts"];

/** A gateway process on a free port of 127.0.0.1, its JSON log lines collected as they come. */
export function startGatewayProcess(env: Record<string, string>, [command, ...args] = TSX) {
  const child = spawn(command!, args, {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => lines.push(...d.toString().split("\n").filter(Boolean)));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, exited, stderr: () => stderr };
}

/** The URL the process logs once it serves; throws when it exits or takes over 30 s. */
export async function waitForUrl(proc: { lines: string[]; exited: Promise<unknown>; stderr(): string }): Promise<string> {
  let exited = false;
  void proc.exited.then(() => (exited = true));
  for (let i = 0; i < 300 && !exited; i++) {
    // The log is JSON: read the structured `url` of the "GraphQL API at" line.
    const line = proc.lines.find((l) => l.includes("GraphQL API at"));
    if (line) return (JSON.parse(line) as { url: string }).url;
    await Promise.race([new Promise((r) => setTimeout(r, 100)), proc.exited]);
  }
  throw new Error(`server did not start:\n${proc.lines.join("\n")}\n${proc.stderr()}`);
}
