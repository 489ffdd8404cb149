import { rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APP_BRIDGE_STUB_SOURCE } from "./admin/app-bridge-stub";
import { buildAppLaunchUrl } from "./admin/launch-url";
import { issueSessionToken } from "./auth/jwt";
import type { SimulatorOptions } from "./config";
import { applyFaults, defaultFaults, type FaultSettings } from "./faults";
import type { FlowTriggerRecord } from "./flow/trigger-receive";
import { CORS_HEADERS, sendJson, sendText } from "./http-utils";
import { handleAccessTokenRoute, handleGraphqlRoute } from "./routes/admin-api-routes";
import { handleAdminRoute } from "./routes/admin-routes";
import { handleControlRoute } from "./routes/control-routes";
import { shopFromRequest } from "./routes/shop-routing";
import type { SimShop } from "./shop-runtime";
import { SimulatorCore } from "./simulator-core";
import { startLiveSales, type LiveSales, type LiveSalesOptions } from "./live/live-sales";
import type { ShopData } from "./store/types";

export type { SimulatorOptions, SimAppConfig } from "./config";

const GRAPHQL_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

export interface RunningSimulator {
  url: string;
  port: number;
  core: SimulatorCore;
  /** Hosted shops by domain. */
  shops: Map<string, SimShop>;
  /** The named shop, or the only one. */
  shop(domain?: string): SimShop;
  addShop(data: ShopData): SimShop;
  /** Store changes that emit webhooks (createOrder, setInventory, updateProduct, cancelOrder, refundOrder, uninstall...). */
  actions: SimulatorCore["actions"];
  faults: {
    get(shop?: string): FaultSettings;
    set(update: Partial<FaultSettings>, shop?: string): FaultSettings;
    reset(shop?: string): void;
  };
  webhooks: {
    log: SimulatorCore["dispatcher"]["log"];
    targets: Map<string, string>;
    /** Releases held (out-of-order) webhooks and waits for every delivery. */
    flush(shop?: string): Promise<void>;
    idle(): Promise<void>;
  };
  bulk: { idle(): Promise<void>; dir: string };
  /** Flow triggers the shop accepted through flowTriggerReceive, oldest first. */
  flowTriggers(shop?: string): readonly FlowTriggerRecord[];
  /** The shop keeps selling (orders and restocks with their webhooks) until stopped; see live/live-sales.ts. */
  liveSales: { start(shop?: string, options?: Partial<LiveSalesOptions>): LiveSales; stop(): void };
  /** A fresh App Bridge session token (id_token) for the shop. */
  sessionToken(shop?: string, userId?: string): string;
  /** An offline access token without going through token exchange (for tests of the API alone). */
  issueOfflineToken(shop?: string): string;
  /** The admin shell URL framing the app at `appPath`. */
  adminUrl(shop?: string, appPath?: string): string;
  /** The admin's page for a product, where the app's product-details blocks render. */
  productUrl(shop: string | undefined, productId: string): string;
  /** The URL the admin would frame: app URL with embedded=1, shop, host, id_token, hmac. */
  launchUrl(shop?: string, appPath?: string): string;
  close(): Promise<void>;
}

async function route(core: SimulatorCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator.local");
  const { shop: shopDomain, path } = shopFromRequest(req, url.pathname);
  const method = req.method ?? "GET";
  if (core.options.verbose) console.error(`[simulator] ${method} ${shopDomain ?? "-"} ${path}`);

  if (await handleAdminRoute(core, req, res, url, path)) return;
  if (path.startsWith("/_sim/")) return handleControlRoute(core, req, res, url);
  if (path === "/app-bridge.js") {
    return sendText(res, 200, APP_BRIDGE_STUB_SOURCE, "application/javascript; charset=utf-8", { ...CORS_HEADERS, "Cache-Control": "no-store" });
  }
  const graphql = GRAPHQL_PATH.exec(path);
  if (graphql && method === "POST") return handleGraphqlRoute(core, core.shop(shopDomain), graphql[1] ?? "", req, res);
  if (path === "/admin/oauth/access_token" && method === "POST") return handleAccessTokenRoute(core, core.shop(shopDomain), req, res);

  if (path === "/" && method === "GET") {
    const links = [...core.shops.keys()].map((d) => {
      const store = `/store/${d.replace(/\.myshopify\.com$/, "")}`;
      return `<li><a href="${store}/apps/${core.app.handle}">${d}</a> · <a href="${store}/products">products</a></li>`;
    });
    return sendText(res, 200, `<!doctype html><title>Shopify simulator</title><h1>Shopify simulator</h1><ul>${links.join("")}</ul>`, "text/html; charset=utf-8");
  }
  sendJson(res, 404, { errors: "Not Found" });
}

/** Starts the simulator HTTP server; see the report / README for how the app connects to it. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const core = new SimulatorCore(options);
  const server = createServer((req, res) => {
    route(core, req, res).catch((error: unknown) => {
      const message = (error as Error).message;
      if (!res.headersSent) sendJson(res, /hosts no shop|Several shops/.test(message) ? 404 : 500, { errors: message });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  core.url = options.publicUrl ?? `http://${host}:${port}`;
  const shopName = (domain?: string) => core.shop(domain).domain.replace(/\.myshopify\.com$/, "");
  const running: LiveSales[] = [];

  return {
    url: core.url,
    port,
    core,
    shops: core.shops,
    shop: (domain) => core.shop(domain),
    addShop: (data) => core.addShop(data),
    actions: core.actions,
    faults: {
      get: (shop) => core.shop(shop).faults,
      set: (update, shop) => {
        const target = core.shop(shop);
        target.faults = applyFaults(target.faults, update);
        target.syncBucketWithFaults();
        return target.faults;
      },
      reset: (shop) => {
        const target = core.shop(shop);
        target.faults = defaultFaults();
        target.syncBucketWithFaults();
      },
    },
    webhooks: {
      log: core.dispatcher.log,
      targets: core.dispatcher.targets,
      flush: (shop) => core.dispatcher.flush(shop ? core.shop(shop).domain : undefined),
      idle: () => core.dispatcher.idle(),
    },
    bulk: { idle: () => core.bulk.idle(), dir: core.bulkDir },
    flowTriggers: (shop) => core.shop(shop).flowTriggers,
    liveSales: {
      start: (shop, liveOptions) => {
        const sales = startLiveSales(core.actions, core.shop(shop), core.now, liveOptions);
        running.push(sales);
        return sales;
      },
      stop: () => running.splice(0).forEach((sales) => sales.stop()),
    },
    sessionToken: (shop, userId) => issueSessionToken({ shop: core.shop(shop).domain, apiKey: core.app.apiKey, apiSecret: core.app.apiSecret, userId }),
    issueOfflineToken: (shop) => {
      const target = core.shop(shop);
      return core.tokens.issueOffline(target.domain, target.grantedScopes, false).access_token;
    },
    adminUrl: (shop, appPath = "") => `${core.url}/store/${shopName(shop)}/apps/${core.app.handle}${appPath}`,
    productUrl: (shop, productId) => `${core.url}/store/${shopName(shop)}/products/${productId}`,
    launchUrl: (shop, appPath) => buildAppLaunchUrl({ app: core.app, shopDomain: core.shop(shop).domain, path: appPath }),
    close: async () => {
      running.splice(0).forEach((sales) => sales.stop());
      core.dispatcher.close();
      await core.bulk.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (core.ownsBulkDir) rmSync(core.bulkDir, { recursive: true, force: true });
    },
  };
}
