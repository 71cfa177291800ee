import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CurrenciesDocument } from "./gql/graphql.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

const logLines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
    done();
  },
});

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ logger: pino({ level: "info" }, sink) });
});
afterAll(() => gw?.stop());

describe("health, readiness and request logs", () => {
  it("serves { __typename } on POST /graphql", async () => {
    const response = await gw.post({ query: "{ __typename }" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("serves the Sandbox landing page on GET /graphql outside production", async () => {
    const response = await fetch(`${gw.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<html");
  });

  it("logs one JSON line per request with request id, operation, duration, outcome and SQL count", async () => {
    const response = await gw.post(
      { query: "query CurrencyPage { currencies(first: 2) { nodes { code } } }", operationName: "CurrencyPage" },
      { "x-request-id": "req-test-1" },
    );
    expect(response.headers.get("x-request-id")).toBe("req-test-1");
    await new Promise((resolve) => setImmediate(resolve));
    const line = logLines.find((l) => l.requestId === "req-test-1");
    // The API key lookup, then the page.
    expect(line).toMatchObject({ msg: "graphql request", operationName: "CurrencyPage", outcome: "ok", sqlStatements: 2 });
    expect(typeof line?.durationMs).toBe("number");
  });

  it("logs the outcome of a failing request as a client error with its code", async () => {
    await gw.post({ query: "{ currencies(first: 1000) { nodes { code } } }" }, { "x-request-id": "req-test-2" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logLines.find((l) => l.requestId === "req-test-2")).toMatchObject({ outcome: "client_error", errorCodes: ["BAD_USER_INPUT"] });
  });

  it("routes by path alone: /graphql with a query string or a trailing slash, probes on GET and HEAD, JSON 404 elsewhere", async () => {
    const slash = await fetch(`${gw.url}/graphql/?x=1`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": gw.adminKey }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(await slash.json()).toEqual({ data: { __typename: "Query" } });
    const head = await fetch(`${gw.url}/healthz`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const [method, path] of [["POST", "/healthz"], ["DELETE", "/readyz"], ["GET", "/graphql/extra"], ["GET", "//graphql"], ["GET", "/"]]) {
      const response = await fetch(`${gw.url}${path}?q=1`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json()).toEqual({ errors: [{ message: `Nothing at ${method} ${path}; the API is at /graphql.`, extensions: { code: "NOT_FOUND" } }] });
    }
  });

  it("reports healthy and ready while the database answers", async () => {
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    dataOf(await gw.request(CurrenciesDocument, { first: 1 }));
  });

  it("stays healthy but turns unready when the database is down", async () => {
    await gw.database.close();
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable" });
  });
});
