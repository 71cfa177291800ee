import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { openConfiguredDatabase } from "./client.js";
import { FULL_DEMO, isEmpty, seedDemo } from "./seed.js";

/** `npm run db:seed`: migrates, then loads the full demo data set into an empty database. */
const config = loadConfig();
const logger = createLogger(config);
const database = openConfiguredDatabase(config, "maintain");
try {
  await database.migrate(() => logger.info("another process is migrating this database: waiting for it"));
  if (!(await isEmpty(database.db))) {
    logger.error({ location: database.location }, "the database already holds data; db:seed only loads into an empty database");
    process.exitCode = 1;
  } else {
    const started = performance.now();
    await seedDemo(database.db, FULL_DEMO);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    logger.info({ database: database.kind, location: database.location, seconds }, `demo data loaded in ${seconds} s`);
  }
} finally {
  await database.close();
}
