import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { openConfiguredDatabase } from "./client.js";

/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
const config = loadConfig();
const logger = createLogger(config);
const database = openConfiguredDatabase(config, "maintain");
try {
  await database.migrate(() => logger.info("another process is migrating this database: waiting for it"));
  logger.info({ database: database.kind, location: database.location }, "migrations applied");
} finally {
  await database.close();
}
