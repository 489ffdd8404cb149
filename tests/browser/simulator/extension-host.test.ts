import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySessionToken } from "../../simulator/auth/jwt";
import { tinyShop } from "../../simulator/fixtures/tiny-shop";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { DESKTOP_USER_AGENT, launchChromium } from "../../support/browser";
import { TEST_APP } from "../../unit/simulator/helpers";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TARGET = "admin.product-details.block.render";

/** Shaped like Shopify CLI's output for API 2025-10 and later: an IIFE that calls shopify.extend. */
const WORKING_BUNDLE = `(() => {
  async function render() {
    const block = document.createElement("s-admin-block");
    block.setAttribute("heading", "Fake outlook");
    const who = document.createElement("s-text");
    const whoText = document.createTextNode("asking the app");
    who.appendChild(whoText);
    const selected = document.createElement("s-paragraph");
    selected.appendChild(document.createTextNode("selected " + shopify.data.selected[0].id + " in " + shopify.extension.target));
    const link = document.createElement("s-link");
    link.setAttribute("href", "app:app/variants/77");
    link.appendChild(document.createTextNode("Open variant 77"));
    block.appendChild(who);
    block.appendChild(selected);
    block.appendChild(link);
    document.body.appendChild(block);
    const response = await fetch("/api/whoami");
    whoText.data = await response.text();
  }
  shopify.extend("${TARGET}", (...args) => render(...args));
})();`;

describe.skipIf(!existsSync(CHROMIUM))("admin block host in Chromium", () => {
  let sim: RunningSimulator;
  let app: Server;
  let browser: Browser;
  let dir: string;
  const shop = tinyShop();
  const product = shop.products[0]!;
  const writeBundle = (source: string) => writeFileSync(join(dir, "fake-block", "dist", "fake-block.js"), source);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sim-host-"));
    mkdirSync(join(dir, "fake-block", "dist"), { recursive: true });
    writeFileSync(
      join(dir, "fake-block", "shopify.extension.toml"),
      `api_version = "2026-07"\n[[extensions]]\nname = "Fake block"\nhandle = "fake-block"\ntype = "ui_extension"\n[[extensions.targeting]]\nmodule = "./src/index.tsx"\ntarget = "${TARGET}"\n`,
    );
    app = createServer((req, res) => {
      // The block's fetch is cross-origin: answer the preflight and let the admin read the answer.
      const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "Authorization, Content-Type" };
      if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      const verified = verifySessionToken(token, { apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret });
      res.writeHead(200, { "content-type": "text/plain", ...cors }).end(verified.ok ? `app saw ${verified.claims.dest} for ${verified.claims.aud}` : `rejected: ${verified.reason}`);
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    sim = await startSimulator({ app: { ...TEST_APP, appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`, extensionsDir: dir }, shops: [shop] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await new Promise<void>((resolve) => app.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the bundle in a worker with shopify.data.selected, a session token on its fetch, and app: links into the app frame", async () => {
    writeBundle(WORKING_BUNDLE);
    const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT });
    await page.goto(sim.productUrl(undefined, product.id));
    const block = page.locator('[data-extension="fake-block"]');
    await expect.poll(() => block.locator("s-text").textContent(), { timeout: 10_000 }).toBe(`app saw https://${shop.shop.domain} for ${TEST_APP.apiKey}`);
    expect(await block.getByRole("heading", { name: "Fake outlook" }).count()).toBe(1);
    expect(await block.locator("s-paragraph").textContent()).toBe(`selected gid://shopify/Product/${product.id} in ${TARGET}`);
    // The worker has no window of the page: the bundle never touched the admin's DOM directly.
    expect(await page.evaluate(() => typeof (window as unknown as { shopify?: unknown }).shopify)).toBe("undefined");
    await block.getByRole("link", { name: "Open variant 77" }).click();
    await page.waitForURL((url) => url.pathname === `/store/${shop.shop.domain.replace(".myshopify.com", "")}/apps/tempo/app/variants/77`);
    expect(new URL((await page.locator("#app-frame").getAttribute("src")) ?? "").pathname).toBe("/app/variants/77");
    await page.close();
  });

  it("shows in the block's card why a bundle failed: a throw, or no handler for the target", async () => {
    const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT });
    const block = page.locator('[data-extension="fake-block"]');
    writeBundle(`shopify.extend("${TARGET}", async () => { throw new Error("boom in render"); });`);
    await page.goto(sim.productUrl(undefined, product.id));
    await expect.poll(() => block.locator(".extension-error").textContent(), { timeout: 10_000 }).toBe("The extension threw: boom in render");
    writeBundle(`shopify.extend("admin.order-details.block.render", () => {});`);
    await page.reload();
    await expect.poll(() => block.locator(".extension-error").textContent(), { timeout: 10_000 }).toBe(
      `The bundle registered nothing for ${TARGET} (shopify.extend was called for admin.order-details.block.render)`,
    );
    expect(await block.getAttribute("data-state")).toBe("error");
    await page.close();
  });
});
