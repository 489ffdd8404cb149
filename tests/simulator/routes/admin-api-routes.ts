import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleAccessTokenRequest } from "../auth/token-endpoint";
import { shouldFailRequest } from "../faults";
import { handleAdminGraphql, type GraphqlRequestBody } from "../graphql/admin-graphql";
import { loadAdminSchema } from "../graphql/schema";
import { parseParams, readBody, sendJson } from "../http-utils";
import type { SimShop } from "../shop-runtime";
import type { SimulatorCore } from "../simulator-core";

const INVALID_TOKEN_BODY = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
const KNOWN_VERSIONS = new Set(["2025-10", "2026-01", "2026-04", "2026-07", "2026-10", "unstable"]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay and 5xx faults shared by every Admin API endpoint; true when the response was already sent. */
async function applyRequestFaults(shop: SimShop, res: ServerResponse): Promise<boolean> {
  if (shop.faults.delayMs > 0) await sleep(shop.faults.delayMs);
  if (!shouldFailRequest(shop.faults)) return false;
  const status = shop.faults.serverErrorStatus;
  sendJson(res, status, { errors: status === 503 ? "Unavailable Shop" : "Internal Server Error" }, { "X-Request-Id": randomUUID(), ...(status === 503 || status === 429 ? { "Retry-After": "1" } : {}) });
  return true;
}

export async function handleGraphqlRoute(core: SimulatorCore, shop: SimShop, version: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  if (!KNOWN_VERSIONS.has(version)) {
    sendJson(res, 404, { errors: "Not Found" }, { "X-Request-Id": requestId });
    return;
  }
  const body = await readBody(req);
  if (await applyRequestFaults(shop, res)) return;
  const header = req.headers["x-shopify-access-token"];
  const token = core.tokens.check(Array.isArray(header) ? header[0] : header, shop.domain);
  if (!token || !shop.installed) {
    sendJson(res, 401, INVALID_TOKEN_BODY, { "X-Request-Id": requestId });
    return;
  }
  let parsed: GraphqlRequestBody;
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.includes("application/graphql")) parsed = { query: body };
  else {
    try {
      parsed = JSON.parse(body) as GraphqlRequestBody;
    } catch {
      sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } }, { "X-Request-Id": requestId });
      return;
    }
  }
  const schema = loadAdminSchema(version === "unstable" ? "unstable" : version);
  const result = await handleAdminGraphql(schema, core.contextFor(shop), parsed);
  sendJson(res, 200, result, { "X-Request-Id": requestId, "X-Shopify-API-Version": version });
}

export async function handleAccessTokenRoute(core: SimulatorCore, shop: SimShop, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (await applyRequestFaults(shop, res)) return;
  const result = handleAccessTokenRequest({
    params: parseParams(body, req.headers["content-type"]),
    shop,
    app: core.app,
    tokens: core.tokens,
    nowMs: Date.now(),
  });
  sendJson(res, result.status, result.body);
}
