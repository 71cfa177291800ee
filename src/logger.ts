import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/** JSON logs on stdout, one object a line, for any log shipper. */
export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: "billing-gateway" } });
}
