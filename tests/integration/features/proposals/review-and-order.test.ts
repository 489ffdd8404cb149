import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { HISTORY_END, PLAN_DATE, plannedShop } from "../plan-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { handleProposalAction } from "~/features/proposals/actions.server";
import { handlePurchaseOrderAction } from "~/features/purchase-orders/actions.server";
import { runIncrementalPlan } from "~/features/plan-runs/incremental-plan.server";
import { getPurchaseOrder } from "~/features/purchase-orders/queries.server";
import { purchaseOrderCsv } from "~/features/purchase-orders/export-csv";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";

const shopA = uniqueShopDomain("review-a");
const shopB = uniqueShopDomain("review-b");
let simulator: RunningSimulator;
let a: { shopId: number; runId: number };
let b: { shopId: number; runId: number };

const who = (shopId: number, domain: string) => ({ shopId, shopDomain: domain, actor: "staff:42" });
const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
};

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain: shopA, seed: 31, variants: 50, historyDays: 500, endDate: HISTORY_END },
    { shopDomain: shopB, seed: 31, variants: 50, historyDays: 500, endDate: HISTORY_END },
  ]);
  a = await plannedShop(simulator, shopA);
  b = await plannedShop(simulator, shopB);
}, 180_000);

afterAll(async () => {
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("reviewing proposals and ordering them", () => {
  it("edits a quantity within the supplier's rules, audited, and refuses one that breaks them", async () => {
    const line = await testPrisma.reorderProposal.findFirstOrThrow({ where: { shopId: a.shopId, status: "PROPOSED" }, orderBy: { id: "asc" } });
    const bad = await handleProposalAction(who(a.shopId, shopA), form({ intent: "edit", id: String(line.id), quantity: "abc" }));
    expect(bad).toEqual({ ok: false, errors: { [`quantity-${line.id}`]: "Enter a whole number of units, at least 1." } });
    const zero = await handleProposalAction(who(a.shopId, shopA), form({ intent: "edit", id: String(line.id), quantity: "0" }));
    expect(zero.ok).toBe(false);

    const edited = await handleProposalAction(who(a.shopId, shopA), form({ intent: "edit", id: String(line.id), quantity: String(line.quantity + 7) }));
    expect(edited).toEqual({ ok: true, message: `Quantity set to ${line.quantity + 7}.` });
    expect(await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id: line.id } })).toMatchObject({ quantity: line.quantity + 7, edited: true });
    const audit = await testPrisma.auditEvent.findFirstOrThrow({ where: { shopId: a.shopId, entity: "proposal", entityId: String(line.id), action: "quantity_changed" } });
    expect(audit).toMatchObject({ actor: "staff:42", changes: { quantity: { from: line.quantity, to: line.quantity + 7 } } });

    // A re-plan keeps the merchant's quantity and only refreshes the suggestion.
    await testPrisma.planDirtyVariant.create({ data: { shopId: a.shopId, variantId: line.variantId } });
    await runIncrementalPlan(a.shopId, "tempo", { asOf: PLAN_DATE });
    expect((await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id: line.id } })).quantity).toBe(line.quantity + 7);
  });

  it("refuses a quantity off the case pack with the nearest ones that fit", async () => {
    const line = await testPrisma.reorderProposal.findFirstOrThrow({ where: { shopId: a.shopId, status: "PROPOSED" }, orderBy: { id: "desc" } });
    await testPrisma.variantBuyingTerms.create({ data: { shopId: a.shopId, variantId: line.variantId, casePack: 12 } });
    const outcome = await handleProposalAction(who(a.shopId, shopA), form({ intent: "edit", id: String(line.id), quantity: "30" }));
    expect(outcome).toEqual({ ok: false, errors: { [`quantity-${line.id}`]: "This supplier ships in cases of 12: use 24 or 36." } });
    await testPrisma.variantBuyingTerms.delete({ where: { shopId_variantId: { shopId: a.shopId, variantId: line.variantId } } });
  });

  it("rejects with a reason, which the next plan respects for a week", async () => {
    const line = await testPrisma.reorderProposal.findFirstOrThrow({ where: { shopId: a.shopId, status: "PROPOSED", edited: false }, orderBy: { id: "asc" } });
    expect(await handleProposalAction(who(a.shopId, shopA), form({ intent: "reject", id: String(line.id), reason: " " }))).toEqual({ ok: false, errors: { reason: "Say why, so the team knows next week." } });
    expect(await handleProposalAction(who(a.shopId, shopA), form({ intent: "reject", id: String(line.id), reason: "Discontinuing this colour" }))).toEqual({ ok: true, message: "1 line rejected." });
    await testPrisma.planDirtyVariant.create({ data: { shopId: a.shopId, variantId: line.variantId } });
    await runIncrementalPlan(a.shopId, "tempo", { asOf: PLAN_DATE });
    const lines = await testPrisma.reorderProposal.findMany({ where: { shopId: a.shopId, variantId: line.variantId, locationId: line.locationId } });
    expect(lines.map((l) => l.status)).toEqual(["REJECTED"]);
    expect(lines[0]?.decisionReason).toBe("Discontinuing this colour");
  });

  it("turns approved lines into one draft purchase order per supplier and location, counted as inbound", async () => {
    const open = await testPrisma.reorderProposal.findMany({ where: { shopId: a.shopId, status: "PROPOSED" }, orderBy: { id: "asc" }, take: 4 });
    const ids = open.map((l) => String(l.id));
    expect(await handleProposalAction(who(a.shopId, shopA), form({ intent: "approve", id: ids }))).toEqual({ ok: true, message: `${ids.length} lines approved.` });
    // The confirmation says what ordering will create, and creates nothing; one unapproved line selected with them stays.
    const stray = await testPrisma.reorderProposal.findFirstOrThrow({ where: { shopId: a.shopId, status: "PROPOSED", id: { notIn: open.map((l) => l.id) } } });
    const previewed = await handleProposalAction(who(a.shopId, shopA), form({ intent: "preview-order", id: [...ids, String(stray.id)] }));
    const preview = "preview" in previewed ? previewed.preview! : null;
    expect(preview).not.toBeNull();
    expect(await testPrisma.purchaseOrder.count({ where: { shopId: a.shopId } })).toBe(0);
    expect(preview!).toMatchObject({ lines: ids.length, units: open.reduce((sum, l) => sum + l.quantity, 0), skipped: 1 });
    const ordered = await handleProposalAction(who(a.shopId, shopA), form({ intent: "order", id: ids }));
    expect(ordered.ok).toBe(true);
    const poIds = "purchaseOrderIds" in ordered ? ordered.purchaseOrderIds! : [];
    const locations = new Set(open.map((l) => l.locationId.toString()));
    expect(poIds).toHaveLength(locations.size);
    const orders = await Promise.all(poIds.map((id) => getPurchaseOrder(a.shopId, id)));
    // Each order as the confirmation showed it: the same ship-to, lines, units and total.
    const cents = (amount: number | null) => (amount === null ? null : Math.round(amount * 100));
    expect(preview!.orders.map((o) => [o.location, o.lines, o.units, cents(o.total)]).sort()).toEqual(
      orders.map((o) => [o!.locationName, o!.lines.length, o!.lines.reduce((sum, l) => sum + l.quantityOrdered, 0), cents(o!.total)]).sort(),
    );
    expect(orders.every((o) => o?.status === "DRAFT")).toBe(true);
    expect(orders.flatMap((o) => o!.lines).map((l) => l.quantityOrdered).sort()).toEqual(open.map((l) => l.quantity).sort());
    expect(new Set(orders.map((o) => o!.number)).size).toBe(orders.length);
    for (const line of open) expect((await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id: line.id } })).status).toBe("ORDERED");

    // The re-plan counts the order as inbound and proposes nothing more for those variants.
    await runIncrementalPlan(a.shopId, "tempo", { asOf: PLAN_DATE });
    const first = open[0]!;
    const plan = await testPrisma.stockPlan.findUniqueOrThrow({ where: { shopId_planRunId_variantId_locationId: { shopId: a.shopId, planRunId: a.runId, variantId: first.variantId, locationId: first.locationId } } });
    expect(plan.inbound).toBeGreaterThanOrEqual(first.quantity);
    expect(await testPrisma.reorderProposal.count({ where: { shopId: a.shopId, variantId: first.variantId, locationId: first.locationId, status: "PROPOSED" } })).toBe(0);
  });

  it("sends, receives part of an order, then the rest; the CSV lists its lines; each step audited", async () => {
    const order = await testPrisma.purchaseOrder.findFirstOrThrow({ where: { shopId: a.shopId }, include: { lines: true } });
    const line = order.lines[0]!;
    const early = await handlePurchaseOrderAction(who(a.shopId, shopA), order.id, form({ intent: "receive", [`received-${line.id}`]: "1" }));
    expect(early).toEqual({ ok: false, errors: { form: "Mark the order as sent before receiving it." } });
    expect((await handlePurchaseOrderAction(who(a.shopId, shopA), order.id, form({ intent: "send" }))).ok).toBe(true);

    const tooMany = await handlePurchaseOrderAction(who(a.shopId, shopA), order.id, form({ intent: "receive", [`received-${line.id}`]: String(line.quantityOrdered + 1) }));
    expect(tooMany).toEqual({ ok: false, errors: { [`line-${line.id}`]: `Only ${line.quantityOrdered} of ${line.quantityOrdered} still to come.` } });
    const part = Math.max(1, Math.floor(line.quantityOrdered / 2));
    expect((await handlePurchaseOrderAction(who(a.shopId, shopA), order.id, form({ intent: "receive", [`received-${line.id}`]: String(part) }))).ok).toBe(true);
    const partly = await getPurchaseOrder(a.shopId, order.id);
    expect(partly?.lines[0]?.quantityReceived).toBe(part);
    expect(partly?.status).toBe(order.lines.length === 1 && part === line.quantityOrdered ? "RECEIVED" : "PARTIALLY_RECEIVED");

    const csv = purchaseOrderCsv(partly!);
    expect(csv.split("\n")[0]).toBe("po_number,supplier,location,status,expected,sku,product,variant,quantity_ordered,quantity_received,unit_cost,line_cost,currency");
    expect(csv).toContain(`PO-${order.number}`);
    expect(csv.trim().split("\n")).toHaveLength(order.lines.length + 2);

    const rest = Object.fromEntries(partly!.lines.map((l) => [`received-${l.id}`, String(l.quantityOrdered - l.quantityReceived)]));
    expect((await handlePurchaseOrderAction(who(a.shopId, shopA), order.id, form({ intent: "receive", ...rest }))).ok).toBe(true);
    expect((await getPurchaseOrder(a.shopId, order.id))?.status).toBe("RECEIVED");
    const actions = (await testPrisma.auditEvent.findMany({ where: { shopId: a.shopId, entity: "purchase_order", entityId: String(order.id) }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["created", "status_sent", "received", "received"]);
    // A received order is closed.
    expect((await handlePurchaseOrderAction(who(a.shopId, shopA), order.id, form({ intent: "cancel", reason: "late" }))).ok).toBe(false);
  });

  it("receiving with Shopify stock on adds the units at the order's location, once even if submitted twice", async () => {
    const line = await testPrisma.reorderProposal.findFirstOrThrow({ where: { shopId: a.shopId, status: "PROPOSED" }, orderBy: { id: "desc" } });
    await handleProposalAction(who(a.shopId, shopA), form({ intent: "approve", id: String(line.id) }));
    const ordered = await handleProposalAction(who(a.shopId, shopA), form({ intent: "order", id: String(line.id) }));
    const orderId = ("purchaseOrderIds" in ordered ? ordered.purchaseOrderIds : [])![0]!;
    await handlePurchaseOrderAction(who(a.shopId, shopA), orderId, form({ intent: "send" }));
    const order = (await getPurchaseOrder(a.shopId, orderId))!;
    const poLine = order.lines[0]!;
    const simLevel = () => simulator.shop(shopA).store.data.inventoryLevels.find((l) => l.inventoryItemId === poLine.inventoryItemId && l.locationId === order.locationId)!.quantities.available;
    const before = simLevel();
    const client = await throttledOfflineGraphql(shopA);
    const units = Math.min(2, poLine.quantityOrdered);
    const receipt = form({ intent: "receive", [`received-${poLine.id}`]: String(units), updateShopify: "1" });
    const outcome = await handlePurchaseOrderAction(who(a.shopId, shopA), orderId, receipt, client);
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining(`added to Shopify's stock at ${order.locationName}`) });
    expect(simLevel()).toBe(before + units);
    // The same Shopify receipt key again (a retry after a lost answer) adds nothing more.
    const { addReceivedStock, purchaseOrderDocumentUri } = await import("~/shopify/inventory-receipts.server");
    const { receiptKey } = await import("~/features/purchase-orders/steps.server");
    await addReceivedStock(client, { lines: [{ inventoryItemId: poLine.inventoryItemId!, locationId: order.locationId, units }], referenceDocumentUri: purchaseOrderDocumentUri(orderId), idempotencyKey: receiptKey(order, [{ lineId: poLine.id, units }]) });
    expect(simLevel()).toBe(before + units);
  });

  it("never reaches another shop's lines or orders, even with their ids", async () => {
    const theirs = await testPrisma.reorderProposal.findFirstOrThrow({ where: { shopId: b.shopId, status: "PROPOSED" } });
    const outcome = await handleProposalAction(who(a.shopId, shopA), form({ intent: "approve", id: String(theirs.id) }));
    expect(outcome).toEqual({ ok: true, message: "0 lines approved." });
    expect((await testPrisma.reorderProposal.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("PROPOSED");
    const order = await testPrisma.purchaseOrder.findFirstOrThrow({ where: { shopId: a.shopId } });
    expect(await handlePurchaseOrderAction(who(b.shopId, shopB), order.id, form({ intent: "send" }))).toEqual({ ok: false, errors: { form: "No such purchase order." } });
  });
});
