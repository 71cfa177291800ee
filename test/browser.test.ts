import "reflect-metadata";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { eq } from "drizzle-orm";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { accounts } from "../src/db/schema.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import { AccountCreateDocument, RateCreateDocument } from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

const CHROMIUM = "/usr/bin/chromium";
/** Debian's Chromium; without the network switches the closed network floods it with refused connections. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const EXAMPLE = resolve("examples/web");
/** Written by `npm run codegen` (run by `npm test`), like a frontend's build writes it. */
const MANIFEST = join(EXAMPLE, "src/gql/persisted-documents.json");
const SCREENSHOTS = resolve("test-results/browser");

const installed = existsSync(CHROMIUM);
const skip = !installed && !process.env.CI;
if (skip) {
  console.warn(`Skipping the browser test: no Chromium at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);
}

/** The built example on its own origin: a minimal static file server on another port. */
async function serveStatic(root: string): Promise<{ port: number; close(): Promise<void> }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = resolve(root, `.${path === "/" ? "/index.html" : decodeURIComponent(path)}`);
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": `${types[extname(file)] ?? "application/octet-stream"}; charset=utf-8` }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((done) => server.close(() => done())) };
}

/** Builds the example as a frontend team would ship it, for this gateway and key (Vite reads VITE_* from the environment). */
async function buildExample(outDir: string, env: { VITE_GATEWAY_URL: string; VITE_API_KEY: string }): Promise<void> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await build({ root: EXAMPLE, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    for (const name of Object.keys(env)) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

describe.skipIf(skip)(`the example frontend in Chromium, on another origin (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  let gw: TestGateway;
  let w: World;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let origin: string;
  let browser: BrowserContext;
  let page: Page;
  let key: string;
  const accountIds: Record<string, string> = {};
  const temp = mkdtempSync(join(tmpdir(), "browser-test-"));
  /** Every request the page made to the gateway. */
  const sent: { method: string; url: string; body: string | null }[] = [];
  /** The pages' console messages and uncaught errors, printed when a test fails. */
  const consoleLines: string[] = [];

  beforeAll(async () => {
    if (!installed) throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs it (apt-get update && apt-get install -y chromium).`);
    if (!existsSync(MANIFEST)) throw new Error(`${MANIFEST} is missing: run npm run codegen first.`);
    const dist = join(temp, "dist");
    site = await serveStatic(dist);
    origin = `http://127.0.0.1:${site.port}`;
    gw = await startTestGateway({
      // The admin bypass is for this setup's own raw mutations; the page's OPERATOR key never bypasses.
      env: { CORS_ORIGINS: origin, TRUSTED_DOCUMENTS: MANIFEST, TRUSTED_DOCUMENTS_ADMIN_BYPASS: "true" },
    });
    w = await insertWorld(gw.database.db, "Web");
    for (const name of ["web-1", "web-2"]) {
      const created = dataOf(
        await gw.request(AccountCreateDocument, {
          input: { clientId: w.clientA, name, identification: { authType: "NAME", authName: name }, origination: { enabled: true, rateTableIds: [w.rateTableA1] } },
        }),
      ).accountCreate;
      expect(created.userErrors).toEqual([]);
      accountIds[name] = created.account!.id;
    }
    const rates = dataOf(
      await gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableA1, code: "49,4915", effectiveFrom: "2020-01-01T00:00:00Z", value: "0.2" } }),
    ).rateCreate;
    expect(rates.userErrors).toEqual([]);
    // A key made for this frontend, as the README recommends: OPERATOR, confined to its partition.
    key = (await createApiKey(gw.database.db, { name: "example web", role: "operator", partitionId: Number(w.partitionA) })).key;
    await buildExample(dist, { VITE_GATEWAY_URL: `${gw.url}/graphql`, VITE_API_KEY: key });

    browser = await chromium.launchPersistentContext(join(temp, "profile"), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = browser.pages()[0] ?? (await browser.newPage());
    browser.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    browser.on("weberror", (error) => consoleLines.push(`uncaught: ${error.error().message}`));
    page.on("request", (request) => {
      if (request.url().startsWith(gw.url)) sent.push({ method: request.method(), url: request.url(), body: request.postData() });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await gw?.stop();
    rmSync(temp, { recursive: true, force: true });
  });

  /** On failure, a screenshot of the page to look at, and where it is. */
  function screenshotOnFailure(name: string) {
    onTestFailed(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      console.error(`Screenshot of the failed browser test: ${path}\nThe page's console:\n${consoleLines.join("\n")}`);
    });
  }

  it("lists the key's clients with their accounts and rate tables", async () => {
    screenshotOnFailure("client-list");
    await page.goto(`${origin}/`);
    await page.locator("#clients").waitFor();
    const rows = await page.locator("#clients tbody tr").allTextContents();
    // Partition A's two clients; partition B's client is outside the key's partition.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Web client A0(\.0+)? USD.*web-1: 0(\.0+)? USD, Web rates A1 Edit.*web-2: /);
    expect(rows[1]).toMatch(/^Web other client A0(\.0+)? USDno accounts$/);
    expect(await page.locator("#clients-status").textContent()).toBe("2 clients");
  });

  it("shows accountUpdate's userErrors by their field, writes nothing, then saves a valid change", async () => {
    screenshotOnFailure("account-form");
    await page.locator("li", { hasText: "web-1:" }).getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Min balance").fill("10");
    await page.getByLabel("Max balance").fill("5");
    await page.getByRole("button", { name: "Save" }).click();
    const maxError = page.locator('[data-error-for="maxBalance"]');
    await expect.poll(() => maxError.textContent()).toMatch(/\(INVALID\)$/);
    const [before] = await gw.database.db.select().from(accounts).where(eq(accounts.id, Number(accountIds["web-1"])));
    expect(Number(before!.maxBalance)).not.toBe(5);

    await page.getByLabel("Max balance").fill("500.25");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("#account-status").textContent()).toMatch(/^Saved web-1: balance between 10(\.0+)? and 500\.25(0*)\.$/);
    expect(await maxError.textContent()).toBe("");
    const [after] = await gw.database.db.select().from(accounts).where(eq(accounts.id, Number(accountIds["web-1"])));
    expect(Number(after!.maxBalance)).toBe(500.25);
  });

  it("quotes a call with rateQuote", async () => {
    screenshotOnFailure("rate-quote");
    await page.getByLabel("Account").selectOption({ label: "web-2" });
    await page.getByLabel("Dialled number").fill("4915112345678");
    await page.getByLabel("Duration (s)").fill("90");
    await page.getByRole("button", { name: "Quote" }).click();
    // 0.2 per minute for 90 s, billed per second: 0.3.
    await expect.poll(() => page.locator("#quote-result").textContent()).toMatch(/^4915112345678: code 4915, 90 s billed at 0\.2\d*\/min, cost 0\.30*$/);
  });

  it("sent document ids only: queries as GET, the mutation as POST, never a query text", () => {
    const queries = sent.filter((r) => r.method === "GET");
    const mutations = sent.filter((r) => r.method === "POST");
    // The client list twice (after the save too) and the quote; the refused and the saved update.
    expect(queries).toHaveLength(3);
    expect(mutations).toHaveLength(2);
    const hashOf = (extensions: unknown) => (extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery.sha256Hash;
    for (const request of queries) {
      const params = new URL(request.url).searchParams;
      expect(hashOf(JSON.parse(params.get("extensions")!))).toMatch(/^[0-9a-f]{64}$/);
      expect(params.has("query")).toBe(false);
    }
    for (const request of mutations) {
      const body = JSON.parse(request.body!) as { query?: string; extensions: unknown };
      expect(body.query).toBeUndefined();
      expect(hashOf(body.extensions)).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("cannot run an untrusted document, and reads the refusal thanks to CORS", async () => {
    screenshotOnFailure("untrusted");
    const answer = await page.evaluate(
      async ({ url, apiKey }) => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": apiKey },
          body: JSON.stringify({ query: "{ clients(first: 100) { nodes { name } } }" }),
        });
        return { status: response.status, body: (await response.json()) as { errors: { extensions: { code: string } }[] } };
      },
      { url: `${gw.url}/graphql`, apiKey: key },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_TRUSTED");
  });

  it("fails on an origin not in CORS_ORIGINS, and the gateway logs it", async () => {
    screenshotOnFailure("other-origin");
    // Another host name is another origin, though the same server.
    const elsewhere = `http://localhost:${site.port}`;
    const other = await browser.newPage();
    try {
      await other.goto(`${elsewhere}/`);
      await expect.poll(() => other.locator("#clients-status").textContent()).toMatch(/^Network error: /);
    } finally {
      await other.close();
    }
    expect(gw.logLines.find((l) => l.msg === "cross-origin request refused: origin not in CORS_ORIGINS" && l.origin === elsewhere)).toBeDefined();
  });
});
