import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import type { Browser } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { testPrisma } from "../integration/sync/sync-support";
import { HISTORY_END, plannedShop } from "../integration/features/plan-support";
import { readPlanCalibration } from "~/engine/plan/plan-calibration";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";

const shopDomain = uniqueShopDomain("history");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let runId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, seed: 21, variants: 60, historyDays: 730, endDate: HISTORY_END }]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
  ({ runId } = await plannedShop(simulator, shopDomain));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

it("shows how the plan did on the shop's own last weeks: service against target and the textbook policy, band coverage, error by collection", async () => {
  const stored = readPlanCalibration((await testPrisma.planRun.findUniqueOrThrow({ where: { id: runId } })).calibration)!;
  // The headline pools every location's replay, each weighted by its cycles.
  const replays = stored.locations.map((l) => l.replays!.find((r) => r.key === "all")!).filter((r) => r.plan.cycles > 0);
  const cycles = replays.reduce((a, r) => a + r.plan.cycles, 0);
  const service = replays.reduce((a, r) => a + r.plan.cycleService * r.plan.cycles, 0) / cycles;
  const weeks = stored.locations.reduce((a, l) => a + l.accuracy!.weeks, 0);
  const coverage = stored.locations.reduce((a, l) => a + l.accuracy!.insideCalibratedBand, 0) / weeks;

  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/plan-history-failure.png", fullPage: true }).then(() => undefined));
  mkdirSync("test-results", { recursive: true });
  await page.goto(simulator.adminUrl(shopDomain, "/app/plan-history"));
  const frame = page.frameLocator("#app-frame");
  await frame.getByRole("heading", { name: "Stock policy on your last 13 weeks" }).waitFor({ state: "visible", timeout: 30_000 });
  expect(await frame.locator("#history-cycle-service").textContent()).toBe(`${(100 * service).toFixed(1)}%`);
  expect(await frame.locator("#history-coverage").textContent()).toBe(`${Math.round(100 * coverage)}% of weeks inside P10–P90`);
  expect(await frame.getByText(/Share of \d+ order cycles that ended without running out, against a target of \d+\.\d%/).count()).toBe(1);
  expect(await frame.getByRole("heading", { name: "Forecast error by collection" }).count()).toBe(1);
  expect(await frame.getByRole("row").count()).toBeGreaterThan(5);
  // The app scrolls inside the admin's frame: a tall window shows the whole page.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await frame.getByRole("heading", { name: "Forecast error by collection" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/plan-history.png" });
  expect(pageErrors).toEqual([]);
});

it("shows a variant's own backtest beside its forecast: what its history said 13 weeks ago, against what came", async () => {
  const shop = await testPrisma.planRun.findUniqueOrThrow({ where: { id: runId } });
  const busiest = await testPrisma.stockPlan.findFirstOrThrow({ where: { shopId: shop.shopId, planRunId: runId }, orderBy: { reorderPoint: "desc" } });
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 1400 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/variant-backtest-failure.png" }).then(() => undefined));
  await page.goto(simulator.adminUrl(shopDomain, `/app/variants/${busiest.variantId}`));
  const frame = page.frameLocator("#app-frame");
  const sentence = frame.locator("#variant-backtest").first();
  await sentence.waitFor({ state: "visible", timeout: 30_000 });
  expect(await sentence.textContent()).toMatch(/^Forecast the same way on [A-Z][a-z]{2} \d+, the 13 weeks since would have come to [\d,]+ units; demand was [\d,]+ \(the dashed purple line against the bars\)(: weekly error \d+% of demand \(WAPE\), .+)?\.$/);
  expect(await frame.getByText("Forecast made 13 weeks ago").count()).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/variant-backtest.png" });
  expect(pageErrors).toEqual([]);
});
