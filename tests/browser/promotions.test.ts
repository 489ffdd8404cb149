import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { testPrisma } from "../integration/sync/sync-support";
import { HISTORY_END, plannedShop } from "../integration/features/plan-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { syncDiscounts } from "~/sync/discounts-sync.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { shopToday } from "~/engine/plan/open-orders";
import { addDays } from "~/engine/calendar";

// Marketing's whole question on screen: a discount already in Shopify checked in one click,
// and a promotion stock cannot carry phased until it can.
const shopDomain = uniqueShopDomain("promo-screens");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, seed: 31, variants: 50, historyDays: 500, endDate: HISTORY_END, locations: 2 }]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  // The model's own intervals, as in tests/integration/features/promotions/promotions.test.ts (which says why).
  ({ shopId } = await plannedShop(simulator, shopDomain, { learnCalibration: false }));
  await syncDiscounts(await loadSyncContext(shopId));
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function openAdmin(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(simulator.adminUrl(shopDomain, path));
  return { page, errors };
}

const shot = async (page: Page, name: string) => {
  mkdirSync("test-results/promotions", { recursive: true });
  await page.screenshot({ path: `test-results/promotions/${name}.png`, fullPage: true });
};

it("checks a discount already scheduled in Shopify in one click, and says it never changes it", async () => {
  const { page, errors } = await openAdmin("/app/promotions");
  const frame = page.frameLocator("#app-frame");
  await frame.getByRole("heading", { name: "Scheduled in Shopify" }).waitFor({ state: "visible", timeout: 30_000 });
  await shot(page, "1-promotions-with-offers");
  await frame.getByRole("button", { name: "Check VIP20 against stock" }).click();

  await frame.getByRole("button", { name: "Open the discount in Shopify" }).waitFor({ state: "visible", timeout: 20_000 });
  expect(await frame.getByText("Tempo reads this discount and never changes it.").count()).toBe(1);
  expect(await frame.getByLabel("Name").inputValue()).toBe("VIP20");
  expect(await frame.getByLabel("Discount").inputValue()).toBe("20");
  await frame.locator("#promotion-verdict-reason").waitFor({ state: "visible" });
  expect(await frame.locator("#promotion-verdict-reason").textContent()).toMatch(/^(Supportable|At risk|Not supportable):/);
  const promotion = await testPrisma.promotion.findFirstOrThrow({ where: { shopId, name: "VIP20" } });
  expect(promotion.shopifyDiscountId).not.toBeNull();
  await shot(page, "2-editor-from-shopify-discount");

  // The admin link opens the discount's own page in the (local) Shopify admin.
  await frame.getByRole("button", { name: "Open the discount in Shopify" }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/discounts/${promotion.shopifyDiscountId}`), { timeout: 15_000 });
  await page.getByText("VIP20").first().waitFor({ state: "visible" });
  await shot(page, "3-discount-in-shopify");
  expect(errors).toEqual([]);
});

it("shows a promotion stock cannot carry as not supportable, and a phasing option makes it supportable", async () => {
  const store = simulator.shop(shopDomain).store;
  const vip = store.data.discounts.find((d) => d.title === "VIP20")!;
  // The shop's three best sellers (what VIP20 runs on), at ×8 for two weeks: more than stock holds.
  const bestSellers = ("productIds" in vip.items ? vip.items.productIds : []).map((id) => store.data.products.find((p) => p.id === id)!);
  expect(bestSellers).toHaveLength(3);
  const shop = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  const today = shopToday(shop.ianaTimezone ?? "UTC");

  const { page, errors } = await openAdmin("/app/promotions/new");
  const frame = page.frameLocator("#app-frame");
  await frame.getByLabel("Name").waitFor({ state: "visible", timeout: 30_000 });
  await frame.getByLabel("Name").fill("Flash sale");
  await frame.getByLabel("First day").fill(addDays(today, 2));
  await frame.getByLabel("Last day").fill(addDays(today, 15));
  await frame.getByLabel("Discount").fill("40");
  await frame.getByLabel("Expected sales multiplier").fill("8");
  const search = frame.getByPlaceholder("Search products by title, vendor or SKU");
  for (const product of bestSellers) {
    await search.fill(product.title.slice(0, 8));
    await frame.getByRole("option", { name: new RegExp(`^${product.title} \\(`) }).click();
  }
  await expect.poll(() => frame.locator(".Polaris-Tag").allTextContents()).toEqual(bestSellers.map((p) => p.title));

  // The verdict follows the form before anything is saved.
  const reason = frame.locator("#promotion-verdict-reason");
  await expect.poll(() => reason.textContent(), { timeout: 20_000 }).toMatch(/^Not supportable: .* run short on the expected path \(.* from \d+ \w+/);
  // Each short variant says from which day, by how much, and what it has against it.
  expect(await frame.getByText(/^Short from \d+ \w+ \(day \d+ of the promotion\): [\d.]+ units short/).count()).toBeGreaterThan(0);
  await shot(page, "4-new-promotion-not-supportable");

  // A field made invalid keeps the last check up, and the chosen products with it, instead of "0 variants".
  // First the check of all three products must have landed (each pick starts one, a moment after the last).
  const counted = frame.getByText(/^\d+ variants? from 3 choices$/);
  const variantsPicked = await testPrisma.variant.count({ where: { shopId, productId: { in: bestSellers.map((p) => BigInt(p.id)) }, deletedAt: null } });
  const countedBefore = `${variantsPicked} variant${variantsPicked === 1 ? "" : "s"} from 3 choices`;
  await expect.poll(() => counted.textContent(), { timeout: 20_000 }).toBe(countedBefore);
  expect(variantsPicked).toBeGreaterThan(0);
  await frame.getByLabel("Discount").fill("");
  await frame.getByText("Fix the highlighted field to check again: this is the last check Tempo could make.").waitFor({ state: "visible", timeout: 20_000 });
  expect(await counted.textContent()).toBe(countedBefore);
  expect(await reason.textContent()).toMatch(/^Not supportable: /);
  await shot(page, "4b-new-promotion-invalid-field");
  await frame.getByLabel("Discount").fill("40");
  await frame.getByText("Fix the highlighted field to check again").waitFor({ state: "detached", timeout: 20_000 });

  await frame.getByRole("button", { name: "Save draft" }).first().click();
  await expect.poll(() => page.frames().some((f) => /^\/app\/promotions\/\d+$/.test(new URL(f.url()).pathname)), { timeout: 20_000 }).toBe(true);
  // Options are ranked cards side by side; their Apply buttons come in rank order.
  const heading = frame.getByRole("heading", { name: /^\d+\. Cap and leave out$/ });
  await heading.waitFor({ state: "visible", timeout: 20_000 });
  const rank = Number((await heading.textContent())!.split(".")[0]);
  expect(await frame.locator(`#option-${rank}`).textContent()).toMatch(/^Cap \d+ variants? \(.*\) and leave out \d+ variants? no cap can carry: /);
  await shot(page, "5-phasing-options");
  // Saved, every option can be applied ("Save first to apply" before): wait for the saved page's buttons.
  const apply = frame.getByRole("button", { name: "Apply", exact: true });
  await expect.poll(() => apply.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(rank);
  await apply.nth(rank - 1).click();

  await expect.poll(() => reason.textContent(), { timeout: 20_000 }).toMatch(/^Supportable:/);
  const saved = await testPrisma.promotion.findFirstOrThrow({ where: { shopId, name: "Flash sale" }, include: { variants: true } });
  expect(saved.verdict).toBe("supportable");
  expect(saved.variants.some((v) => v.excluded)).toBe(true);
  expect(saved.variants.some((v) => v.capUnits !== null)).toBe(true);
  await shot(page, "6-after-phasing-supportable");
  expect(errors).toEqual([]);
});
