/**
 * The operations lead's decisions on reorder lines: edit a quantity, approve, reject with a
 * reason, send back to proposed, and turn approved lines into purchase orders (one per
 * supplier and location). Every change is validated first, written with its audit record in
 * one transaction, and re-plans the variants whose inbound it changed.
 */
import { recordAudit } from "~/platform/audit.server";
import { markVariantsDirtyInTransaction } from "~/platform/plan-dirty.server";
import { approvedProposals, decideProposals, findProposals, markProposalsOrdered, setProposalQuantity, supplierAndLocationNames } from "./queries.server";
import { groupIntoPurchaseOrders, previewPurchaseOrders, type OrderPreview } from "./order-preview";
import { draftPurchaseOrder } from "~/features/purchase-orders/drafts.server";
import { inTransaction } from "~/platform/transaction.server";
import { QUANTITY_MESSAGE } from "./line-preview";
import { enqueueDirtyReplan } from "~/platform/queue/enqueue.server";
import type { ShopActor } from "~/platform/shop-actor";

export type ReviewOutcome = { ok: true; message: string } | { ok: false; errors: Record<string, string> };

export const MAX_LINE_QUANTITY = 1_000_000;

/** Case packs and MOQs are the supplier's rules: a quantity off them is refused with the nearest ones that fit. */
export function checkQuantity(quantity: number, casePack: number, moqUnits: number): string | null {
  if (!Number.isInteger(quantity) || quantity < 1) return QUANTITY_MESSAGE;
  if (quantity > MAX_LINE_QUANTITY) return `At most ${MAX_LINE_QUANTITY.toLocaleString("en-US")} units on one line.`;
  const pack = Math.max(1, casePack);
  if (quantity % pack !== 0) {
    const lower = Math.floor(quantity / pack) * pack;
    const upper = lower + pack;
    return `This supplier ships in cases of ${pack}: use ${lower > 0 ? `${lower} or ` : ""}${upper}.`;
  }
  if (quantity < moqUnits) return `The minimum order is ${moqUnits} units.`;
  return null;
}


export async function editProposalQuantity(who: ShopActor, id: number, quantity: number, rules: { casePack: number; moqUnits: number }): Promise<ReviewOutcome> {
  const problem = checkQuantity(quantity, rules.casePack, rules.moqUnits);
  if (problem) return { ok: false, errors: { [`quantity-${id}`]: problem } };
  const [proposal] = await findProposals(who.shopId, [id]);
  if (!proposal || (proposal.status !== "PROPOSED" && proposal.status !== "APPROVED")) return { ok: false, errors: { form: "This line is no longer open: reload to see the latest plan." } };
  if (proposal.quantity === quantity) return { ok: true, message: "No change." };
  await inTransaction(async (db) => {
    await setProposalQuantity(db, who.shopId, id, quantity);
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "proposal", entityId: String(id), action: "quantity_changed", changes: { quantity: { from: proposal.quantity, to: quantity } } }], db);
  });
  return { ok: true, message: `Quantity set to ${quantity}.` };
}

export async function decideLines(who: ShopActor, ids: readonly number[], decision: "APPROVED" | "REJECTED" | "PROPOSED", reason: string | null): Promise<ReviewOutcome> {
  if (ids.length === 0) return { ok: false, errors: { form: "Select at least one line." } };
  const trimmed = reason?.trim() ?? "";
  if (decision === "REJECTED" && trimmed.length === 0) return { ok: false, errors: { reason: "Say why, so the team knows next week." } };
  if (trimmed.length > 500) return { ok: false, errors: { reason: "Keep the reason under 500 characters." } };
  const changed = await inTransaction(async (db) => {
    const count = await decideProposals(db, who.shopId, ids, { status: decision, reason: decision === "REJECTED" ? trimmed : null, actor: who.actor });
    const action = decision === "APPROVED" ? "approved" : decision === "REJECTED" ? "rejected" : "reopened";
    await recordAudit(who.shopId, ids.map((id) => ({ actor: who.actor, entity: "proposal" as const, entityId: String(id), action, changes: decision === "REJECTED" ? { reason: trimmed } : {} })), db);
    return count;
  });
  const verb = decision === "APPROVED" ? "approved" : decision === "REJECTED" ? "rejected" : "sent back to proposed";
  return { ok: true, message: `${changed} line${changed === 1 ? "" : "s"} ${verb}.` };
}

/** What ordering these lines would create, before anything is created: the confirmation's figures. */
export async function previewOrder(who: ShopActor, ids: readonly number[]): Promise<ReviewOutcome & { preview?: OrderPreview }> {
  if (ids.length === 0) return { ok: false, errors: { form: "Select the approved lines to order." } };
  const lines = await approvedProposals(who.shopId, ids);
  if (lines.length === 0) return { ok: false, errors: { form: "None of the selected lines is approved: approve them first." } };
  const names = await supplierAndLocationNames(who.shopId, [...new Set(lines.flatMap((l) => (l.supplierId === null ? [] : [l.supplierId])))], [...new Set(lines.map((l) => l.locationId))]);
  const preview = previewPurchaseOrders(lines, names, ids.length);
  return { ok: true, message: `${preview.orders.length} purchase order${preview.orders.length === 1 ? "" : "s"} from ${preview.lines} line${preview.lines === 1 ? "" : "s"}.`, preview };
}

/** Approved lines become draft purchase orders, one per supplier and location; the lines become "ordered". */
export async function orderApprovedLines(who: ShopActor, ids: readonly number[]): Promise<ReviewOutcome & { purchaseOrderIds?: number[] }> {
  if (ids.length === 0) return { ok: false, errors: { form: "Select the approved lines to order." } };
  const result = await inTransaction(async (db) => {
    const lines = await approvedProposals(who.shopId, ids, db);
    if (lines.length === 0) return null;
    const created: { id: number; number: number }[] = [];
    for (const group of groupIntoPurchaseOrders(lines)) {
      const first = group[0]!;
      const expectedAt = group.map((l) => l.expectedArrivalDate.toISOString().slice(0, 10)).sort().at(-1) ?? null;
      const order = await draftPurchaseOrder(db, who.shopId, {
        supplierId: first.supplierId,
        locationId: first.locationId,
        currencyCode: first.currencyCode,
        expectedAt,
        createdBy: who.actor,
        lines: group.map((l) => ({ variantId: l.variantId, quantityOrdered: l.quantity, unitCost: l.unitCost === null ? null : Number(l.unitCost) })),
      });
      await markProposalsOrdered(db, who.shopId, group.map((l) => l.id), order.id);
      await recordAudit(
        who.shopId,
        [
          { actor: who.actor, entity: "purchase_order", entityId: String(order.id), action: "created", changes: { number: order.number, proposals: group.map((l) => l.id) } },
          ...group.map((l) => ({ actor: who.actor, entity: "proposal" as const, entityId: String(l.id), action: "ordered", changes: { purchaseOrder: order.number } })),
        ],
        db,
      );
      created.push(order);
    }
    // New inbound: these variants' projections change.
    await markVariantsDirtyInTransaction(db, who.shopId, [...new Set(lines.map((l) => l.variantId))]);
    return { created, skipped: ids.length - lines.length };
  });
  if (!result) return { ok: false, errors: { form: "None of the selected lines is approved: approve them first." } };
  await enqueueDirtyReplan(who);
  const names = result.created.map((o) => `PO-${o.number}`).join(", ");
  const skipped = result.skipped > 0 ? ` ${result.skipped} selected line${result.skipped === 1 ? " was" : "s were"} not approved and stayed.` : "";
  return { ok: true, message: `Created ${names}.${skipped}`, purchaseOrderIds: result.created.map((o) => o.id) };
}
