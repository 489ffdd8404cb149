import { PassThrough } from "stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { appBridgeUrl, extraFrameAncestors } from "./platform/env.server";
import prisma from "./platform/db.server";
import { closePgPool } from "./platform/pg-pool.server";
import { closeQueues } from "./platform/queue/queues.server";

export const streamTimeout = 5000;

/** For the web server's shutdown (scripts/lib/web-server.ts): the connections that would keep the process alive. */
export async function closeAppConnections(): Promise<void> {
  await Promise.allSettled([closeQueues(), closePgPool(), prisma.$disconnect()]);
}

/** Shopify's CSP allows only its own admin to frame the app; configured extra origins are appended. */
function allowExtraFrameAncestors(headers: Headers): void {
  const extra = extraFrameAncestors();
  const csp = headers.get("Content-Security-Policy");
  if (!extra.length || !csp) return;
  headers.set(
    "Content-Security-Policy",
    csp.replace(/frame-ancestors ([^;]*)/, (_match, origins: string) => `frame-ancestors ${origins} ${extra.join(" ")}`),
  );
}

/**
 * The library always preloads App Bridge from Shopify's CDN; with APP_BRIDGE_URL set the
 * page loads it from there instead, so the preload names that URL (offline, the CDN one fails on every load).
 */
function preloadConfiguredAppBridge(headers: Headers): void {
  const configured = appBridgeUrl();
  const link = headers.get("Link");
  if (!configured || !link) return;
  headers.set("Link", link.replace(/<https:\/\/cdn\.shopify\.com\/shopifycloud\/app-bridge\.js>/, `<${configured}>`));
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  allowExtraFrameAncestors(responseHeaders);
  preloadConfiguredAppBridge(responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} />,
      {
        [callbackName]: () => {
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
