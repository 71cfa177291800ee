import "reflect-metadata";
import { DataDirInUseError } from "./db/data-dir-lock.js";
import { ConfigError, loadConfig } from "./config.js";
import { openConfiguredDatabase } from "./db/client.js";
import { isEmpty, seedDemo, SMALL_DEMO } from "./db/seed.js";
import { createApiKey, ensureBootstrapKey, listApiKeys } from "./modules/api-key/api-key.service.js";
import { createLogger } from "./logger.js";
import { startServer } from "./server.js";

/** `npm start`: migrate the configured database (embedded PGlite by default) and serve the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const database = openConfiguredDatabase(config);
  await database.migrate(() => logger.info("another process is migrating this database: waiting for it"));
  logger.info({ database: database.kind, location: database.location }, `database ready (${database.kind}: ${database.location})`);
  // A newcomer's first `npm start` gets something to explore in Sandbox; a real Postgres is never seeded implicitly.
  if (database.kind === "pglite" && (await isEmpty(database.db))) {
    await seedDemo(database.db, SMALL_DEMO);
    logger.info("first start on an empty embedded database: loaded a small demo data set");
  }
  if (config.BOOTSTRAP_API_KEY) await ensureBootstrapKey(database.db, config.BOOTSTRAP_API_KEY);
  if (database.kind === "pglite" && (await listApiKeys(database.db)).length === 0) {
    const { key } = await createApiKey(database.db, { name: "first start (embedded)", role: "admin" });
    // Shown once, on the console only: it is stored as a hash and cannot be read back.
    console.log(`\nAn ADMIN API key was created for this embedded database (shown only now):\n\n  X-Api-Key: ${key}\n\nSend it as the X-Api-Key header (in Sandbox: Connection settings > Headers).\n`);
  }

  const server = await startServer({ config, logger, database });
  // Measured from the process start (performance.timeOrigin), so loading the code counts too.
  const startupMs = Math.round(performance.now());
  logger.info({ url: `${server.url}/graphql`, startupMs }, `GraphQL API at ${server.url}/graphql (started in ${(startupMs / 1000).toFixed(1)} s)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining in-flight requests");
    // A close that hangs (a database that no longer answers) must not keep a stopped replica alive.
    setTimeout(() => {
      logger.error("shutdown did not finish in time: exiting anyway");
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    try {
      await server.stop();
      await database.close();
      logger.info("stopped cleanly");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "unclean shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error("Failed to start:", error);
  }
  process.exit(1);
});
