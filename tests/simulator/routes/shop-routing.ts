import type { IncomingMessage } from "node:http";

/** Header the fetch bridge sets to the original *.myshopify.com host (fetch cannot set Host). */
export const SHOP_HOST_HEADER = "x-forwarded-host";

const MYSHOPIFY = /^([a-z0-9][a-z0-9-]*\.myshopify\.com)(:\d+)?$/i;

/**
 * Which shop an Admin API request is for: the forwarded host from the fetch bridge, else a
 * *.myshopify.com Host header (e.g. via /etc/hosts or a proxy), else a `/shops/<domain>` path prefix.
 * Returns the shop domain and the path with any prefix removed.
 */
export function shopFromRequest(req: IncomingMessage, pathname: string): { shop: string | null; path: string } {
  const prefixed = /^\/shops\/([^/]+)(\/.*)$/.exec(pathname);
  if (prefixed) return { shop: decodeURIComponent(prefixed[1] ?? ""), path: prefixed[2] ?? "/" };
  const forwarded = req.headers[SHOP_HOST_HEADER];
  const forwardedHost = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  for (const candidate of [forwardedHost, req.headers.host]) {
    const match = candidate ? MYSHOPIFY.exec(candidate.split(",")[0]?.trim() ?? "") : null;
    if (match) return { shop: (match[1] ?? "").toLowerCase(), path: pathname };
  }
  return { shop: null, path: pathname };
}
