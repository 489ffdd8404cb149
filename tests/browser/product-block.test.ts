import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { seedCommittedPlan } from "../support/plan-fixtures";
import { ensureExtensionsBuilt } from "../support/shopify-app-build";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { installShop, testPrisma } from "../integration/sync/sync-support";
import { closeQueues } from "~/platform/queue/queues.server";

const shopDomain = uniqueShopDomain("block");
const newShopDomain = uniqueShopDomain("block-new");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let productId: string;
let variantIds: string[];

beforeAll(async () => {
  ensureExtensionsBuilt();
  simulator = await startSimulatedShops([{ shopDomain, locations: 2 }, { shopDomain: newShopDomain }]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();

  const shopId = await installShop(simulator, shopDomain);
  const newShopId = await installShop(simulator, newShopDomain);
  const newShopProduct = simulator.shop(newShopDomain).store.data.products[0]!;
  await testPrisma.product.create({ data: { shopId: newShopId, id: BigInt(newShopProduct.id), title: newShopProduct.title } });
  const data = simulator.shop(shopDomain).store.data;
  const product = data.products.find((p) => data.variants.filter((v) => v.productId === p.id).length >= 2)!;
  productId = product.id;
  const variants = data.variants.filter((v) => v.productId === product.id).slice(0, 3);
  variantIds = variants.map((v) => v.id);
  const [warehouse, store] = data.locations;
  // The plan starts from the shop's real stock, so the block agrees with the Variants card.
  const availableAt = (variantId: string, locationId: string) => {
    const variant = simulator.shop(shopDomain).store.variantsById.get(variantId)!;
    const level = simulator.shop(shopDomain).store.levelsByItem.get(variant.inventoryItemId)?.find((l) => l.locationId === locationId);
    return level?.quantities.available ?? 0;
  };
  await seedCommittedPlan(testPrisma, {
    shopId,
    productId: BigInt(product.id),
    productTitle: product.title,
    asOf: "2026-12-01",
    variants: variants.map((v, i) => ({
      variantId: BigInt(v.id),
      title: v.title,
      sku: v.sku,
      locations: [
        {
          locationId: BigInt(warehouse!.id),
          locationName: warehouse!.name,
          available: availableAt(v.id, warehouse!.id),
          inbound: i === 0 ? 0 : 60,
          weeksOfSupply: [1.5, 4.2, 9.8][i] ?? 8,
          projectedStockoutDate: ["2026-12-11", "2026-12-30", null][i] ?? null,
          orderByDate: ["2026-11-20", "2026-12-09", null][i] ?? null,
          proposal: i === 0 ? { status: "PROPOSED" as const, quantity: 180, orderByDate: "2026-12-02", expectedArrivalDate: "2026-12-23" } : undefined,
        },
        ...(store ? [{ locationId: BigInt(store.id), locationName: store.name, available: availableAt(v.id, store.id), weeksOfSupply: 6.5, projectedStockoutDate: "2027-01-14", orderByDate: "2026-12-24" }] : []),
      ],
    })),
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await testPrisma.$disconnect();
});

it("shows Tempo's stock outlook block on the product page and links into the variant in the app frame", async () => {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1280, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(simulator.productUrl(shopDomain, productId));

  const block = page.locator('[data-extension="product-stock-outlook"]');
  await block.getByRole("columnheader", { name: "Weeks of supply" }).waitFor({ state: "visible", timeout: 30_000 });
  await expect.poll(() => block.getAttribute("data-state")).toBe("rendered");
  expect(await block.locator(".extension-error").isHidden()).toBe(true);
  await expect.poll(() => block.getByText("Stock outlook · Tempo").count()).toBe(1);
  const firstRow = block.getByRole("row").nth(1);
  expect(await firstRow.getByRole("cell").nth(2).textContent()).toBe("1.5 weeks");
  expect(await firstRow.getByRole("status").first().textContent()).toBe("Dec 11, 2026");
  expect(await firstRow.getByText("180 units, order by Dec 2").count()).toBe(1);
  expect(await block.getByText("From Tempo's plan of Dec 1, 2026").count()).toBe(1);
  // The admin's sidebar lists the app under Apps.
  expect(await page.locator("nav").getByRole("link", { name: "Tempo" }).count()).toBe(1);

  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: "test-results/admin-product-block.png", fullPage: true });

  const firstVariant = simulator.shop(shopDomain).store.variantsById.get(variantIds[0]!)!;
  await block.getByRole("link", { name: firstVariant.title }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/apps/tempo-sop/app/variants/${variantIds[0]}`), { timeout: 15_000 });
  const frameSrc = await page.locator("#app-frame").getAttribute("src");
  expect(new URL(frameSrc ?? "").pathname).toBe(`/app/variants/${variantIds[0]}`);
  await page.screenshot({ path: "test-results/admin-product-block-link.png" });
  expect(pageErrors).toEqual([]);
});

it("explains on a shop Tempo has not planned yet that the first plan is on its way", async () => {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1280, height: 700 } });
  const product = simulator.shop(newShopDomain).store.data.products[0]!;
  await page.goto(simulator.productUrl(newShopDomain, product.id));
  const block = page.locator('[data-extension="product-stock-outlook"]');
  await block.getByRole("heading", { name: "Tempo is still building the first plan" }).waitFor({ state: "visible", timeout: 30_000 });
  expect(await block.getByRole("columnheader").count()).toBe(0);
  await page.screenshot({ path: "test-results/admin-product-block-no-plan.png" });
});
