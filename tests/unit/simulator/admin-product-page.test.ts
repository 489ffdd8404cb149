import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyShop } from "../../simulator/fixtures/tiny-shop";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { TEST_APP } from "./helpers";

const BLOCK_TOML = `api_version = "2026-07"
[[extensions]]
name = "Outlook block"
handle = "outlook-block"
type = "ui_extension"
  [[extensions.targeting]]
  module = "./src/index.tsx"
  target = "admin.product-details.block.render"
`;
const UNBUILT_TOML = BLOCK_TOML.replace(/outlook-block/g, "unbuilt-block").replace("Outlook block", "Unbuilt block");
const ACTION_TOML = BLOCK_TOML.replace(/outlook-block/g, "order-action").replace("admin.product-details.block.render", "admin.order-details.action.render");

const configOf = (html: string) => JSON.parse(/<script id="sim-extension-config" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1] ?? "null");

describe("admin product pages with the app's blocks", () => {
  let sim: RunningSimulator;
  let dir: string;
  const shop = tinyShop();
  const product = shop.products[0]!;
  const store = `/store/${shop.shop.domain.replace(".myshopify.com", "")}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sim-blocks-"));
    for (const [folder, toml] of Object.entries({ "outlook-block": BLOCK_TOML, "unbuilt-block": UNBUILT_TOML, "order-action": ACTION_TOML })) {
      mkdirSync(join(dir, folder, "dist"), { recursive: true });
      writeFileSync(join(dir, folder, "shopify.extension.toml"), toml);
    }
    writeFileSync(join(dir, "outlook-block", "dist", "outlook-block.js"), "/* built */ shopify.extend('admin.product-details.block.render', () => {});");
    sim = await startSimulator({ app: { ...TEST_APP, appUrl: "http://127.0.0.1:3999", extensionsDir: dir }, shops: [shop] });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("hosts each block for the product target with the product selected, and says which are not built", async () => {
    const response = await fetch(sim.productUrl(undefined, product.id));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<h1>${product.title}</h1>`);
    const config = configOf(html);
    expect(config.selected).toEqual([{ id: `gid://shopify/Product/${product.id}` }]);
    expect(config.appUrl).toBe("http://127.0.0.1:3999");
    expect(config.appBase).toBe(`${store}/apps/tempo`);
    expect(config.blocks).toEqual([
      { handle: "outlook-block", target: "admin.product-details.block.render", bundleUrl: "/_sim/extensions/outlook-block.js" },
      {
        handle: "unbuilt-block",
        target: "admin.product-details.block.render",
        bundleUrl: null,
        missing: expect.stringMatching(/^Unbuilt block is not built: run `shopify app build`/),
      },
    ]);
    expect(html).not.toContain("order-action");
  });

  it("serves the built bundle as Shopify CLI wrote it, and refuses an unbuilt one", async () => {
    const built = await fetch(`${sim.url}/_sim/extensions/outlook-block.js`);
    expect(built.headers.get("content-type")).toContain("javascript");
    expect(await built.text()).toContain("/* built */");
    const unbuilt = await fetch(`${sim.url}/_sim/extensions/unbuilt-block.js`);
    expect(unbuilt.status).toBe(404);
    expect(await unbuilt.json()).toEqual({ error: "No built bundle for extension unbuilt-block: run `shopify app build`" });
  });

  it("serves the host and sandbox scripts as parseable classic scripts", async () => {
    for (const name of ["extension-host", "extension-sandbox"]) {
      const script = await fetch(`${sim.url}/_sim/admin/${name}.js`);
      expect(script.headers.get("content-type")).toContain("javascript");
      const source = await script.text();
      expect(() => new Function(source)).not.toThrow();
    }
  });

  it("lists the products and answers 404 for a product the shop does not have", async () => {
    const list = await (await fetch(`${sim.url}${store}/products`)).text();
    expect(list).toContain(`href="${store}/products/${product.id}"`);
    expect((await fetch(sim.productUrl(undefined, "999999999"))).status).toBe(404);
  });

  it("keeps the app's nav menu once the app frame reports it and lists it in the sidebar of every admin page", async () => {
    const saved = await fetch(`${sim.url}/_sim/admin/nav-menu`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shop: shop.shop.domain, links: [{ label: "Proposals", href: "/app/proposals" }, { label: "Purchase orders", href: "/app/purchase-orders" }] }),
    });
    expect(saved.status).toBe(200);
    for (const url of [sim.productUrl(undefined, product.id), sim.adminUrl(undefined, "/app")]) {
      const html = await (await fetch(url)).text();
      expect(html).toContain(`<a class="app-link" href="${store}/apps/tempo/app/proposals" data-path="/app/proposals">Proposals</a>`);
      expect(html).toContain(">Purchase orders</a>");
    }
    const refused = await fetch(`${sim.url}/_sim/admin/nav-menu`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ links: [{ label: "x", href: "https://evil.example" }] }) });
    expect(refused.status).toBe(400);
  });
});
