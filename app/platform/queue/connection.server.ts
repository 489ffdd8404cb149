import { Redis } from "ioredis";
import { queuePrefix as configuredPrefix, redisUrl } from "~/platform/env.server";

/**
 * BullMQ needs maxRetriesPerRequest: null on worker connections so blocking
 * commands survive Redis hiccups instead of throwing.
 */
export function createRedisConnection(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: null });
}

/** Redis key prefix for every queue: lets several environments (or test files) share one Redis. */
export function queuePrefix(): string {
  return configuredPrefix();
}
