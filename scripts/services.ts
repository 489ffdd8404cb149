/**
 * PostgreSQL and Redis for the demo and tests.
 *   npx tsx scripts/services.ts up [--migrate]  start what is missing, print URLs, run until Ctrl-C
 *   npx tsx scripts/services.ts env             print `DATABASE_URL=... REDIS_URL=...` (starts `up` in the background if needed)
 *   npx tsx scripts/services.ts down            stop a background `up`
 * DATABASE_URL / REDIS_URL, when set, are used instead of starting anything.
 */
import { spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDatabase } from "./lib/database-service";
import { runMigrations } from "./lib/migrations";
import { answersPing, ensureRedis } from "./lib/redis-service";
import type { RunningService } from "./lib/running-service";
import { LOG_FILE, readState, removeState, STATE_FILE, writeState } from "./lib/services-state";

export { ensureDatabase } from "./lib/database-service";
export { ensureRedis } from "./lib/redis-service";
export { runMigrations } from "./lib/migrations";
export type { RunningService } from "./lib/running-service";

const BACKGROUND_START_TIMEOUT_MS = 90_000;

async function up(migrate: boolean): Promise<void> {
  const database = await ensureDatabase();
  let redis: RunningService | undefined;
  const stopAll = async () => {
    await Promise.allSettled([database.stop(), redis?.stop()]);
    removeState();
  };
  try {
    redis = await ensureRedis();
    if (migrate) {
      const startedAt = performance.now();
      await runMigrations(database.url);
      console.error(`Migrations applied in ${Math.round(performance.now() - startedAt)} ms.`);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  writeState({ pid: process.pid, databaseUrl: database.url, redisUrl: redis.url });
  console.log(`DATABASE_URL=${database.url}`);
  console.log(`REDIS_URL=${redis.url}`);
  console.error("Services are up. Press Ctrl-C to stop.");
  const shutdown = () => void stopAll().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  setInterval(() => {}, 1 << 30); // keep the process alive until a signal
}

async function printEnv(): Promise<void> {
  const state = readState() ?? (await reuseWithoutStarting()) ?? (await startInBackground());
  console.log(`DATABASE_URL=${state.databaseUrl} REDIS_URL=${state.redisUrl}`);
}

/** With DATABASE_URL set and a Redis already answering, nothing needs to outlive this command. */
async function reuseWithoutStarting(): Promise<{ databaseUrl: string; redisUrl: string } | undefined> {
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (!process.env.DATABASE_URL || !(await answersPing(redisUrl))) return undefined;
  const database = await ensureDatabase();
  const redis = await ensureRedis();
  return { databaseUrl: database.url, redisUrl: redis.url };
}

/** Services started by this process would die with it, so `env` hands them to a detached `up`. */
async function startInBackground(): Promise<{ databaseUrl: string; redisUrl: string }> {
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const logFd = openSync(LOG_FILE, "a");
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "up"], {
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: process.env,
  });
  child.unref();
  const deadline = Date.now() + BACKGROUND_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const state = readState();
    if (state) return state;
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const logTail = readFileSync(LOG_FILE, "utf8").split("\n").slice(-15).join("\n");
  throw new Error(`Background services did not come up (no ${STATE_FILE}). End of ${LOG_FILE}:\n${logTail}`);
}

function down(): void {
  const state = readState();
  if (!state) {
    console.error("No background services are running.");
    return;
  }
  process.kill(state.pid, "SIGTERM");
  console.error(`Stopped background services (pid ${state.pid}).`);
}

async function main(argv: string[]): Promise<void> {
  const [command] = argv;
  if (command === "up") return up(argv.includes("--migrate"));
  if (command === "env") return printEnv();
  if (command === "down") return down();
  console.error("Usage: npx tsx scripts/services.ts up [--migrate] | env | down");
  process.exitCode = 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
