/**
 * The built Remix app on express, served as remix-serve serves it (hashed assets
 * cached for a year, compressed pages), plus a shutdown remix-serve lacks: stop
 * taking connections, let the requests in flight finish, then close the app's
 * database and Redis connections, so the process ends within seconds of SIGTERM.
 * Used by the web process (scripts/web.ts) and by the tests, which serve the same way.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { readEnv } from "../../app/platform/env.server";

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

/**
 * A route's action called straight from express, for a POST path that takes bursts
 * (Shopify's sync webhooks): Remix's handler flattens and ranks every route on each
 * request, twice, which was a quarter of a webhook's CPU. Same action, same answers;
 * null when the build has no such action.
 */
export function directAction(build: ServerBuild, routeId: string) {
  const action = build.routes[routeId]?.module.action as ((args: ActionFunctionArgs) => Promise<unknown>) | undefined;
  if (!action) return null;
  return async (req: IncomingMessage, res: ServerResponse, next: (error: unknown) => void) => {
    try {
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
        method: req.method ?? "POST",
        headers,
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit);
      let response: unknown;
      try {
        response = await action({ request, params: {}, context: {} });
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown;
        response = thrown;
      }
      if (!(response instanceof Response)) throw new Error(`The action of ${routeId} answered no Response`);
      const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
      if (response.statusText) res.statusMessage = response.statusText;
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(body);
    } catch (error) {
      next(error);
    }
  };
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
  const syncWebhook = directAction(build, "routes/webhooks.sync");
  if (syncWebhook) app.post("/webhooks/sync", syncWebhook);
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(options.buildDir, "client"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: readEnv("NODE_ENV") }));

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
