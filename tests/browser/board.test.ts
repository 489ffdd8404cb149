import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { installShop, testPrisma } from "../integration/sync/sync-support";
import { processors } from "~/jobs/processors/index.server";
import { startWebhookInbox, type WebhookInbox } from "~/sync/webhook-inbox.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";
import { formatWeeksOfSupply } from "~/platform/format";
import { closePgPool } from "~/platform/pg-pool.server";
import { runFullPlan } from "~/features/plan-runs/full-plan.server";
import { getOpenAlertsSummary } from "~/features/alerts/view.server";
import { alertPlace } from "~/features/alerts/alert-labels";
import { closeQueues } from "~/platform/queue/queues.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";

const shopDomain = uniqueShopDomain("board");
/** The plan is made today, as the worker's re-plans are; the history ends yesterday. */
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let shopId: number;
let workers: RunningWorkers | undefined;
let inbox: WebhookInbox | undefined;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, seed: 12, variants: 40, locations: 2, historyDays: 400, endDate: yesterday }]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
  shopId = await installShop(simulator, shopDomain);
  const ctx = await loadSyncContext(shopId);
  await runCatalogBackfill(ctx);
  await runOrdersBackfill(ctx);
  await runFullPlan(shopId, "manual", { threads: 1 });
});

afterAll(async () => {
  await inbox?.close();
  await workers?.close();
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function openApp(path: string): Promise<{ page: Page; frame: FrameLocator; errors: string[] }> {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(simulator.adminUrl(shopDomain, path));
  const frame = page.frameLocator("#app-frame");
  await frame.locator(".Polaris-Page").first().waitFor({ state: "visible", timeout: 30_000 });
  return { page, frame, errors };
}

const activePlanOf = async (variantId: bigint, locationId: bigint) => {
  const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  return testPrisma.stockPlan.findFirstOrThrow({ where: { shopId, planRunId: shop.activePlanRunId!, variantId, locationId } });
};

it("rolls the board up by vendor and drills into an at-risk variant's chart and reasons", async () => {
  mkdirSync("test-results", { recursive: true });
  const { page, frame, errors } = await openApp("/app");
  await frame.getByRole("heading", { name: "Demand, supply and stock by week" }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/board.png", fullPage: true });
  // The alert card names each alert's variant and location, not only its product.
  const { alerts } = await getOpenAlertsSummary(shopId, 8);
  expect(alerts.length).toBeGreaterThan(0);
  const alertCard = frame.locator(".Polaris-ShadowBevel").filter({ has: frame.getByRole("heading", { name: "Open alerts" }) });
  for (const alert of alerts) await alertCard.getByText(alertPlace(alert), { exact: true }).first().waitFor({ state: "visible", timeout: 5_000 });
  await alertCard.screenshot({ path: "test-results/board-alerts-card.png" });

  await frame.getByLabel("Roll up by").selectOption("vendor");
  const vendors = new Set(simulator.shop(shopDomain).store.data.products.map((p) => p.vendor || "No vendor"));
  const grid = frame.locator(".Polaris-DataTable").first();
  await expect.poll(async () => (await grid.locator("tbody tr").first().getByRole("button").textContent()) ?? "", { timeout: 15_000 }).toSatisfy((name: string) => vendors.has(name));

  // The first vendor with variants at risk, and its variant-locations soonest stockout first.
  const atRiskRow = grid.locator("tbody tr").filter({ has: frame.getByText(/^\d+ at risk$/) }).first();
  const vendor = (await atRiskRow.getByRole("button").textContent())!;
  await atRiskRow.getByRole("button").click();
  const drillHeading = frame.getByRole("heading", { name: new RegExp(`^Vendor: ${vendor.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · \\d+ variant-locations, soonest stockout first$`) });
  await drillHeading.waitFor({ timeout: 15_000 });
  // The drill-down opens below the whole grid: it scrolls itself into view.
  await expect.poll(() => drillHeading.evaluate((el) => el.getBoundingClientRect().top), { timeout: 5_000 }).toBeLessThan(400);
  await page.screenshot({ path: "test-results/board-vendor-drill.png", fullPage: true });

  const drill = frame.locator(".Polaris-ShadowBevel").filter({ has: drillHeading });
  const firstVariant = drill.locator("tbody a").first();
  const href = (await firstVariant.getAttribute("href"))!;
  const [, variantId, locationId] = href.match(/\/app\/variants\/(\d+)\?location=(\d+)/)!;
  await firstVariant.click();

  await frame.getByRole("heading", { name: "Where the numbers come from" }).waitFor({ timeout: 30_000 });
  const demandCard = frame.locator(".Polaris-ShadowBevel").filter({ has: frame.getByRole("heading", { name: "Demand", exact: true }) });
  const stockCard = frame.locator(".Polaris-ShadowBevel").filter({ has: frame.getByRole("heading", { name: "Stock", exact: true }) });
  await demandCard.locator(".recharts-wrapper").waitFor({ timeout: 10_000 });
  await stockCard.locator(".recharts-wrapper").waitFor({ timeout: 10_000 });
  expect(await demandCard.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(10);
  // The page the drill-down's soonest stockout opens is at risk, and says why in words.
  // It opens on the location the drill-down's row was about: the soonest stockout, shown as a date.
  const stock = await activePlanOf(BigInt(variantId!), BigInt(locationId!));
  expect(stock.projectedStockoutDate).not.toBeNull();
  const locationName = simulator.shop(shopDomain).store.data.locations.find((l) => l.id === locationId)!.name;
  if ((await frame.getByRole("tab").count()) > 0) expect(await frame.getByRole("tab", { selected: true }).textContent()).toBe(locationName);
  const stockout = frame.locator(".Polaris-ShadowBevel").filter({ has: frame.getByText("Projected stockout", { exact: true }) });
  expect(await stockout.getByText("None", { exact: true }).count()).toBe(0);
  const reasons = frame.locator(".Polaris-ShadowBevel").filter({ has: frame.getByRole("heading", { name: "Where the numbers come from" }) }).getByRole("listitem");
  expect(await reasons.filter({ hasText: /^Forecast: / }).count()).toBe(1);
  expect(await reasons.filter({ hasText: /^Policy: / }).count()).toBe(1);
  expect(await stockCard.getByText(stock.projectionReason).count()).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: "test-results/board-variant-detail.png", fullPage: true });
  // The stock chart starts today, at the stock available now.
  await stockCard.screenshot({ path: "test-results/board-variant-stock-chart.png" });
  await expect.poll(() => stockCard.locator(".recharts-wrapper").first().innerHTML(), { timeout: 10_000 }).toMatch(/>Today</);
  expect(errors).toEqual([]);
});

it("shows an order from the shop on the board within seconds, without a reload", async () => {
  workers = startWorkers(processors);
  inbox = await startWebhookInbox();
  const [warehouse] = simulator.shop(shopDomain).store.data.locations;
  const { page, frame, errors } = await openApp(`/app?rollup=location&group=${encodeURIComponent(warehouse!.name)}`);
  const drill = frame.locator(".Polaris-ShadowBevel").filter({ has: frame.getByRole("heading", { name: new RegExp(`^Location: ${warehouse!.name}`) }) });
  await drill.locator("tbody a").first().waitFor({ timeout: 30_000 });
  // The soonest stockout that still has a few units to sell (the first rows may be out already).
  const variantIds = (await drill.locator("tbody a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))).map((href) => BigInt(href.match(/\/app\/variants\/(\d+)/)![1]!));
  let picked: { variantId: bigint; before: Awaited<ReturnType<typeof activePlanOf>> } | undefined;
  for (const id of variantIds) {
    const plan = await activePlanOf(id, BigInt(warehouse!.id));
    if (plan.available >= 2 && plan.weeksOfSupply !== null && plan.weeksOfSupply < 26) {
      picked = { variantId: id, before: plan };
      break;
    }
  }
  if (!picked) throw new Error("no variant on the drill-down's first page has stock left to sell");
  const { variantId, before } = picked;
  const row = drill.locator("tbody tr").filter({ has: frame.locator(`a[href*="/app/variants/${variantId}?"]`) });
  await expect.poll(() => row.textContent()).toContain(formatWeeksOfSupply(before.weeksOfSupply, { locale: "en-US" }));
  // A marker in the app's document: a reload would lose it.
  const appFrame = page.frames().find((f) => f.url().startsWith(app.url))!;
  await appFrame.evaluate(() => ((window as unknown as { boardMarker: string }).boardMarker = "still here"));
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/board-live-before.png", fullPage: true });

  const quantity = Math.ceil(before.available / 2);
  simulator.actions.createOrder(simulator.shop(shopDomain), { lineItems: [{ variantId: variantId.toString(), quantity }], locationId: warehouse!.id });
  await simulator.webhooks.flush(shopDomain);
  // The inbox applies the order, the worker re-plans the variant, and the board's refresh shows it.
  await expect.poll(async () => (await activePlanOf(variantId, BigInt(warehouse!.id))).available, { timeout: 20_000, interval: 250 }).toBe(before.available - quantity);
  const after = await activePlanOf(variantId, BigInt(warehouse!.id));
  expect(after.weeksOfSupply).not.toBe(before.weeksOfSupply);
  await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(formatWeeksOfSupply(after.weeksOfSupply, { locale: "en-US" }));
  expect(await appFrame.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe("still here");
  await page.screenshot({ path: "test-results/board-live-after.png", fullPage: true });
  expect(errors).toEqual([]);
});

it("shows a new shop the setup guide until it is dismissed, and not again", async () => {
  await testPrisma.shop.update({ where: { id: shopId }, data: { setupGuideDismissedAt: null } });
  const { page, frame, errors } = await openApp("/app");
  const guide = frame.locator(".Polaris-ShadowBevel").filter({ has: frame.getByRole("heading", { name: "Set up Tempo" }) });
  await guide.waitFor({ state: "visible", timeout: 30_000 });
  // No supplier, no saved settings, nothing reviewed yet: those three are still to do.
  for (const step of ["Add your suppliers and their lead times", "Check your service levels and horizon", "Review your first reorder proposals"]) {
    await guide.getByRole("heading", { name: step, exact: true }).waitFor({ state: "visible" });
  }
  await guide.screenshot({ path: "test-results/board-setup-guide.png" });
  await guide.getByRole("button", { name: "Dismiss" }).click();
  await guide.waitFor({ state: "detached", timeout: 15_000 });
  await expect.poll(async () => (await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).setupGuideDismissedAt, { timeout: 10_000 }).not.toBeNull();
  await page.reload();
  await frame.getByRole("heading", { name: "Demand, supply and stock by week" }).waitFor({ timeout: 30_000 });
  expect(await frame.getByRole("heading", { name: "Set up Tempo" }).count()).toBe(0);
  expect(errors).toEqual([]);
});
