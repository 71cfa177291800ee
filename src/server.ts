import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import type { GraphQLError } from "graphql";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { runInRequest, type RequestState } from "./request-state.js";
import type { Logger } from "./logger.js";
import { createLoaders, type Context } from "./context.js";
import { buildGatewaySchema } from "./schema/build.js";
import { requestLoggingPlugin } from "./request-logging.js";
import { unauthenticated } from "./auth.js";
import { errorMaskingPlugin } from "./error-masking.js";
import { queryCostLimit, queryShapeLimits, RateLimiter } from "./limits.js";
import { authenticate } from "./modules/api-key/api-key.service.js";
import { corsMiddleware, CSRF_PREFLIGHT_HEADERS } from "./http/cors.js";
import { trustedDocuments } from "./graphql/trusted-documents.js";

export interface GatewayServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** Stops accepting requests, waits for in-flight ones (up to the shutdown timeout). Leaves the database open. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  logger: Logger;
  database: Database;
}

const READY_TIMEOUT_MS = 2_000;

export async function startServer({ config, logger, database }: ServerOptions): Promise<GatewayServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const production = config.NODE_ENV === "production";
  const shapeLimits = queryShapeLimits(config);
  const rateLimiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const trusted = trustedDocuments(config);

  const apollo = new ApolloServer<Context>({
    schema: buildGatewaySchema(),
    introspection: config.ENABLE_INTROSPECTION ?? !production,
    includeStacktraceInErrorResponses: !production,
    // main.ts owns shutdown (drain, then close the database); Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    csrfPrevention: { requestHeaders: CSRF_PREFLIGHT_HEADERS },
    validationRules: shapeLimits.validationRules,
    plugins: [
      // graphql-armor's typings name Apollo's CJS build, ours the ESM one: the same plugin objects.
      ...(shapeLimits.plugins as unknown as ApolloServerPlugin<Context>[]),
      queryCostLimit(config),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_TIMEOUT_MS }),
      (config.ENABLE_SANDBOX ?? !production)
        ? ApolloServerPluginLandingPageLocalDefault({ footer: false, includeCookies: false })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      requestLoggingPlugin(),
      errorMaskingPlugin(production),
      // No cache hints are set; the default plugin would still wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
    ],
    logger,
  });
  await apollo.start();

  app.disable("x-powered-by");
  // Behind N trusted proxies, req.ip is the address the Nth one saw (X-Forwarded-For); else the socket's.
  app.set("trust proxy", config.TRUST_PROXY_HOPS);
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
    corsMiddleware(config, logger),
    (req, res, next) => {
      const requestId = req.get("x-request-id")?.slice(0, 128) || randomUUID();
      res.setHeader("x-request-id", requestId);
      const state: RequestState = { statements: 0, partitionId: null };
      res.locals.requestId = requestId;
      res.locals.state = state;
      // Everything run while serving this request sees its state: statement count, partition scope.
      runInRequest(state, next);
    },
    express.json({ limit: config.MAX_BODY_BYTES }),
    trusted.resolve,
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const state = res.locals.state as RequestState;
        const ip = req.ip ?? req.socket.remoteAddress ?? "";
        // Refused requests never reach the request-logging plugin: they are logged here, for access audits.
        const refuse = (error: GraphQLError, apiKeyId?: number) => {
          logger.warn({ requestId: res.locals.requestId, ip, apiKeyId, code: error.extensions.code, reason: error.message }, "request refused");
          return error;
        };
        const auth = await authenticate(database.db, req.get("x-api-key"), ip);
        if (!auth.ok) throw refuse(unauthenticated(auth.message));
        const retryAfter = rateLimiter.take(auth.key.id);
        if (retryAfter !== undefined) throw refuse(rateLimiter.refusal(retryAfter), auth.key.id);
        const untrusted = trusted.refusal(req, auth.key);
        if (untrusted) throw refuse(untrusted, auth.key.id);
        state.partitionId = auth.key.partitionId;
        return {
          db: database.db,
          apiKey: auth.key,
          actor: String(auth.key.id),
          loaders: createLoaders(database.db),
          requestId: res.locals.requestId as string,
          logger: logger.child({ requestId: res.locals.requestId, apiKeyId: auth.key.id }),
          request: state,
        };
      },
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
