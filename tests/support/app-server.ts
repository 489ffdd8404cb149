/**
 * Serves the built app (build/server) over HTTP inside the test process with the
 * web process's own server (scripts/lib/web-server.ts), so the simulator can frame it and
 * deliver webhooks to it. Run `npm run build` first (scripts/test.sh does).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { startWebServer } from "../../scripts/lib/web-server";

export interface RunningAppServer {
  url: string;
  close(): Promise<void>;
}

const BUILD_DIR = path.resolve(process.env.TEMPO_BUILD_DIR ?? "build");

export async function startAppServer(port: number): Promise<RunningAppServer> {
  if (!existsSync(path.join(BUILD_DIR, "server/index.js"))) {
    throw new Error("build/server/index.js is missing: run `npm run build` first (scripts/test.sh does).");
  }
  const server = await startWebServer({ buildDir: BUILD_DIR, port });
  return { url: server.url, close: async () => void (await server.close()) };
}
