import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { findFreePort } from "./free-port";
import type { RunningService } from "./running-service";

const LOCAL_REDIS_URL = "redis://127.0.0.1:6379";
const FIRST_CANDIDATE_PORT = 6380;
const START_TIMEOUT_MS = 10_000;

/** Uses REDIS_URL, else a Redis already on 6379, else starts `redis-server` as a child process. */
export async function ensureRedis(): Promise<RunningService> {
  const configured = process.env.REDIS_URL;
  if (configured) {
    if (!(await answersPing(configured))) {
      throw new Error(`REDIS_URL is set to ${configured} but no Redis answered PING there.`);
    }
    return { url: configured, description: "REDIS_URL", stop: async () => {} };
  }
  if (await answersPing(LOCAL_REDIS_URL)) return { url: LOCAL_REDIS_URL, description: "the local Redis on 127.0.0.1:6379", stop: async () => {} };
  return startRedisServer();
}

export async function answersPing(url: string, timeoutMs = 1_500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => {}); // a refused connection is an answer here, not a crash
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function startRedisServer(): Promise<RunningService> {
  if (spawnSync("redis-server", ["--version"]).error) {
    throw new Error(
      "No Redis found: REDIS_URL is unset, nothing answers on 127.0.0.1:6379 and redis-server is not " +
        "installed. Install it (`apt-get install -y redis-server`) or set REDIS_URL.",
    );
  }
  const port = await findFreePort(FIRST_CANDIDATE_PORT);
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  await waitUntilAnswering(url, child);
  return { url, description: `a redis-server started on port ${port}`, stop: () => stopChild(child) };
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} on start`);
    if (await answersPing(url, 500)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`redis-server did not answer on ${url} within ${START_TIMEOUT_MS} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
