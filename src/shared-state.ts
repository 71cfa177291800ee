import { Redis } from "ioredis";
import type { Logger } from "./logger.js";
import type { WindowCounter } from "./limits.js";

/**
 * State that replicas share through Redis (REDIS_URL): the per-key rate limit windows and Apollo's cache
 * (automatic persisted queries). Redis trouble never fails a request: the rate limit lets it through and
 * the cache misses, each with a warning, until Redis answers again.
 */
export interface SharedState {
  rateLimitCounter: WindowCounter;
  /** Apollo's KeyValueCache. */
  cache: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
    delete(key: string): Promise<boolean | void>;
  };
  close(): Promise<void>;
}

/** Cache entries without a TTL of their own (APQ documents) expire after a day, so Redis never fills up. */
const DEFAULT_CACHE_TTL_SECONDS = 86_400;

/** One fixed window: the first hit of a window starts its expiry; returns the count and the milliseconds left. */
const HIT_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

export async function connectSharedState(url: string, keyPrefix: string, logger: Logger): Promise<SharedState> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    // Fail fast while Redis is away instead of queueing requests behind it.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
  });
  redis.on("error", (error: Error) => logger.warn({ err: error }, "redis: connection error"));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const where = new URL(url);
    throw new Error(`REDIS_URL: Redis at ${where.hostname}:${where.port || 6379} cannot be reached (${(error as Error).message}).`);
  }
  const failed = (what: string) => (error: unknown) => {
    logger.warn({ err: error }, `redis unavailable: ${what}`);
    return undefined;
  };
  return {
    rateLimitCounter: {
      async hit(key, windowMs) {
        const result = (await redis.eval(HIT_WINDOW, 1, `ratelimit:${key}`, windowMs).catch(failed("rate limit not applied"))) as [number, number] | undefined;
        return result ? { count: result[0], msLeft: result[1] } : { count: 0, msLeft: 0 };
      },
    },
    cache: {
      get: async (key) => (await redis.get(`cache:${key}`).catch(failed("cache miss"))) ?? undefined,
      set: async (key, value, options) => {
        await redis.set(`cache:${key}`, value, "EX", options?.ttl ?? DEFAULT_CACHE_TTL_SECONDS).catch(failed("not cached"));
      },
      delete: async (key) => {
        await redis.del(`cache:${key}`).catch(failed("not deleted"));
      },
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
