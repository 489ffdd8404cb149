/**
 * The web process (`npm start`): serves build/ on PORT (default 3000) and HOST
 * (default all interfaces). On SIGTERM or SIGINT it finishes the requests in
 * flight (at most SHUTDOWN_TIMEOUT_MS, default 10 s) and exits.
 */
import path from "node:path";
import { loadEnv } from "../app/platform/env.server";
import { startWebServer } from "./lib/web-server";

const env = loadEnv("web");
const port = env.PORT;
const timeoutMs = env.SHUTDOWN_TIMEOUT_MS;
const server = await startWebServer({
  buildDir: path.resolve(env.TEMPO_BUILD_DIR),
  port,
  host: env.HOST,
  logRequests: env.LOG_REQUESTS,
});
console.log(`[web] listening on http://localhost:${port}`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[web] ${signal}: finishing ${server.inFlight()} requests in flight, then exiting`);
  const finished = await server.close(timeoutMs);
  process.exit(finished ? 0 : 1);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
