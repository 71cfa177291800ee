import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/**
 * JSON logs on stdout, one object a line, for any log shipper. Written asynchronously: a synchronous
 * destination made every request's log line a write(2) of its own on the event loop, where lines
 * written while one write is under way now go out together with the next. Pino flushes what is left
 * when the process exits.
 */
export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: "billing-gateway" } }, pino.destination({ sync: false }));
}
