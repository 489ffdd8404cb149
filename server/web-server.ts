/**
 * The built Remix app on express, served as remix-serve serves it (hashed assets
 * cached for a year, compressed pages), plus a shutdown remix-serve lacks: stop
 * taking connections, let the requests in flight finish, then close the app's
 * database and Redis connections, so the process ends within seconds of SIGTERM.
 * Used by the web process (server/main.ts) and by the tests, which serve the same way.
 */
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";

export interface WebServer {
  url: string;
  /** Requests being answered right now. */
  inFlight(): number;
  /**
   * Stops taking connections, waits for requests in flight (at most `timeoutMs`), then
   * closes the app's connections. Resolves false when requests were still running at the deadline.
   */
  close(timeoutMs?: number): Promise<boolean>;
}

/** What app/entry.server.tsx exports besides the renderer. */
interface AppEntry {
  closeAppConnections?: () => Promise<void>;
}

export async function startWebServer(options: { buildDir: string; port: number; host?: string; logRequests?: boolean }): Promise<WebServer> {
  const build = (await import(pathToFileURL(path.join(options.buildDir, "server/index.js")).href)) as ServerBuild;
  let inFlight = 0;
  let closing = false;
  const idle = new Set<() => void>();

  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    inFlight++;
    const started = performance.now();
    // While closing, every answer closes its keep-alive connection too.
    if (closing) res.setHeader("Connection", "close");
    res.once("close", () => {
      inFlight--;
      if (options.logRequests || res.statusCode >= 500) {
        console.log(`[web] ${req.method} ${req.originalUrl.split("?")[0]} ${res.statusCode} ${(performance.now() - started).toFixed(0)} ms`);
      }
      if (inFlight === 0) for (const resolve of idle) resolve();
    });
    next();
  });
  // Pages and assets; webhook answers are empty, and compression's wrapping costs on that hot path.
  const compress = compression();
  app.use((req, res, next) => (req.method === "GET" ? compress(req, res, next) : next()));
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(options.buildDir, "client"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));

  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port, host, () => resolve(listening));
    listening.once("error", reject);
  });
  const entry = build.entry.module as unknown as AppEntry;

  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${options.port}`,
    inFlight: () => inFlight,
    async close(timeoutMs = 10_000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = inFlight === 0 ? Promise.resolve(true) : new Promise<boolean>((resolve) => idle.add(() => resolve(true)));
      const deadline = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
      const finished = await Promise.race([drained, deadline]);
      if (finished) await Promise.race([stopped, deadline]);
      else server.closeAllConnections();
      await entry.closeAppConnections?.().catch((error: unknown) => console.error("[web] closing the app's connections failed:", error));
      return finished;
    },
  };
}
