/**
 * Reading a webhook request: the body up to a size limit (413 above it), then the
 * HMAC check. A body that passes the check but is not JSON is reported as
 * unreadable, with the delivery's headers, so the route can record and answer it.
 */
import { authenticate } from "~/shopify.server";
import { shopifyApiSecret, webhookBodyLimitBytes } from "~/platform/env.server";
import { hasValidHmac } from "~/shopify/webhook-signature";

export interface VerifiedDelivery {
  kind: "verified";
  topic: string;
  shop: string;
  webhookId: string;
  payload: unknown;
  /** The body as sent. */
  body: string;
  triggeredAt?: string;
}

export interface VerifiedWebhook extends VerifiedDelivery {
  session: Awaited<ReturnType<typeof authenticate.webhook>>["session"];
}

export interface UnreadableWebhook {
  kind: "unreadable";
  topic: string;
  shop: string;
  webhookId: string;
  reason: string;
}

const tooLarge = (limit: number) =>
  new Response(`Webhook bodies are limited to ${limit} bytes`, { status: 413, headers: { "Content-Type": "text/plain" } });

/** Past the limit the rest of a body is read and dropped (so the client sees the 413), up to this much. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** The body as text, or null when it passes `limit` bytes: the rest is then read and dropped, never kept. */
export async function readBodyWithin(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const declared = Number(request.headers.get("content-length"));
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = Number.isFinite(declared) && declared > limit;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) over = true;
    if (over && size > DRAIN_LIMIT_BYTES) {
      await reader.cancel().catch(() => undefined);
      break;
    }
    if (!over) chunks.push(value);
  }
  return over ? null : Buffer.concat(chunks).toString("utf8");
}

/**
 * Throws the library's Response for a forged HMAC (401), missing headers (400) or a
 * wrong method (405); returns 413 for a body over the limit.
 */
export async function receiveWebhook(request: Request): Promise<VerifiedWebhook | UnreadableWebhook | Response> {
  const limit = webhookBodyLimitBytes();
  const body = await readBodyWithin(request, limit);
  if (body === null) return tooLarge(limit);
  const verifiable = new Request(request.url, { method: request.method, headers: request.headers, body: request.method === "GET" || request.method === "HEAD" ? null : body });
  try {
    const { topic, shop, webhookId, payload, triggeredAt, session } = await authenticate.webhook(verifiable);
    return { kind: "verified", topic, shop, webhookId, payload, body, session, ...(triggeredAt ? { triggeredAt } : {}) };
  } catch (error) {
    // The library parses the body only after the HMAC matched: this body did come from Shopify.
    if (!(error instanceof SyntaxError)) throw error;
    return {
      kind: "unreadable",
      topic: request.headers.get("x-shopify-topic") ?? "",
      shop: request.headers.get("x-shopify-shop-domain") ?? "",
      webhookId: request.headers.get("x-shopify-webhook-id") ?? "",
      reason: `The body is not valid JSON (${error.message})`,
    };
  }
}

/** The headers the library also requires of a webhook (X-Shopify-API-Version included). */
const REQUIRED_HEADERS = ["x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-webhook-id", "x-shopify-api-version"] as const;

/**
 * The sync route's reading, the one under load: the same checks as the library's
 * (required headers, 400; HMAC of the raw body, 401) done with node:crypto, and no
 * session read, which the sync route does not need. The library's check costs about
 * 1.7 ms of CPU a request (WebCrypto, header canonicalisation) plus a database read.
 */
export async function receiveSyncWebhook(request: Request): Promise<VerifiedDelivery | UnreadableWebhook | Response> {
  if (request.method !== "POST") return new Response(undefined, { status: 405, statusText: "Method not allowed" });
  const limit = webhookBodyLimitBytes();
  const body = await readBodyWithin(request, limit);
  if (body === null) return tooLarge(limit);
  const [signature, topic, shop, webhookId] = REQUIRED_HEADERS.map((name) => request.headers.get(name));
  if (!signature || !topic || !shop || !webhookId || !request.headers.get("x-shopify-api-version")) {
    return new Response(undefined, { status: 400, statusText: "Bad Request" });
  }
  if (!hasValidHmac(body, signature, shopifyApiSecret())) return new Response(undefined, { status: 401, statusText: "Unauthorized" });
  const triggeredAt = request.headers.get("x-shopify-triggered-at");
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch (error) {
    return { kind: "unreadable", topic, shop, webhookId, reason: `The body is not valid JSON (${(error as Error).message})` };
  }
  return { kind: "verified", topic, shop, webhookId, payload, body, ...(triggeredAt ? { triggeredAt } : {}) };
}
