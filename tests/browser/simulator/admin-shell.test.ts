import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySessionToken } from "../../simulator/auth/jwt";
import type { RunningSimulator } from "../../simulator/server";
import { DESKTOP_USER_AGENT, launchChromium } from "../../support/browser";
import { startTestSimulator, TEST_APP } from "../../unit/simulator/helpers";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A stand-in embedded app page: loads the stub, declares a nav menu, calls its own API with fetch. */
function appPage(simulatorUrl: string, title: string): string {
  return `<!doctype html><html><head><script src="${simulatorUrl}/app-bridge.js" data-api-key="${TEST_APP.apiKey}"></script></head>
<body><h1>${title}</h1><ui-nav-menu><a href="/app" rel="home">Home</a><a href="/app/plans">Plans</a></ui-nav-menu>
<div id="who">pending</div>
<script>
  fetch("/api/whoami").then((r) => r.text()).then((t) => { document.getElementById("who").textContent = t; shopify.toast.show("Loaded " + t); });
  window.addEventListener("popstate", () => { document.querySelector("h1").textContent = "routed to " + location.pathname; });
</script></body></html>`;
}

describe.skipIf(!existsSync(CHROMIUM))("admin shell in Chromium", () => {
  let sim: RunningSimulator;
  let app: Server;
  let browser: Browser;
  beforeAll(async () => {
    app = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://app");
      if (url.pathname === "/api/whoami") {
        const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        const verified = verifySessionToken(token, { apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret });
        res.writeHead(200, { "content-type": "text/plain" }).end(verified.ok ? `user ${verified.claims.sub} of ${verified.claims.dest}` : `rejected: ${verified.reason}`);
        return;
      }
      res.writeHead(200, { "content-type": "text/html" }).end(appPage(sim.url, url.pathname === "/app/plans" ? "Plans page" : "Home page"));
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    sim = await startTestSimulator({ appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await new Promise<void>((resolve) => app.close(() => resolve()));
  });

  it("frames the app, relays its nav menu and toasts, authorises its fetches, and routes nav clicks", async () => {
    const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT });
    await page.goto(sim.adminUrl(undefined, "/app"));
    const frame = page.frameLocator("#app-frame");
    await expect.poll(() => frame.locator("#who").textContent(), { timeout: 10_000 }).toBe(`user 1 of https://${sim.shop().domain}`);
    await expect.poll(() => page.locator(".toast").first().textContent(), { timeout: 5_000 }).toContain("Loaded user 1");
    // The admin keeps the menu, so its other pages (a product page) list it too.
    await expect.poll(() => sim.shop().appNavMenu, { timeout: 5_000 }).toEqual([{ label: "Plans", href: "/app/plans" }]);
    await page.locator("#app-links a", { hasText: "Plans" }).click();
    await expect.poll(() => frame.locator("h1").textContent(), { timeout: 5_000 }).toBe("routed to /app/plans");
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/store/${sim.shop().domain.replace(".myshopify.com", "")}/apps/tempo/app/plans`);
    await page.close();
  });
});
