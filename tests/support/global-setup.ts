/**
 * Once per test run: a clean, migrated test database. DATABASE_URL and
 * REDIS_URL come from scripts/test.sh (which finds or starts the services).
 */
import { execFileSync } from "node:child_process";
import pg from "pg";

export default async function setup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error("DATABASE_URL is not set: run the tests with `bash scripts/test.sh`, which provides one.");
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "pipe", env: process.env });
}
