/**
 * Serves the built app (build/server) over HTTP inside the test process, the
 * way `remix-serve` does in production, so the simulator can frame it and
 * deliver webhooks to it. Run `npm run build` first (scripts/test.sh does).
 */
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

export interface RunningAppServer {
  url: string;
  close(): Promise<void>;
}

const BUILD_DIR = path.resolve(process.env.TEMPO_BUILD_DIR ?? "build");

export async function startAppServer(port: number): Promise<RunningAppServer> {
  const serverEntry = path.join(BUILD_DIR, "server/index.js");
  if (!existsSync(serverEntry)) {
    throw new Error("build/server/index.js is missing: run `npm run build` first (scripts/test.sh does).");
  }
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(BUILD_DIR, "client")));
  app.all("*", createRequestHandler({ build, mode: "production" }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, "127.0.0.1", () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
