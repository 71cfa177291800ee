import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";
import { loaderFactory, type Context } from "./context.js";
import { buildGatewaySchema } from "./schema/build.js";
import { requestLoggingPlugin } from "./request-logging.js";
import { mayDo, Permission, unauthenticated } from "./auth.js";
import { GatewayMetrics, metricsEndpoint } from "./metrics.js";
import { connectSharedState } from "./shared-state.js";
import { errorPolicyPlugin, formatError, internalError, statusOf, unavailable } from "./graphql/error-policy.js";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "./db/pg-errors.js";
import { clientIp, forwardedAddress } from "./http/client-ip.js";
import { jsonBodyReader } from "./http/json-body.js";
import { graphqlEndpoint } from "./http/graphql-endpoint.js";
import { sendJson } from "./http/json-errors.js";
import { routes, type Route } from "./http/routes.js";
import { bodySizeLimit, parseOptions, queryCostLimit, queryShapeLimits, RateLimiter } from "./limits.js";
import { ApiKeyAuthenticator, type Authentication } from "./modules/api-key/api-key.service.js";
import { deliverySettings, RateNotificationWorker } from "./modules/rate-notification/rate-notification.worker.js";
import { corsMiddleware, CSRF_PREFLIGHT_HEADERS } from "./http/cors.js";
import { trustedDocuments } from "./graphql/trusted-documents.js";
import { compiledExecutor } from "./graphql/compiled-executor.js";

export interface GatewayServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /**
   * Stops accepting requests, waits for in-flight ones (up to the shutdown timeout), then stops the rate
   * notification worker after its running round. Leaves the database open.
   */
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  logger: Logger;
  database: Database;
}

const READY_TIMEOUT_MS = 2_000;

export async function startServer({ config, logger, database }: ServerOptions): Promise<GatewayServer> {
  const httpServer = http.createServer();
  const production = config.NODE_ENV === "production";
  const shapeLimits = queryShapeLimits(config);
  const shared = config.REDIS_URL ? await connectSharedState(config.REDIS_URL, config.REDIS_KEY_PREFIX, logger) : undefined;
  const rateLimiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE, shared?.rateLimitCounter);
  const trusted = trustedDocuments(config);
  const apiKeys = new ApiKeyAuthenticator(database.db, config.API_KEY_CACHE_SECONDS);
  const createLoaders = loaderFactory(database.db);

  const apollo = new ApolloServer<Context>({
    gateway: compiledExecutor(buildGatewaySchema()),
    // Automatic persisted queries live here: in Redis, a document sent to one replica is known to all.
    cache: shared?.cache ?? "bounded",
    introspection: config.ENABLE_INTROSPECTION ?? !production,
    includeStacktraceInErrorResponses: !production,
    formatError: formatError(production),
    // main.ts owns shutdown (drain, then close the database); Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    csrfPrevention: { requestHeaders: CSRF_PREFLIGHT_HEADERS },
    validationRules: shapeLimits.validationRules,
    parseOptions: parseOptions(config),
    plugins: [
      // graphql-armor's typings name Apollo's CJS build, ours the ESM one: the same plugin objects.
      ...(shapeLimits.plugins as unknown as ApolloServerPlugin<Context>[]),
      queryCostLimit(config),
      bodySizeLimit(config),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_TIMEOUT_MS }),
      (config.ENABLE_SANDBOX ?? !production)
        ? ApolloServerPluginLandingPageLocalDefault({ footer: false, includeCookies: false })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      errorPolicyPlugin(),
      requestLoggingPlugin(),
      // No cache hints are set; the default plugin would still wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
    ],
    logger,
  });
  await apollo.start();

  const metrics = new GatewayMetrics(database);
  const hops = config.TRUST_PROXY_HOPS;
  const graphql = graphqlEndpoint({
    apollo,
    cors: corsMiddleware(config, logger),
    readBody: jsonBodyReader({
      maxBodyBytes: config.MAX_BODY_BYTES,
      maxImportBodyBytes: config.MAX_IMPORT_BODY_BYTES,
      async mayImport(req) {
        const ip = clientIp(forwardedAddress(req, hops));
        const auth = ip === undefined ? undefined : await apiKeys.authenticate(header(req, "x-api-key"), ip);
        return auth?.ok === true && mayDo(auth.key, Permission.GLOBAL);
      },
    }),
    trusted,
    metrics,
    logger,
    production,
    async context({ req, state, requestId, http: request }): Promise<Context> {
      // Behind N trusted proxies, the address the Nth one saw (X-Forwarded-For); else the socket's.
      const address = forwardedAddress(req, hops);
      const ip = clientIp(address);
      // Refused requests never reach the request-logging plugin: they are logged here, for access audits.
      const refuse = (error: GraphQLError, apiKeyId?: number) => {
        logger.warn({ requestId, ip: ip ?? address, apiKeyId, status: statusOf(error), code: error.extensions.code, reason: error.message }, "request refused");
        state.logged = true;
        return error;
      };
      if (ip === undefined) throw refuse(badRequest("The client address (X-Forwarded-For from a trusted proxy) is not an IP address."));
      const given = header(req, "x-api-key");
      let auth: Authentication;
      try {
        auth =
          apiKeys.remembered(given, ip) ??
          (await withTimeout(apiKeys.authenticate(given, ip), config.DATABASE_CONNECT_TIMEOUT_MS, () => new DatabaseUnavailableError("API key lookup timed out")));
      } catch (error) {
        // Raised before execution, so neither the plugins nor the masking of field errors see it.
        if (isDatabaseUnavailable(error)) throw refuse(unavailable());
        logger.error({ requestId, status: 500, code: "INTERNAL_SERVER_ERROR", err: error }, "unexpected error");
        state.logged = true;
        throw internalError(`Could not check the API key: ${(error as Error).message}`, requestId, production);
      }
      if (!auth.ok) throw refuse(unauthenticated(auth.message));
      const retryAfter = await rateLimiter.take(auth.key.id);
      if (retryAfter !== undefined) throw refuse(rateLimiter.refusal(retryAfter), auth.key.id);
      const untrusted = trusted.refusal(request!, auth.key);
      if (untrusted) throw refuse(untrusted, auth.key.id);
      state.partitionId = auth.key.partitionId;
      return {
        db: database.db,
        apiKey: auth.key,
        actor: String(auth.key.id),
        loaders: createLoaders(),
        requestId,
        logger: logger.child({ requestId, apiKeyId: auth.key.id }),
        request: state,
      };
    },
  });

  const table: Record<string, Route> = {
    "/graphql": { handler: graphql },
    "/healthz": { getOnly: true, handler: (_req, res) => sendJson(res, 200, { status: "ok" }) },
    "/readyz": {
      getOnly: true,
      async handler(_req, res) {
        try {
          await withTimeout(database.ping(), READY_TIMEOUT_MS);
          sendJson(res, 200, { status: "ready", database: database.kind });
        } catch (error) {
          logger.warn({ err: error }, "readiness check failed");
          sendJson(res, 503, { status: "unavailable", database: database.kind, reason: "database does not answer" });
        }
      },
    },
  };
  if (config.METRICS_ENABLED ?? (!production || config.METRICS_TOKEN !== undefined)) table["/metrics"] = { getOnly: true, handler: metricsEndpoint(metrics, config.METRICS_TOKEN) };
  httpServer.on("request", routes(table, logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;

  // Without a webhook URL nothing delivers: rate notifications stay PENDING and visible.
  const settings = deliverySettings(config);
  const worker = settings && new RateNotificationWorker(database.db, settings, logger.child({ component: "rate-notification-worker" }));
  worker?.start();
  logger.info({ webhook: settings ? redactedUrl(settings.url) : null }, settings ? "rate notification worker started" : "no NOTIFY_WEBHOOK_URL: rate notifications stay PENDING");

  return {
    url: `http://${host}:${port}`,
    stop: async () => {
      await apollo.stop();
      await worker?.stop();
      await shared?.close();
    },
  };
}

/** The webhook URL for logs: its query string and credentials may carry a token. */
function redactedUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** A request header given once; undefined when absent or repeated. */
function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
}

function withTimeout<T>(promise: Promise<T>, ms: number, error = () => new Error(`timed out after ${ms} ms`)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
