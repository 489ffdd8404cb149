import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it, onTestFailed } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import type { RunningSimulator } from "../simulator/server";
import { startAppServer, type RunningAppServer } from "../support/app-server";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { startSimulatedShops, uniqueShopDomain } from "../support/simulated-shop";
import { TEST_APP_PORT } from "../support/test-app";
import { installShop, testPrisma } from "../integration/sync/sync-support";
import { HISTORY_END, plannedShop } from "../integration/features/plan-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { listProposals, type ProposalLine } from "~/features/proposals/queries.server";
import { lineCost, weeksOfSupply } from "~/features/proposals/line-preview";
import { formatMoney, formatWeeksOfSupply } from "~/platform/format";

const shopDomain = uniqueShopDomain("proposals");
const unplannedDomain = uniqueShopDomain("proposals-new");
let simulator: RunningSimulator;
let app: RunningAppServer;
let browser: Browser;
let shopId: number;
let lines: ProposalLine[];

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain, seed: 31, variants: 24, historyDays: 400, endDate: HISTORY_END },
    { shopDomain: unplannedDomain, variants: 5, historyDays: 30 },
  ]);
  process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
  process.env.ADDITIONAL_FRAME_ANCESTORS = simulator.url;
  app = await startAppServer(TEST_APP_PORT);
  browser = await launchChromium();
  ({ shopId } = await plannedShop(simulator, shopDomain));
  await installShop(simulator, unplannedDomain);
  // The screen's own order: soonest order-by first.
  lines = await listProposals(shopId, { statuses: ["PROPOSED"], sort: "order_by" });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

const money = (amount: number | null) => formatMoney(amount, { locale: "en-US", currencyCode: "USD", timezone: "UTC" });
const weeks = (value: number | null) => formatWeeksOfSupply(value, { locale: "en-US" });
const row = (frame: FrameLocator, id: number) => frame.locator(`tr[id="${id}"]`);
const select = (frame: FrameLocator, id: number) => row(frame, id).getByLabel("Select line").click({ force: true });
const status = async (id: number) => (await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id } })).status;

async function toast(page: Page, text: string): Promise<void> {
  await page.locator("#toasts").getByText(text).first().waitFor({ state: "visible", timeout: 15_000 });
}

it("edits, approves, rejects with a reason and bulk-approves proposals, then turns the approved lines into a purchase order", async () => {
  // One line to edit, one to approve, one to reject, three to approve together; all at one location so they make one order.
  const selling = (l: ProposalLine) => l.unitCost !== null && weeksOfSupply(l, 0).now !== null;
  const location = [...new Set(lines.map((l) => l.locationId))].find((loc) => lines.filter((l) => l.locationId === loc && selling(l)).length >= 5)!;
  const here = lines.filter((l) => l.locationId === location && selling(l));
  const [edited, approved, ...bulk] = here.slice(0, 5) as [ProposalLine, ProposalLine, ...ProposalLine[]];
  const rejected = lines.find((l) => !here.slice(0, 5).includes(l))!;
  expect(bulk).toHaveLength(3);

  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 1000 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  onTestFailed(() => page.screenshot({ path: "test-results/proposals-failure.png" }).then(() => undefined));
  mkdirSync("test-results", { recursive: true });
  await page.goto(simulator.adminUrl(shopDomain, "/app/proposals"));
  const frame = page.frameLocator("#app-frame");
  await row(frame, edited.id).waitFor({ state: "visible", timeout: 30_000 });
  expect(await frame.locator("tr[id]").filter({ has: frame.locator('input[id^="quantity-"]') }).count()).toBe(lines.length);
  await page.screenshot({ path: "test-results/proposals-review.png" });

  // Typing a quantity moves the line's cost and weeks of supply before anything is saved.
  const editedRow = row(frame, edited.id);
  const quantity = edited.quantity + 12;
  await frame.locator(`#quantity-${edited.id}`).fill(String(quantity));
  await editedRow.getByText(money(lineCost(edited, quantity)), { exact: true }).waitFor({ state: "visible" });
  const wos = weeksOfSupply(edited, quantity);
  expect(await editedRow.getByText(`${weeks(wos.now)} → ${weeks(wos.after)}`, { exact: true }).count()).toBe(1);
  expect(await editedRow.getByText(`${quantity} × ${money(edited.unitCost)}`, { exact: true }).count()).toBe(1);
  await frame.locator(`#quantity-${edited.id}`).press("Enter");
  await editedRow.getByText(`Suggested ${edited.suggestedQuantity}`).waitFor({ state: "visible", timeout: 15_000 });
  expect(await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id: edited.id } })).toMatchObject({ quantity, edited: true });
  await page.screenshot({ path: "test-results/proposals-edited.png" });

  // A quantity the rules refuse is named at the field and not saved.
  await frame.locator(`#quantity-${edited.id}`).fill("0");
  await frame.locator(`#quantity-${edited.id}`).press("Enter");
  await editedRow.getByText("Enter a whole number of units, at least 1.").waitFor({ state: "visible", timeout: 15_000 });
  expect((await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id: edited.id } })).quantity).toBe(quantity);
  await page.screenshot({ path: "test-results/proposals-quantity-refused.png" });
  await frame.locator(`#quantity-${edited.id}`).fill(String(quantity));
  await frame.locator(`#quantity-${edited.id}`).press("Enter");

  // Approve one.
  await select(frame, approved.id);
  await frame.getByRole("button", { name: "Approve", exact: true }).click();
  await toast(page, "1 line approved.");
  await row(frame, approved.id).waitFor({ state: "detached" });
  expect(await status(approved.id)).toBe("APPROVED");

  // Reject one: without a reason the dialog says why it cannot, and nothing changes.
  await select(frame, rejected.id);
  await frame.getByRole("button", { name: "Reject…" }).click();
  const dialog = frame.getByRole("dialog");
  await dialog.getByText("Reject 1 line").waitFor({ state: "visible" });
  await dialog.getByRole("button", { name: "Reject", exact: true }).click();
  await dialog.getByText("Say why, so the team knows next week.").waitFor({ state: "visible", timeout: 15_000 });
  expect(await status(rejected.id)).toBe("PROPOSED");
  await page.screenshot({ path: "test-results/proposals-reject-needs-reason.png" });
  // Closed and opened again, the dialog starts clean.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  await frame.getByRole("button", { name: "Reject…" }).click();
  await dialog.getByText("Reject 1 line").waitFor({ state: "visible" });
  expect(await dialog.getByText("Say why, so the team knows next week.").count()).toBe(0);
  await dialog.getByLabel("Why?").fill("Discontinuing this colour");
  await dialog.getByRole("button", { name: "Reject", exact: true }).click();
  await toast(page, "1 line rejected.");
  await dialog.waitFor({ state: "detached" });
  expect(await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id: rejected.id } })).toMatchObject({ status: "REJECTED", decisionReason: "Discontinuing this colour" });
  // The reason stays with the line for the team.
  await frame.getByRole("tab", { name: /Rejected/ }).click();
  await row(frame, rejected.id).getByText("Rejected: Discontinuing this colour").waitFor({ state: "visible", timeout: 15_000 });
  await page.screenshot({ path: "test-results/proposals-rejected-tab.png" });
  await frame.getByRole("tab", { name: /To review/ }).click();
  await row(frame, bulk[0]!.id).waitFor({ state: "visible", timeout: 15_000 });

  // Approve several at once, the edited line among them.
  for (const line of [edited, ...bulk]) await select(frame, line.id);
  await frame.getByText(`${bulk.length + 1} selected`).waitFor({ state: "visible" });
  await frame.getByRole("button", { name: "Approve", exact: true }).click();
  await toast(page, `${bulk.length + 1} lines approved.`);
  for (const line of [edited, ...bulk]) expect(await status(line.id)).toBe("APPROVED");
  await frame.getByRole("tab", { name: /Approved/ }).click();
  await row(frame, approved.id).waitFor({ state: "visible" });
  expect(await frame.locator("tr[id]").filter({ has: frame.locator('input[id^="quantity-"]') }).count()).toBe(bulk.length + 2);
  await page.screenshot({ path: "test-results/proposals-approved.png" });

  // The approved lines become one draft purchase order, which opens.
  await frame.getByRole("button", { name: `Create purchase orders (${bulk.length + 2} approved)` }).click();
  // Nothing is created before the confirmation has said what will be: one order, its lines and units.
  const confirmation = frame.getByRole("dialog", { name: "Create 1 draft purchase order?" });
  await confirmation.waitFor({ state: "visible", timeout: 15_000 });
  const units = (await testPrisma.reorderProposal.findMany({ where: { id: { in: [edited, approved, ...bulk].map((l) => l.id) } } })).reduce((sum, l) => sum + l.quantity, 0);
  await confirmation.getByText(`${bulk.length + 2} approved lines, ${units.toLocaleString("en-US")} units`).waitFor({ state: "visible" });
  expect(await testPrisma.purchaseOrder.count({ where: { shopId } })).toBe(0);
  await page.screenshot({ path: "test-results/proposals-order-confirmation.png" });
  await confirmation.getByRole("button", { name: "Create purchase order", exact: true }).click();
  await expect.poll(() => testPrisma.purchaseOrder.count({ where: { shopId } }), { timeout: 15_000 }).toBe(1);
  const order = await testPrisma.purchaseOrder.findFirstOrThrow({ where: { shopId }, include: { lines: true } });
  await frame.getByRole("heading", { name: `PO-${order.number}` }).waitFor({ state: "visible", timeout: 15_000 });
  expect(order.status).toBe("DRAFT");
  const orderedIds = [edited, approved, ...bulk].map((l) => l.id);
  expect(order.lines.map((l) => l.variantId.toString()).sort()).toEqual([edited, approved, ...bulk].map((l) => l.variantId).sort());
  expect(order.lines.find((l) => l.variantId.toString() === edited.variantId)?.quantityOrdered).toBe(quantity);
  for (const id of orderedIds) expect(await status(id)).toBe("ORDERED");
  await toast(page, `Created PO-${order.number}.`);
  await page.screenshot({ path: "test-results/proposals-ordered-po.png" });
  expect(pageErrors).toEqual([]);
});

it("says on a shop Tempo has not planned yet where proposals and purchase orders will come from", async () => {
  const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1280, height: 700 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(simulator.adminUrl(unplannedDomain, "/app/proposals"));
  const frame = page.frameLocator("#app-frame");
  await frame.getByText("No plan yet").waitFor({ state: "visible", timeout: 30_000 });
  expect(await frame.getByText("Reorder proposals appear once Tempo has made its first plan from your order history.").count()).toBe(1);
  expect(await frame.getByRole("button", { name: "Create purchase orders" }).isDisabled()).toBe(true);
  // The picture loads (no grey placeholder left over the words).
  await expect.poll(() => frame.locator(".Polaris-EmptyState__SkeletonImageContainer").count()).toBe(0);
  await page.screenshot({ path: "test-results/proposals-no-plan.png" });

  await page.goto(simulator.adminUrl(unplannedDomain, "/app/purchase-orders"));
  await frame.getByText("No purchase orders yet").waitFor({ state: "visible", timeout: 30_000 });
  expect(await frame.getByRole("link", { name: "Review reorder proposals" }).or(frame.getByRole("button", { name: "Review reorder proposals" })).count()).toBe(1);
  await expect.poll(() => frame.locator(".Polaris-EmptyState__SkeletonImageContainer").count()).toBe(0);
  await page.screenshot({ path: "test-results/purchase-orders-empty.png" });

  // An order id that is not this shop's is a page that explains itself, not a crash.
  await page.goto(simulator.adminUrl(unplannedDomain, "/app/purchase-orders/999999"));
  await frame.getByRole("heading", { name: "This page no longer exists" }).waitFor({ state: "visible", timeout: 30_000 });
  await page.screenshot({ path: "test-results/purchase-order-not-found.png" });
  expect(pageErrors).toEqual([]);
});
