/**
 * Once per test run: a clean, migrated test database. DATABASE_URL and
 * REDIS_URL come from scripts/test.sh (which finds or starts the services).
 */
import { execFileSync } from "node:child_process";
import { Redis } from "ioredis";
import pg from "pg";
import { createDatabaseIfMissing } from "../../scripts/lib/create-database";

export default async function setup(): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error("DATABASE_URL is not set: run the tests with `bash scripts/test.sh`, which provides one.");
  }
  await createDatabaseIfMissing(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "pipe", env: process.env });
  return removeTestQueues;
}

/** Test files namespace their queues with QUEUE_PREFIX=tempo-test-*; clear them after the run. */
async function removeTestQueues(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    for await (const keys of redis.scanStream({ match: "tempo-test-*", count: 1000 })) {
      if ((keys as string[]).length) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
