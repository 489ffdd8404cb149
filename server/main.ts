/**
 * The web process (`npm start`): serves build/ on PORT (default 3000) and HOST
 * (default all interfaces). On SIGTERM or SIGINT it finishes the requests in
 * flight (at most SHUTDOWN_TIMEOUT_MS, default 10 s) and exits.
 */
import path from "node:path";
import { startWebServer } from "./web-server";

const port = Number(process.env.PORT ?? 3000);
const timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
const server = await startWebServer({
  buildDir: path.resolve(process.env.TEMPO_BUILD_DIR ?? "build"),
  port,
  host: process.env.HOST ?? "0.0.0.0",
  logRequests: process.env.LOG_REQUESTS === "1",
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
