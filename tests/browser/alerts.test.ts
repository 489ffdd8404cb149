import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import type { Browser } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { testPrisma } from "../integration/sync/sync-support";
import { plannedShop } from "../integration/features/plan-support";
import { findShopById } from "~/platform/shops.server";
import { watchPromotionCaps } from "~/features/promotions/caps.server";
import { notifyOpenedAlerts } from "~/features/alerts/flow-notifier.server";
import { addDays } from "~/engine/calendar";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { getAlertsView } from "~/features/alerts/view.server";

const shopDomain = uniqueShopDomain("alerts");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, seed: 21, variants: 10, historyDays: 90 }]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
  ({ shopId } = await plannedShop(simulator, shopDomain));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

it("lists a reached promotion cap among the alerts, filters to it by kind, and opens its promotion", async () => {
  const variant = await testPrisma.variant.findFirstOrThrow({ where: { shopId }, orderBy: { id: "asc" } });
  const product = await testPrisma.product.findFirstOrThrow({ where: { shopId, id: variant.productId } });
  const today = new Date().toISOString().slice(0, 10);
  const promotion = await testPrisma.promotion.create({
    data: {
      shopId, name: "Spring clearance", status: "LIVE", startsOn: new Date(`${addDays(today, -3)}T00:00:00Z`), endsOn: new Date(`${addDays(today, 3)}T00:00:00Z`),
      discountPct: 30, selection: { variantIds: [String(variant.id)] }, createdBy: "staff:7", capPerVariant: 0, variants: { create: [{ shopId, variantId: variant.id }] },
    },
  });
  const shop = (await findShopById(shopId))!;
  await notifyOpenedAlerts(shop, (await watchPromotionCaps(shop)).toNotify);

  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/alerts-failure.png" }).then(() => undefined));
  mkdirSync("test-results", { recursive: true });
  await page.goto(simulator.adminUrl(shopDomain, "/app/alerts?kind=PROMOTION_CAP_REACHED"));
  const frame = page.frameLocator("#app-frame");
  const row = frame.getByRole("row", { name: /Promotion cap reached/ });
  await row.waitFor({ state: "visible", timeout: 30_000 });
  expect(await frame.getByRole("row", { name: /Promotion cap reached/ }).count()).toBe(1);
  expect(await row.getByText(/"Spring clearance", its cap of 0/).count()).toBe(1);
  expect(await row.getByText(product.title, { exact: true }).count()).toBe(1);
  expect(await row.getByText(/All locations/).count()).toBe(1);
  expect(await row.getByText(/Sent to Shopify Flow/).count()).toBe(1);
  await page.screenshot({ path: "test-results/alerts-promotion-cap.png" });

  // The row opens its promotion, not the variant.
  await row.click();
  await expect.poll(() => page.frames().some((f) => new URL(f.url()).pathname === `/app/promotions/${promotion.id}`), { timeout: 15_000 }).toBe(true);
  expect(pageErrors).toEqual([]);
});

it("snoozes an alert out of the open list and brings it back from its tab", async () => {
  const open = await testPrisma.alert.findMany({ where: { shopId, status: "OPEN" } });
  expect(open.length).toBeGreaterThan(1);
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/alerts-snooze-failure.png" }).then(() => undefined));
  await page.goto(simulator.adminUrl(shopDomain, "/app/alerts"));
  const frame = page.frameLocator("#app-frame");
  const firstRow = frame.locator("tr[id]").first();
  await firstRow.waitFor({ state: "visible", timeout: 30_000 });
  const id = Number(await firstRow.getAttribute("id"));
  await firstRow.getByRole("checkbox").click({ force: true });
  await frame.getByRole("button", { name: "Snooze…" }).click();
  const dialog = frame.getByRole("dialog", { name: "Snooze 1 alert" });
  await dialog.waitFor({ state: "visible" });
  await page.screenshot({ path: "test-results/alerts-snooze-dialog.png" });
  await dialog.getByRole("button", { name: "Snooze", exact: true }).click();
  await page.locator("#toasts").getByText(/^1 alert snoozed until \d{1,2} \w{3}( \d{4})?\.$/).first().waitFor({ state: "visible", timeout: 15_000 });
  await frame.locator(`tr[id="${id}"]`).waitFor({ state: "detached", timeout: 15_000 });
  expect((await testPrisma.alert.findUniqueOrThrow({ where: { id } })).snoozedUntil).not.toBeNull();

  await frame.getByRole("tab", { name: /Snoozed and dismissed/ }).click();
  const snoozed = frame.locator(`tr[id="${id}"]`);
  await snoozed.getByText(/^Snoozed until /).waitFor({ state: "visible", timeout: 15_000 });
  await page.screenshot({ path: "test-results/alerts-snoozed-tab.png" });
  await snoozed.getByRole("checkbox").click({ force: true });
  await frame.getByRole("button", { name: "Back to open" }).click();
  await snoozed.waitFor({ state: "detached", timeout: 15_000 });
  expect((await testPrisma.alert.findUniqueOrThrow({ where: { id } })).snoozedUntil).toBeNull();
  expect(pageErrors).toEqual([]);
});

it("groups open alerts by product, the group with most money at risk first, and says what small amounts it leaves out", async () => {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 1000 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/alerts-grouped-failure.png" }).then(() => undefined));
  await page.goto(simulator.adminUrl(shopDomain, "/app/alerts?group=product&sort=value"));
  const frame = page.frameLocator("#app-frame");
  await frame.getByLabel("Group").waitFor({ state: "visible", timeout: 30_000 });
  const view = await getAlertsView(shopId, new URLSearchParams("group=product&sort=value"));
  const groups = [...new Set(view.alerts.map((a) => a.groupName))];
  expect(groups.length).toBeGreaterThan(0);
  // Each group's header names it; the first on the page is the one with most at risk.
  const headers = frame.locator("th[scope=colgroup]");
  await expect.poll(() => headers.count()).toBe(groups.length);
  expect(await headers.first().textContent()).toMatch(new RegExp(`^${groups[0]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  if (view.small.count > 0) expect(await frame.locator("#alerts-small-summary").textContent()).toMatch(/^\d+ alerts? with less than \$25 at risk each \(\$[\d,]+ in all\) are not listed\.$/);
  await page.screenshot({ path: "test-results/alerts-grouped.png" });
  expect(pageErrors).toEqual([]);
});
