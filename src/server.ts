import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { runWithQueryStats, type QueryStats } from "./db/query-stats.js";
import type { Logger } from "./logger.js";
import { createLoaders, type Context } from "./context.js";
import { buildGatewaySchema } from "./schema/build.js";
import { requestLoggingPlugin } from "./request-logging.js";

export interface GatewayServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** Stops accepting requests, waits for in-flight ones (up to the shutdown timeout). Leaves the database open. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Pick<Config, "HOST" | "PORT" | "NODE_ENV" | "SHUTDOWN_TIMEOUT_MS">;
  logger: Logger;
  database: Database;
}

const READY_TIMEOUT_MS = 2_000;

export async function startServer({ config, logger, database }: ServerOptions): Promise<GatewayServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const production = config.NODE_ENV === "production";

  const apollo = new ApolloServer<Context>({
    schema: buildGatewaySchema(),
    introspection: !production,
    // main.ts owns shutdown (drain, then close the database); Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_TIMEOUT_MS }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false, includeCookies: false }),
      requestLoggingPlugin(),
      // No cache hints are set; the default plugin would still wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
    ],
    logger,
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await withTimeout(database.ping(), READY_TIMEOUT_MS);
      res.json({ status: "ready", database: database.kind });
    } catch (error) {
      logger.warn({ err: error }, "readiness check failed");
      res.status(503).json({ status: "unavailable", database: database.kind, reason: "database does not answer" });
    }
  });

  app.use(
    "/graphql",
    (req, res, next) => {
      const requestId = req.get("x-request-id")?.slice(0, 128) || randomUUID();
      res.setHeader("x-request-id", requestId);
      const stats: QueryStats = { statements: 0 };
      res.locals.requestId = requestId;
      res.locals.queryStats = stats;
      // Every statement run while serving this request is counted against it, however deep the resolvers.
      runWithQueryStats(stats, next);
    },
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<Context> => ({
        db: database.db,
        actor: null,
        loaders: createLoaders(database.db),
        requestId: res.locals.requestId as string,
        logger: logger.child({ requestId: res.locals.requestId }),
        queryStats: res.locals.queryStats as QueryStats,
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;

  return {
    url: `http://${host}:${port}`,
    stop: () => apollo.stop(),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
