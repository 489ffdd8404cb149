import { createReadStream, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { issueSessionToken } from "../auth/jwt";
import type { CollectionPatch, DiscountPatch, NewDiscountInput, NewOrderInput, RefundLineInput } from "../control/store-actions";
import { applyFaults, defaultFaults, type FaultSettings } from "../faults";
import { CORS_HEADERS, parseParams, readBody, sendJson } from "../http-utils";
import type { SimulatorCore } from "../simulator-core";

type Params = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

function shopSummary(core: SimulatorCore) {
  return [...core.shops.values()].map((shop) => ({
    domain: shop.domain,
    installed: shop.installed,
    plan: shop.plan,
    counts: {
      locations: shop.store.data.locations.length,
      products: shop.store.data.products.length,
      variants: shop.store.data.variants.length,
      orders: shop.store.data.orders.length,
      lineItems: shop.store.data.orders.reduce((n, o) => n + o.lineItems.length, 0),
    },
    faults: shop.faults,
  }));
}

/** Serves a bulk result file as a download, streamed from disk. */
function serveBulkFile(core: SimulatorCore, fileName: string, res: ServerResponse): void {
  const path = join(core.bulkDir, fileName);
  if (!/^[0-9]+\.jsonl$/.test(fileName) || !existsSync(path)) {
    sendJson(res, 404, { error: "NoSuchKey" });
    return;
  }
  res.writeHead(200, { "Content-Type": "application/jsonl", "Content-Length": statSync(path).size });
  createReadStream(path).pipe(res);
}

/**
 * `/_sim/*`: the control API for tests and the demo. Shop comes from `?shop=` or the body's `shop`
 * (optional when a single shop is hosted). Store changes send the matching webhooks.
 */
export async function handleControlRoute(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return;
  }
  const bulkFile = /^\/_sim\/bulk\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (bulkFile && method === "GET") return serveBulkFile(core, decodeURIComponent(bulkFile[2] ?? ""), res);

  const params: Params = method === "GET" ? {} : parseParams(await readBody(req), req.headers["content-type"]);
  const shopName = url.searchParams.get("shop") ?? str(params.shop) ?? null;
  const path = url.pathname.replace(/^\/_sim/, "");
  const segments = path.split("/").filter(Boolean);
  const ok = (body: unknown) => sendJson(res, 200, body, CORS_HEADERS);

  try {
    if (path === "/health") return ok({ ok: true, url: core.url, shops: [...core.shops.keys()] });
    if (path === "/shops") return ok(shopSummary(core));
    const shop = core.shop(shopName);
    const actions = core.actions;
    const switches = { duplicate: params.duplicate as boolean | undefined, outOfOrder: params.outOfOrder as boolean | undefined };

    if (path === "/session-token") {
      return ok({ token: issueSessionToken({ shop: shop.domain, apiKey: core.app.apiKey, apiSecret: core.app.apiSecret, userId: url.searchParams.get("user") ?? "1" }) });
    }
    if (path === "/faults") {
      if (method !== "GET") {
        const base = params.reset ? defaultFaults() : shop.faults;
        shop.faults = applyFaults(base, params as Partial<FaultSettings>);
        shop.syncBucketWithFaults();
      }
      return ok({ shop: shop.domain, faults: shop.faults, throttleStatus: shop.bucket.status() });
    }
    if (path === "/webhooks" && method === "GET") return ok(core.dispatcher.log.filter((d) => d.shop === shop.domain));
    if (path === "/webhooks/flush") {
      await core.dispatcher.flush(shop.domain);
      return ok({ flushed: true });
    }
    if (path === "/webhooks/send") {
      const topic = str(params.topic);
      if (!topic) throw new Error("topic is required");
      return ok(actions.emit(shop, topic, params.payload ?? {}, switches));
    }
    if (path === "/bulk-operations") return ok([...shop.bulkOperations.values()]);
    // What the shop's stock is now, for a test comparing Tempo's copy with Shopify's.
    if (path === "/inventory-levels" && method === "GET") {
      return ok(shop.store.data.inventoryLevels.map((l) => ({ inventoryItemId: l.inventoryItemId, locationId: l.locationId, available: l.quantities.available })));
    }
    if (path === "/flow-triggers" && method === "GET") return ok(shop.flowTriggers);
    if (path === "/uninstall") {
      actions.uninstall(shop, switches);
      return ok({ uninstalled: shop.domain });
    }
    if (path === "/scopes") {
      const scopes = Array.isArray(params.scopes) ? params.scopes.map(String) : (str(params.scopes) ?? "").split(",").filter(Boolean);
      return ok(actions.updateScopes(shop, scopes, switches));
    }
    if (path === "/compliance") {
      const topic = str(params.topic) as "customers/data_request" | "customers/redact" | "shop/redact";
      return ok(actions.compliance(shop, topic, { customerId: str(params.customerId), orderIds: (params.orderIds as string[] | undefined) ?? [] }, switches));
    }
    if (segments[0] === "orders") {
      const orderId = segments[1];
      if (!orderId && method === "POST") return ok(actions.createOrder(shop, params as unknown as NewOrderInput, switches));
      if (orderId && segments[2] === "cancel") return ok(actions.cancelOrder(shop, orderId, { reason: str(params.reason), restock: params.restock as boolean | undefined }, switches));
      if (orderId && segments[2] === "refund") return ok(actions.refundOrder(shop, orderId, (params.lineItems as RefundLineInput[] | undefined) ?? [], switches));
      if (orderId && (segments[2] === "update" || method === "POST")) {
        return ok(actions.updateOrder(shop, orderId, { currentQuantities: params.currentQuantities as Record<string, number> | undefined, updatedAt: str(params.updatedAt) }, switches));
      }
      if (orderId) return ok(shop.store.ordersById.get(orderId) ?? null);
    }
    if (segments[0] === "inventory" && method === "POST") {
      return ok(actions.setInventory(shop, params as Parameters<typeof actions.setInventory>[1], switches));
    }
    if (segments[0] === "inventory-items" && segments[1] && method === "POST") {
      return ok(actions.updateInventoryItem(shop, segments[1], params as Parameters<typeof actions.updateInventoryItem>[2], switches));
    }
    if (segments[0] === "products") {
      const productId = segments[1];
      if (!productId && method === "POST") return ok(actions.createProduct(shop, params as unknown as Parameters<typeof actions.createProduct>[1], switches));
      if (productId && method === "DELETE") {
        actions.deleteProduct(shop, productId, switches);
        return ok({ deleted: productId });
      }
      if (productId && method === "POST") return ok(actions.updateProduct(shop, productId, params as Parameters<typeof actions.updateProduct>[2], switches));
    }
    if (segments[0] === "collections") {
      const collectionId = segments[1];
      if (!collectionId && method === "POST") {
        return ok(actions.createCollection(shop, { title: str(params.title) ?? "New collection", handle: str(params.handle), productIds: (params.productIds as string[] | undefined) ?? [] }, switches));
      }
      if (collectionId && method === "DELETE") {
        actions.deleteCollection(shop, collectionId, switches);
        return ok({ deleted: collectionId });
      }
      if (collectionId && method === "POST") return ok(actions.updateCollection(shop, collectionId, params as CollectionPatch, switches));
    }
    if (segments[0] === "discounts") {
      const discountId = segments[1];
      if (!discountId && method === "POST") return ok(actions.createDiscount(shop, params as unknown as NewDiscountInput, switches));
      if (discountId && method === "DELETE") {
        actions.deleteDiscount(shop, discountId, switches);
        return ok({ deleted: discountId });
      }
      if (discountId && method === "POST") return ok(actions.updateDiscount(shop, discountId, params as DiscountPatch, switches));
    }
    if (segments[0] === "locations") {
      const locationId = segments[1];
      if (!locationId && method === "POST") return ok(actions.createLocation(shop, { name: str(params.name) ?? "New location", fulfillsOnlineOrders: params.fulfillsOnlineOrders as boolean | undefined }, switches));
      if (locationId && method === "DELETE") {
        actions.deleteLocation(shop, locationId, switches);
        return ok({ deleted: locationId });
      }
      if (locationId && method === "POST") return ok(actions.updateLocation(shop, locationId, { name: str(params.name), isActive: params.isActive as boolean | undefined }, switches));
    }
    sendJson(res, 404, { error: `No control route ${method} ${url.pathname}` }, CORS_HEADERS);
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message }, CORS_HEADERS);
  }
}
