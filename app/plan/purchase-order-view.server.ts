/** One purchase order as its page shows it: the order, its lines, and its history from the audit trail. */
import { listAuditEvents } from "~/persistence/audit.server";
import { getPurchaseOrder, type PurchaseOrderView } from "~/persistence/purchase-orders.server";
import { NEXT_STATUSES } from "./purchase-order-rules";

export interface PurchaseOrderPageView {
  order: PurchaseOrderView;
  nextStatuses: string[];
  history: { at: string; actor: string; action: string; changes: unknown }[];
}

export async function getPurchaseOrderView(shopId: number, id: number): Promise<PurchaseOrderPageView | null> {
  const order = await getPurchaseOrder(shopId, id);
  if (!order) return null;
  const events = await listAuditEvents(shopId, "purchase_order", [String(id)]);
  return {
    order,
    nextStatuses: [...NEXT_STATUSES[order.status]],
    history: events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, changes: e.changes })),
  };
}
