import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { closeQueues } from "~/platform/queue/queues.server";

const shopDomain = uniqueShopDomain("browser");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain }]);
  // The app loads App Bridge from the simulator and lets its admin shell frame it.
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
});

it("renders the Polaris board inside the local admin's frame", async () => {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(simulator.adminUrl(shopDomain, "/app"));

  const frame = page.frameLocator("#app-frame");
  await frame.getByText("Data in Tempo").waitFor({ state: "visible", timeout: 30_000 });
  await frame.locator(".Polaris-Page").waitFor({ state: "visible" });
  expect(await frame.locator(".Polaris-Page").getByRole("heading").first().textContent()).toMatch(/^S&OP board/);
  expect(await frame.locator("#count-variants").textContent()).toMatch(/^\d[\d,]*$/);
  // App Bridge's title bar reaches the shell through the stub, as it reaches Shopify's admin.
  await page.locator("#title").getByText("S&OP board").waitFor({ state: "visible", timeout: 10_000 });

  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: "test-results/admin-shell-overview.png", fullPage: true });
  expect(pageErrors).toEqual([]);
});
