import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
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
import { handleProposalAction } from "~/features/proposals/actions.server";
import { getPurchaseOrder, type PurchaseOrderView } from "~/features/purchase-orders/queries.server";

const shopDomain = uniqueShopDomain("po");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let shopId: number;
let order: PurchaseOrderView;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, seed: 31, variants: 24, historyDays: 400, endDate: HISTORY_END }]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
  ({ shopId } = await plannedShop(simulator, shopDomain));
  // A draft order of three lines at one location, made as the proposals screen makes it.
  const open = await testPrisma.reorderProposal.findMany({ where: { shopId, status: "PROPOSED" }, orderBy: { id: "asc" } });
  const location = open[0]!.locationId;
  const ids = open.filter((l) => l.locationId === location).slice(0, 3).map((l) => String(l.id));
  const who = { shopId, shopDomain, actor: "staff:1" };
  const form = (intent: string) => {
    const data = new FormData();
    data.set("intent", intent);
    for (const id of ids) data.append("id", id);
    return data;
  };
  await handleProposalAction(who, form("approve"));
  const ordered = await handleProposalAction(who, form("order"));
  order = (await getPurchaseOrder(shopId, ("purchaseOrderIds" in ordered ? ordered.purchaseOrderIds : [])![0]!))!;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

/** Shopify's available stock of a line's variant at the order's location, read from the simulated store. */
const shopifyStock = (inventoryItemId: string | null) =>
  simulator.shop(shopDomain).store.levelsByItem.get(inventoryItemId!)!.find((l) => l.locationId === order.locationId)!.quantities.available;
const storedStatus = async () => (await testPrisma.purchaseOrder.findUniqueOrThrow({ where: { id: order.id } })).status;

async function toast(page: Page, text: string): Promise<void> {
  await page.locator("#toasts").getByText(text).first().waitFor({ state: "visible", timeout: 15_000 });
}

it("sends a draft order, exports and prints it, receives it in two parts, and Shopify's stock rises by what arrived", async () => {
  expect(order.lines).toHaveLength(3);
  const before = order.lines.map((l) => shopifyStock(l.inventoryItemId));
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/purchase-order-failure.png" }).then(() => undefined));
  mkdirSync("test-results", { recursive: true });
  const frame = page.frameLocator("#app-frame");
  const po = `PO-${order.number}`;

  // The list opens the order.
  await page.goto(simulator.adminUrl(shopDomain, "/app/purchase-orders"));
  await frame.getByRole("heading", { name: "Purchase orders" }).waitFor({ state: "visible", timeout: 30_000 });
  await frame.getByRole("row", { name: new RegExp(po) }).getByText("Draft").waitFor({ state: "visible" });
  await page.screenshot({ path: "test-results/purchase-orders-list.png" });
  await frame.getByRole("row", { name: new RegExp(po) }).click();
  const heading = frame.getByRole("heading", { name: po, exact: true });
  // The status badge beside the title is the page's only badge; its tone is spelled out for screen readers only.
  const badge = frame.locator(".Polaris-Badge").locator(":scope > :not(.Polaris-Text--visuallyHidden)");
  await heading.waitFor({ state: "visible", timeout: 15_000 });
  expect(await badge.textContent()).toBe("Draft");
  await page.screenshot({ path: "test-results/purchase-order-draft.png" });

  // Draft → sent.
  await frame.getByRole("button", { name: "Mark as sent" }).click();
  await toast(page, `${po} is sent.`);
  await expect.poll(() => badge.textContent()).toBe("Sent");
  expect(await storedStatus()).toBe("SENT");
  expect(await frame.getByText("Marked as sent").count()).toBe(1);

  // The CSV downloads with a line per variant and the total.
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 15_000 }), frame.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`${po}-no-supplier.csv`);
  const csv = readFileSync((await download.path())!, "utf8").trim().split("\n");
  expect(csv[0]).toBe("po_number,supplier,location,status,expected,sku,product,variant,quantity_ordered,quantity_received,unit_cost,line_cost,currency");
  expect(csv).toHaveLength(order.lines.length + 2);
  for (const line of order.lines) expect(csv.some((row) => row.startsWith(`${po},,${order.locationName},SENT,`) && row.includes(`,${line.sku},`) && row.includes(`,${line.quantityOrdered},0,`))).toBe(true);
  expect(csv.at(-1)).toContain(`,Total,,${order.unitsOrdered},0,`);

  // The printable page, on screen and as printed.
  await frame.getByRole("button", { name: "Print" }).or(frame.getByRole("link", { name: "Print" })).first().click();
  await frame.getByRole("heading", { name: `Purchase order ${po}` }).waitFor({ state: "visible", timeout: 15_000 });
  for (const line of order.lines) expect(await frame.getByText(line.sku!, { exact: true }).count()).toBe(1);
  await page.screenshot({ path: "test-results/purchase-order-print.png" });
  await page.emulateMedia({ media: "print" });
  expect(await frame.getByRole("button", { name: "Print or save as PDF" }).isVisible()).toBe(false);
  await page.locator("#app-frame").screenshot({ path: "test-results/purchase-order-printed.png" });
  await page.emulateMedia({ media: "screen" });
  await frame.getByRole("link", { name: po }).or(frame.getByRole("button", { name: po })).first().click();
  await heading.waitFor({ state: "visible", timeout: 15_000 });

  // Part of the first line arrives.
  const [first] = order.lines;
  const part = Math.max(1, Math.floor(first!.quantityOrdered / 2));
  await frame.getByRole("button", { name: "Receive stock" }).click();
  await frame.getByLabel(/Add the received units to Shopify's stock/).waitFor({ state: "visible" });
  expect(await frame.getByLabel(/Add the received units to Shopify's stock/).isChecked()).toBe(true);
  // More than is still to come is refused at the line, and Shopify's stock is left alone.
  await frame.locator(`#received-${first!.id}`).fill(String(first!.quantityOrdered + 1));
  await frame.getByRole("button", { name: "Save receipt" }).click();
  await frame.getByText(`Only ${first!.quantityOrdered} of ${first!.quantityOrdered} still to come.`).waitFor({ state: "visible", timeout: 15_000 });
  expect(shopifyStock(first!.inventoryItemId)).toBe(before[0]);
  await page.screenshot({ path: "test-results/purchase-order-receipt-refused.png" });
  await frame.locator(`#received-${first!.id}`).fill(String(part));
  await page.screenshot({ path: "test-results/purchase-order-receiving.png" });
  await frame.getByRole("button", { name: "Save receipt" }).click();
  await toast(page, `Received ${part} unit${part === 1 ? "" : "s"} on ${po} and added to Shopify's stock at ${order.locationName}.`);
  await expect.poll(() => badge.textContent()).toBe("Partly received");
  expect(await storedStatus()).toBe("PARTIALLY_RECEIVED");
  expect(shopifyStock(first!.inventoryItemId)).toBe(before[0]! + part);
  expect(order.lines.slice(1).map((l) => shopifyStock(l.inventoryItemId))).toEqual(before.slice(1));
  await page.screenshot({ path: "test-results/purchase-order-partly-received.png" });

  // Then the rest of every line.
  await frame.getByRole("button", { name: "Receive stock" }).click();
  await frame.getByRole("button", { name: "Everything still to come arrived" }).click();
  expect(await frame.locator(`#received-${first!.id}`).inputValue()).toBe(String(first!.quantityOrdered - part));
  await frame.getByRole("button", { name: "Save receipt" }).click();
  await toast(page, "the order is complete.");
  await expect.poll(() => badge.textContent()).toBe("Received");
  expect(await storedStatus()).toBe("RECEIVED");
  expect(order.lines.map((l) => shopifyStock(l.inventoryItemId))).toEqual(order.lines.map((l, i) => before[i]! + l.quantityOrdered));
  // A received order offers no more steps.
  expect(await frame.getByRole("button", { name: "Receive stock" }).count()).toBe(0);
  expect(await frame.getByRole("button", { name: "Cancel order" }).count()).toBe(0);
  // The history tells both receipts apart.
  const rest = order.unitsOrdered - part;
  expect(await frame.getByText(`Received ${rest} unit${rest === 1 ? "" : "s"} (complete)`, { exact: true }).count()).toBe(1);
  expect(await frame.getByText(`Received ${part} unit${part === 1 ? "" : "s"}`, { exact: true }).count()).toBe(1);
  await page.screenshot({ path: "test-results/purchase-order-received.png" });

  await frame.getByRole("link", { name: "Purchase orders" }).or(frame.getByRole("button", { name: "Purchase orders" })).first().click();
  await frame.getByRole("tab", { name: "Received" }).click();
  await frame.getByRole("row", { name: new RegExp(po) }).getByText("Received").waitFor({ state: "visible" });
  await page.screenshot({ path: "test-results/purchase-orders-received-tab.png" });
  expect(pageErrors).toEqual([]);
});
