import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import http from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startGatewayProcess, waitForUrl } from "./support/process.js";

/** The real entrypoint as `npm start` runs it, on an embedded database in a temporary data dir. */
const KEY = "process-test-bootstrap-key-0123456789";

/** How the server can be started besides the default (tsx): as an operator would. */
const NPM_START = ["npm", "start"];
const COMPILED = [process.execPath, "dist/main.js"];

const startProcess = (env: Record<string, string>, command?: string[]) => startGatewayProcess({ BOOTSTRAP_API_KEY: KEY, ...env }, command);

const dataDir = mkdtempSync(path.join(tmpdir(), "gateway-data-"));
const running: ChildProcess[] = [];
afterAll(() => {
  running.forEach((c) => c.kill("SIGKILL"));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the server process", () => {
  /** Sends SIGTERM (to the started process: npm itself for `npm start`) while a request is in flight. */
  async function drainsOnSigterm(proc: ReturnType<typeof startProcess>) {
    const url = await waitForUrl(proc);
    // Headers first, body after the signal: the request is surely in flight when SIGTERM arrives.
    const body = JSON.stringify({ query: "{ currencies(first: 100) { totalCount } }" });
    const request = http.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-api-key": KEY },
    });
    const response = new Promise<string>((resolve, reject) => {
      request.on("response", (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve(text));
      });
      request.on("error", reject);
    });
    request.flushHeaders();
    request.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    proc.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    request.end(body.slice(10));
    expect(JSON.parse(await response)).toMatchObject({ data: { currencies: { totalCount: 30 } } });
    expect(await proc.exited).toBe(0);
    expect(proc.lines.some((l) => l.includes("stopped cleanly"))).toBe(true);
    // Nothing is left serving once the started process has exited.
    await expect(fetch(url, { method: "POST" })).rejects.toThrow();
    return url;
  }

  it("starts on the embedded database, logs where data lives and how long the start took, and drains an in-flight request on SIGTERM", async () => {
    const proc = startProcess({ DATA_DIR: dataDir });
    running.push(proc.child);
    await drainsOnSigterm(proc);
    expect(proc.lines.some((l) => l.includes(path.join(dataDir, "pglite")))).toBe(true);
    const started = proc.lines.map((l) => JSON.parse(l) as { startupMs?: number }).find((l) => l.startupMs !== undefined);
    expect(started?.startupMs).toBeGreaterThan(0);
  });

  it("passes SIGTERM sent to `npm start` on to the server, which drains and exits 0", async () => {
    const proc = startProcess({ DATA_DIR: dataDir }, NPM_START);
    running.push(proc.child);
    await drainsOnSigterm(proc);
  });

  it("builds to plain JavaScript with `npm run build` and runs it with node alone, no tsx", { timeout: 120_000 }, async () => {
    const build = spawnSync("npm", ["run", "build"], { encoding: "utf8" });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    const proc = startProcess({ DATA_DIR: dataDir }, COMPILED);
    running.push(proc.child);
    await drainsOnSigterm(proc);
  });

  it("runs the rate notification worker when a webhook is configured, and still stops cleanly on SIGTERM", async () => {
    const proc = startProcess({ DATA_DIR: dataDir, NOTIFY_WEBHOOK_URL: "http://127.0.0.1:9/hooks", NOTIFY_WEBHOOK_SECRET: "process-test-webhook-secret", NOTIFY_POLL_INTERVAL_MS: "20" });
    running.push(proc.child);
    await waitForUrl(proc);
    expect(proc.lines.some((l) => l.includes("rate notification worker started") && l.includes('"webhook":"http://127.0.0.1:9/hooks"'))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(proc.lines.some((l) => l.includes("stopped cleanly"))).toBe(true);
  });

  it("reopens the same data directory after a clean stop", async () => {
    const proc = startProcess({ DATA_DIR: dataDir });
    running.push(proc.child);
    await waitForUrl(proc);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  });

  it("refuses to start with a bad setting and says which", async () => {
    const proc = startProcess({ DATA_DIR: dataDir, PORT: "99999", DATABASE_URL: "mysql://nope" });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toMatch(/Invalid configuration/);
    expect(proc.stderr()).toMatch(/PORT/);
    expect(proc.stderr()).toMatch(/DATABASE_URL/);
  });
});

/** Runs a CLI the way npm scripts do, and returns its exit code and output. */
function runCli(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) => child.on("exit", (code) => resolve({ code, out })));
}

describe("API keys from the command line and on first start", () => {
  const firstStartDir = mkdtempSync(path.join(tmpdir(), "gateway-first-"));
  afterAll(() => rmSync(firstStartDir, { recursive: true, force: true }));

  it("prints a working ADMIN key on the first embedded start, and only then", async () => {
    const first = startProcess({ DATA_DIR: firstStartDir, BOOTSTRAP_API_KEY: "" });
    running.push(first.child);
    const url = await waitForUrl(first);
    const key = first.lines.map((l) => /X-Api-Key: (bgw_\S+)/.exec(l)?.[1]).find(Boolean);
    expect(key).toBeDefined();
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key! }, body: JSON.stringify({ query: "{ clients(first: 1) { totalCount } }" }) });
    expect(await response.json()).toEqual({ data: { clients: { totalCount: 20 } } });
    first.child.kill("SIGTERM");
    await first.exited;

    const second = startProcess({ DATA_DIR: firstStartDir, BOOTSTRAP_API_KEY: "" });
    running.push(second.child);
    await waitForUrl(second);
    expect(second.lines.some((l) => l.includes("X-Api-Key:"))).toBe(false);
    second.child.kill("SIGTERM");
    await second.exited;
  });

  it("refuses a second process on the embedded database at once, saying what to do, and takes over a stale lock", async () => {
    const cli = "src/modules/api-key/api-key.cli.ts";
    const server = startProcess({ DATA_DIR: firstStartDir });
    running.push(server.child);
    await waitForUrl(server);
    const refused = await runCli(cli, ["list"], { DATA_DIR: firstStartDir });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`in use by process ${server.child.pid}`);
    expect(refused.out).toMatch(/apiKeyCreate/);
    const second = startProcess({ DATA_DIR: firstStartDir });
    running.push(second.child);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`in use by process ${server.child.pid}`);
    server.child.kill("SIGKILL");
    await server.exited;
    // The killed server left its lock behind: its pid is dead, so the next process takes the lock over.
    expect(readFileSync(path.join(firstStartDir, "pglite.lock"), "utf8")).toBe(String(server.child.pid));
    expect((await runCli(cli, ["list"], { DATA_DIR: firstStartDir })).code).toBe(0);
    expect(existsSync(path.join(firstStartDir, "pglite.lock"))).toBe(false);
  });

  it("creates, lists and revokes keys with npm run apikey", async () => {
    const env = { DATA_DIR: firstStartDir };
    const cli = "src/modules/api-key/api-key.cli.ts";
    const created = await runCli(cli, ["create", "--name", "billing robot", "--role", "OPERATOR", "--allow-ip", "10.0.0.0/8"], env);
    expect(created.code).toBe(0);
    const [, id, key] = /Created API key (\d+)[\s\S]*?(bgw_\S+)/.exec(created.out) ?? [];
    expect(key).toBeDefined();
    expect((await runCli(cli, ["list"], env)).out).toMatch(new RegExp(`^${id}\\t${key!.slice(0, 12)}…\\tOPERATOR\\tpartition=all\\tips=10.0.0.0/8\\texpires=never\\tactive\\tbilling robot$`, "m"));
    expect((await runCli(cli, ["revoke", id!], env)).out).toMatch(`API key ${id} revoked.`);
    expect((await runCli(cli, ["list"], env)).out).toMatch(new RegExp(`^${id}\\t.*\\trevoked\\tbilling robot$`, "m"));
    const bad = await runCli(cli, ["create", "--name", "x", "--role", "ROOT"], env);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/--role READ_ONLY, OPERATOR or ADMIN/);
  });
});
