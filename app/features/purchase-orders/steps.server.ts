/**
 * A purchase order's steps as the operations lead takes them: send, receive (part or all),
 * cancel, change the expected date. Each step is checked against the order's rules, written
 * with its audit record in one transaction, and re-plans the order's variants (open orders
 * are inbound in every projection).
 */
import type { PurchaseOrderStatus } from "@prisma/client";
import { recordAudit } from "~/platform/audit.server";
import { markVariantsDirtyInTransaction } from "~/platform/plan-dirty.server";
import { addReceivedUnits, getPurchaseOrder, movePurchaseOrder, setPurchaseOrderExpected, type PurchaseOrderView } from "./queries.server";
import { inTransaction } from "~/platform/transaction.server";
import { enqueueDirtyReplan } from "~/platform/queue/enqueue.server";
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { addReceivedStock, MissingScopeError, purchaseOrderDocumentUri, StockReceiptError } from "~/shopify/inventory-receipts.server";
import { canMove, checkReceipt, STATUS_LABEL } from "~/engine/purchase-orders/rules";
import type { ShopActor } from "~/platform/shop-actor";

export type StepOutcome = { ok: true; message: string } | { ok: false; errors: Record<string, string> };


const variantIdsOf = (order: PurchaseOrderView) => [...new Set(order.lines.map((l) => BigInt(l.variantId)))];

async function move(who: ShopActor, order: PurchaseOrderView, to: PurchaseOrderStatus, changes: Record<string, unknown> = {}): Promise<StepOutcome> {
  if (!canMove(order.status, to)) return { ok: false, errors: { form: `A ${STATUS_LABEL[order.status].toLowerCase()} order cannot become ${STATUS_LABEL[to].toLowerCase()}.` } };
  const moved = await inTransaction(async (db) => {
    if (!(await movePurchaseOrder(db, who.shopId, order.id, order.status, to))) return false;
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "purchase_order", entityId: String(order.id), action: `status_${to.toLowerCase()}`, changes: { from: order.status, to, ...changes } as never }], db);
    await markVariantsDirtyInTransaction(db, who.shopId, variantIdsOf(order));
    return true;
  });
  if (!moved) return { ok: false, errors: { form: "Someone changed this order meanwhile: reload to see it." } };
  await enqueueDirtyReplan(who);
  return { ok: true, message: `PO-${order.number} is ${STATUS_LABEL[to].toLowerCase()}.` };
}

export async function sendPurchaseOrder(who: ShopActor, id: number): Promise<StepOutcome> {
  const order = await getPurchaseOrder(who.shopId, id);
  if (!order) return { ok: false, errors: { form: "No such purchase order." } };
  return move(who, order, "SENT");
}

export async function cancelPurchaseOrder(who: ShopActor, id: number, reason: string): Promise<StepOutcome> {
  const order = await getPurchaseOrder(who.shopId, id);
  if (!order) return { ok: false, errors: { form: "No such purchase order." } };
  const trimmed = reason.trim();
  if (!trimmed) return { ok: false, errors: { reason: "Say why the order is cancelled." } };
  return move(who, order, "CANCELLED", { reason: trimmed.slice(0, 500) });
}

/**
 * The receipt's key: the order, what it already holds and what arrives now. Submitting the
 * same receipt again (a retry after a lost answer) gives the same key, so Shopify applies it once.
 */
export function receiptKey(order: PurchaseOrderView, receipts: readonly { lineId: number; units: number }[]): string {
  const held = order.lines.map((l) => `${l.id}:${l.quantityReceived}`).join(",");
  const now = receipts.map((r) => `${r.lineId}+${r.units}`).join(",");
  return `tempo-po-${order.id}-${hash(`${held}|${now}`)}`;
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** Where received units go in Shopify: the order's location, each line's inventory item. */
async function addToShopifyStock(client: AdminGraphqlClient, order: PurchaseOrderView, receipts: readonly { lineId: number; units: number }[]): Promise<StepOutcome | null> {
  const lines = receipts.map((r) => ({ receipt: r, line: order.lines.find((l) => l.id === r.lineId)! }));
  const missing = lines.filter((l) => l.line.inventoryItemId === null);
  if (missing.length > 0) return { ok: false, errors: Object.fromEntries(missing.map((m) => [`line-${m.receipt.lineId}`, "This variant is gone from Shopify: receive it without updating Shopify's stock."])) };
  try {
    await addReceivedStock(client, {
      lines: lines.map(({ receipt, line }) => ({ inventoryItemId: line.inventoryItemId!, locationId: order.locationId, units: receipt.units })),
      referenceDocumentUri: purchaseOrderDocumentUri(order.id),
      idempotencyKey: receiptKey(order, receipts),
    });
    return null;
  } catch (error) {
    if (error instanceof MissingScopeError) return { ok: false, errors: { form: error.message } };
    if (error instanceof StockReceiptError) {
      const errors: Record<string, string> = { form: error.message };
      for (const problem of error.problems) for (const index of problem.lines) errors[`line-${lines[index - 1]?.receipt.lineId}`] = problem.message;
      return { ok: false, errors };
    }
    throw error;
  }
}

/**
 * Units arriving now, per line; the order becomes partly received or received. With a client,
 * the units are first added to Shopify's stock at the order's location (Shopify stays the one
 * source of stock: its webhook brings the new level back and the variant is re-planned).
 */
export async function receivePurchaseOrder(who: ShopActor, id: number, arriving: ReadonlyMap<number, number>, shopify: AdminGraphqlClient | null = null): Promise<StepOutcome> {
  const order = await getPurchaseOrder(who.shopId, id);
  if (!order) return { ok: false, errors: { form: "No such purchase order." } };
  const check = checkReceipt(
    order.status,
    order.lines.map((l) => ({ lineId: l.id, ordered: l.quantityOrdered, received: l.quantityReceived })),
    arriving,
  );
  if (!check.ok) return check;
  if (shopify) {
    const refused = await addToShopifyStock(shopify, order, check.receipts);
    if (refused) return refused;
  }
  const done = await inTransaction(async (db) => {
    if (check.status !== order.status && !(await movePurchaseOrder(db, who.shopId, order.id, order.status, check.status))) return false;
    await addReceivedUnits(db, who.shopId, order.id, check.receipts);
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "purchase_order", entityId: String(order.id), action: "received", changes: { receipts: check.receipts, status: check.status, shopifyStock: shopify !== null } }], db);
    await markVariantsDirtyInTransaction(db, who.shopId, variantIdsOf(order));
    return true;
  });
  if (!done) return { ok: false, errors: { form: "Someone changed this order meanwhile: reload to see it." } };
  await enqueueDirtyReplan(who);
  const units = check.receipts.reduce((a, r) => a + r.units, 0);
  const where = shopify ? ` and added to Shopify's stock at ${order.locationName}` : "";
  return { ok: true, message: `Received ${units} unit${units === 1 ? "" : "s"} on PO-${order.number}${where}${check.status === "RECEIVED" ? "; the order is complete" : ""}.` };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function updatePurchaseOrderDetails(who: ShopActor, id: number, expectedAt: string, note: string): Promise<StepOutcome> {
  const order = await getPurchaseOrder(who.shopId, id);
  if (!order) return { ok: false, errors: { form: "No such purchase order." } };
  if (order.status === "RECEIVED" || order.status === "CANCELLED") return { ok: false, errors: { form: "A closed order cannot change." } };
  const day = expectedAt.trim();
  if (day && (!DAY.test(day) || Number.isNaN(Date.parse(day)))) return { ok: false, errors: { expectedAt: "Enter a date as YYYY-MM-DD." } };
  if (note.length > 2000) return { ok: false, errors: { note: "Keep the note under 2,000 characters." } };
  await inTransaction(async (db) => {
    await setPurchaseOrderExpected(db, who.shopId, id, day || null, note.trim() || null);
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "purchase_order", entityId: String(id), action: "details_changed", changes: { expectedAt: { from: order.expectedAt, to: day || null } } }], db);
    await markVariantsDirtyInTransaction(db, who.shopId, variantIdsOf(order));
  });
  await enqueueDirtyReplan(who);
  return { ok: true, message: `PO-${order.number} updated.` };
}
