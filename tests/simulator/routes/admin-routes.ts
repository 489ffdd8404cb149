import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { adminBlocksFor } from "../admin/admin-blocks";
import type { NavMenuLink } from "../admin/admin-layout";
import { hostScript, type HostScript } from "../admin/extension-runtime/bundle";
import { buildAppLaunchUrl } from "../admin/launch-url";
import { PRODUCT_DETAILS_BLOCK_TARGET, renderProductPage, renderProductsPage } from "../admin/product-page";
import { renderShellPage } from "../admin/shell-page";
import { renderDiscountPage, renderDiscountsPage } from "../admin/discount-page";
import { parseParams, readBody, sendJson, sendText } from "../http-utils";
import type { SimulatorCore } from "../simulator-core";

const SHELL_PATH = /^\/store\/([^/]+)\/apps\/([^/]+)(\/.*)?$/;
const PRODUCTS_PATH = /^\/store\/([^/]+)\/products(?:\/([0-9]+))?\/?$/;
const DISCOUNTS_PATH = /^\/store\/([^/]+)\/discounts(?:\/([0-9]+))?\/?$/;
const HOST_SCRIPTS: Record<string, HostScript> = {
  "/_sim/admin/extension-host.js": "extension-host",
  "/_sim/admin/extension-sandbox.js": "extension-sandbox",
};
const EXTENSION_BUNDLE = /^\/_sim\/extensions\/([a-z0-9-]+)\.js$/i;
const HTML = "text/html; charset=utf-8";
const JS = "application/javascript; charset=utf-8";

function frameOf(core: SimulatorCore, shopName: string) {
  const shop = core.shop(decodeURIComponent(shopName));
  return {
    shop,
    frame: { shopDomain: shop.domain, shopName: shop.store.data.shop.name, appName: core.app.name ?? "App", appHandle: core.app.handle ?? "app", navLinks: shop.appNavMenu },
  };
}

function navLinksFrom(value: unknown): NavMenuLink[] {
  if (!Array.isArray(value)) throw new Error("links must be a list of { label, href }");
  return value.map((link: { label?: unknown; href?: unknown }) => {
    if (typeof link?.label !== "string" || typeof link.href !== "string" || !link.href.startsWith("/")) throw new Error("every link needs a label and an app path starting with /");
    return { label: link.label, href: link.href };
  });
}

/**
 * The admin look-alike: the app shell, product pages with the app's admin blocks, and the
 * scripts that host those blocks. Returns false when the path is not one of its pages.
 */
export async function handleAdminRoute(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<boolean> {
  const method = req.method ?? "GET";
  const noStore = { "Cache-Control": "no-store" };

  const shell = SHELL_PATH.exec(path);
  if (shell && method === "GET") {
    const { shop, frame } = frameOf(core, shell[1] ?? "");
    shop.installed = true;
    const frameUrl = buildAppLaunchUrl({ app: core.app, shopDomain: shop.domain, path: shell[3] ?? "/", extraQuery: new URLSearchParams(url.search) });
    sendText(res, 200, renderShellPage({ ...frame, appHandle: decodeURIComponent(shell[2] ?? ""), frameUrl }), HTML, noStore);
    return true;
  }
  const products = PRODUCTS_PATH.exec(path);
  if (products && method === "GET") {
    const { shop, frame } = frameOf(core, products[1] ?? "");
    const productId = products[2];
    if (!productId) {
      sendText(res, 200, renderProductsPage({ ...frame, store: shop.store }), HTML, noStore);
      return true;
    }
    const product = shop.store.productsById.get(productId);
    if (!product) {
      sendText(res, 404, `<!doctype html><title>Not found</title><p>This shop has no product ${productId}.</p>`, HTML);
      return true;
    }
    const blocks = adminBlocksFor(core.extensions, PRODUCT_DETAILS_BLOCK_TARGET);
    sendText(res, 200, renderProductPage({ ...frame, store: shop.store, product, blocks, appUrl: core.app.appUrl }), HTML, noStore);
    return true;
  }
  const discounts = DISCOUNTS_PATH.exec(path);
  if (discounts && method === "GET") {
    const { shop, frame } = frameOf(core, discounts[1] ?? "");
    const discountId = discounts[2];
    if (!discountId) {
      sendText(res, 200, renderDiscountsPage({ ...frame, store: shop.store }), HTML, noStore);
      return true;
    }
    const discount = shop.store.discountsById.get(discountId);
    if (!discount) {
      sendText(res, 404, `<!doctype html><title>Not found</title><p>This shop has no discount ${discountId}.</p>`, HTML);
      return true;
    }
    sendText(res, 200, renderDiscountPage({ ...frame, store: shop.store, discount }), HTML, noStore);
    return true;
  }
  const script = HOST_SCRIPTS[path];
  if (script && method === "GET") {
    sendText(res, 200, await hostScript(script), JS, noStore);
    return true;
  }
  const bundle = EXTENSION_BUNDLE.exec(path);
  if (bundle && method === "GET") {
    const block = core.extensions.length ? adminBlocksFor(core.extensions, PRODUCT_DETAILS_BLOCK_TARGET).find((b) => b.handle === bundle[1]) : undefined;
    if (!block?.built) {
      sendJson(res, 404, { error: `No built bundle for extension ${bundle[1]}: run \`shopify app build\`` });
      return true;
    }
    // Read on every request, so a rebuild shows without restarting the simulator.
    sendText(res, 200, readFileSync(block.bundlePath, "utf8"), JS, noStore);
    return true;
  }
  if (path === "/_sim/admin/nav-menu" && method === "POST") {
    const params = parseParams(await readBody(req), req.headers["content-type"]);
    try {
      const shop = core.shop(typeof params.shop === "string" ? params.shop : null);
      shop.appNavMenu = navLinksFrom(params.links);
      sendJson(res, 200, { shop: shop.domain, links: shop.appNavMenu });
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
    return true;
  }
  return false;
}
