import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { installShop, testPrisma } from "../integration/sync/sync-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";

const shopDomain = uniqueShopDomain("suppliers");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, variants: 10, historyDays: 30 }]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
  shopId = await installShop(simulator, shopDomain);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

async function toast(page: Page, text: string): Promise<void> {
  await page.locator("#toasts").getByText(text).first().waitFor({ state: "visible", timeout: 15_000 });
}

it("refuses a suppliers file with a bad row, naming its line, column and value and writing nothing; then imports a good one", async () => {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/suppliers-failure.png" }).then(() => undefined));
  mkdirSync("test-results", { recursive: true });
  await page.goto(simulator.adminUrl(shopDomain, "/app/suppliers"));
  const frame = page.frameLocator("#app-frame");
  await frame.getByText("Add your suppliers").waitFor({ state: "visible", timeout: 30_000 });
  await page.screenshot({ path: "test-results/suppliers-empty.png" });

  // The template downloads with the columns the import reads.
  const card = frame.getByRole("region", { name: "Import suppliers" });
  const [template] = await Promise.all([page.waitForEvent("download", { timeout: 15_000 }), card.getByRole("button", { name: "Download template" }).click()]);
  expect(template.suggestedFilename()).toBe("tempo-suppliers-template.csv");
  expect(readFileSync((await template.path())!, "utf8").split("\n")[0]).toBe("name,contact_email,currency,lead_time_days,lead_time_sd_days,order_cycle_days,moq_units,moq_value,case_pack,vendors");

  // One bad cell in the third line: the page names it, and not even the good rows are written.
  const input = card.locator('input[type="file"]');
  await input.setInputFiles(csvFile("suppliers-bad.csv", "name,lead_time_days,case_pack\nPacific Mills,35,6\nAtlas Knitwear,forty,12\nMeridian Goods,21,1\n"));
  const problems = card.getByRole("alert");
  await problems.getByText("Nothing was imported: 1 problem in suppliers-bad.csv").waitFor({ state: "visible", timeout: 15_000 });
  expect(await problems.getByRole("listitem").allTextContents()).toEqual(['Line 3, column lead_time_days ("forty"): "forty" is not a whole number.']);
  expect(await testPrisma.supplier.count({ where: { shopId } })).toBe(0);
  expect(await frame.getByText("Add your suppliers").count()).toBe(1);
  await page.screenshot({ path: "test-results/suppliers-import-refused.png" });

  // The corrected file imports, and the list shows what it holds.
  await input.setInputFiles(csvFile("suppliers.csv", "name,contact_email,lead_time_days,case_pack,vendors\nPacific Mills,orders@pacific.example,35,6,\nAtlas Knitwear,,40,12,Atlas|AK\nMeridian Goods,,21,1,\n"));
  await toast(page, "3 suppliers imported: 3 new, 0 updated.");
  await card.getByText("3 suppliers imported: 3 new, 0 updated.").waitFor({ state: "visible" });
  expect(await card.getByText("Nothing was imported").count()).toBe(0);
  const stored = await testPrisma.supplier.findMany({ where: { shopId }, orderBy: { name: "asc" } });
  expect(stored.map((s) => [s.name, s.leadTimeDays, s.casePack])).toEqual([
    ["Atlas Knitwear", 40, 12],
    ["Meridian Goods", 21, 1],
    ["Pacific Mills", 35, 6],
  ]);
  const atlas = frame.getByRole("row", { name: /Atlas Knitwear/ });
  await atlas.waitFor({ state: "visible", timeout: 15_000 });
  expect(await atlas.getByText("40 days").count()).toBe(1);
  expect(await atlas.getByText("Atlas, AK").count()).toBe(1);
  expect(await frame.getByRole("row", { name: /Pacific Mills/ }).getByText("orders@pacific.example").count()).toBe(1);
  await page.screenshot({ path: "test-results/suppliers-imported.png" });
  expect(pageErrors).toEqual([]);
});

it("edits a supplier in the form the same fields label and check, with the file's message for a bad value", async () => {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/supplier-form-failure.png" }).then(() => undefined));
  const atlas = await testPrisma.supplier.findFirstOrThrow({ where: { shopId, name: "Atlas Knitwear" } });
  await page.goto(simulator.adminUrl(shopDomain, `/app/suppliers/${atlas.id}`));
  const frame = page.frameLocator("#app-frame");
  const leadTime = frame.getByLabel("Lead time", { exact: true });
  await leadTime.waitFor({ state: "visible", timeout: 30_000 });
  expect(await leadTime.inputValue()).toBe("40");
  // The list reads back as the form types it: commas, not the file's "|".
  expect(await frame.getByLabel("Vendors it supplies").inputValue()).toBe("Atlas, AK");

  await leadTime.fill("400");
  await frame.getByRole("button", { name: "Save" }).click();
  await frame.getByText("400 is outside 1–365.").waitFor({ state: "visible", timeout: 15_000 });
  expect((await testPrisma.supplier.findUniqueOrThrow({ where: { id: atlas.id } })).leadTimeDays).toBe(40);

  await leadTime.fill("45");
  await frame.getByRole("button", { name: "Save" }).click();
  await toast(page, "Atlas Knitwear saved.");
  expect(await testPrisma.supplier.findUniqueOrThrow({ where: { id: atlas.id } })).toMatchObject({ leadTimeDays: 45, casePack: 12, vendorNames: ["Atlas", "AK"] });
  expect(pageErrors).toEqual([]);
});
