import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { print, type ExecutionResult } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import postgres from "postgres";
import { pino, type Logger } from "pino";
import { loadConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createApiKey } from "../../src/modules/api-key/api-key.service.js";
import { startServer, type GatewayServer } from "../../src/server.js";

/** Requests made with one API key. */
export interface Requester {
  /** Runs a typed document through the real HTTP endpoint. */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...variables: {} extends TVariables ? [variables?: TVariables] : [variables: TVariables]
  ): Promise<ExecutionResult<TResult>>;
  /** Runs a raw body (for malformed or hand-written requests). */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export interface TestGateway extends Requester {
  url: string;
  database: Database;
  /** The Postgres database made for this gateway; undefined on PGlite. Another instance may open it too. */
  databaseUrl: string | undefined;
  server: GatewayServer;
  /** Every JSON log line the server wrote. */
  logLines: Record<string, unknown>[];
  /** An unconfined ADMIN key, sent by default. */
  adminKey: string;
  /** The same requests with another key (null: none). */
  withKey(key: string | null): Requester;
  /** Runs a typed document and reports how many SQL statements the server ran for it. */
  measure<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<{ result: ExecutionResult<TResult>; statements: number }>;
  stop(): Promise<void>;
}

/**
 * A real gateway on an ephemeral port: on a fresh Postgres database created from DATABASE_URL when it is
 * set (dropped afterwards), else on an in-memory PGlite. Migrated like `npm start` does.
 */
export async function startTestGateway(
  options: { logger?: Logger; env?: Record<string, string>; /** A database of the test's own, used as is. */ databaseUrl?: string } = {},
): Promise<TestGateway> {
  const { databaseUrl, dropDatabase } = options.databaseUrl ? { databaseUrl: options.databaseUrl, dropDatabase: async () => {} } : await freshDatabase();
  // Request log lines, read back by measure(); printed too when TEST_LOG_LEVEL asks for it.
  const requestLogs = new Map<string, { sqlStatements: number }>();
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString()) as { requestId?: string; sqlStatements?: number };
      logLines.push(line);
      if (line.requestId && line.sqlStatements !== undefined) requestLogs.set(line.requestId, { sqlStatements: line.sqlStatements });
      if (process.env.TEST_LOG_LEVEL) process.stdout.write(chunk);
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    SHUTDOWN_TIMEOUT_MS: "1000",
    DATA_DIR: "memory://",
    RATE_LIMIT_PER_MINUTE: "1000000",
    // Every request looks its key up, so statement counts and revocations do not depend on timing;
    // test/api-key-cache.test.ts turns the cache on.
    API_KEY_CACHE_SECONDS: "0",
    ...options.env,
  });
  const database = openDatabase({
    databaseUrl,
    dataDir: "memory://",
    migrationsDir: "drizzle",
    poolMax: 5,
    statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
  });
  await database.migrate();
  const { key: adminKey } = await createApiKey(database.db, { name: "test admin", role: "admin" });
  const server = await startServer({
    config,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "info" }, sink),
    database,
  });

  const requester = (key: string | null): Requester => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
          ...(key === null ? {} : { "x-api-key": key }),
          ...headers,
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    return {
      post,
      async request(document, ...[variables]) {
        const response = await post({ query: print(document), variables });
        return (await response.json()) as ExecutionResult<never>;
      },
    };
  };
  const admin = requester(adminKey);
  const post = admin.post;

  return {
    url: server.url,
    database,
    databaseUrl,
    server,
    adminKey,
    logLines,
    withKey: requester,
    post,
    request: admin.request,
    async measure(document, variables) {
      const requestId = randomBytes(8).toString("hex");
      const response = await post({ query: print(document), variables }, { "x-request-id": requestId });
      const result = (await response.json()) as ExecutionResult<never>;
      // The log line is written as the response is sent; give the stream a turn to deliver it.
      for (let i = 0; i < 50 && !requestLogs.has(requestId); i++) await new Promise((r) => setTimeout(r, 10));
      const logged = requestLogs.get(requestId);
      if (!logged) throw new Error(`no request log line for ${requestId}`);
      return { result, statements: logged.sqlStatements };
    },
    async stop() {
      await server.stop();
      await database.close();
      await dropDatabase();
    },
  };
}

/** A fresh database on the DATABASE_URL server (dropped by the returned function), or none on PGlite. */
export async function freshDatabase(): Promise<{ databaseUrl: string | undefined; dropDatabase: () => Promise<void> }> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return { databaseUrl: undefined, dropDatabase: async () => {} };
  const name = `gateway_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dropDatabase: async () => {
      const cleanup = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Data or a failed assertion that shows the GraphQL errors. */
export function dataOf<T>(result: ExecutionResult<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
