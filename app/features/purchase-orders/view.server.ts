/** Purchase orders as their pages show them: the list, one order with its history, and the order as a document. */
import type { Shop } from "@prisma/client";
import { listAuditEvents } from "~/platform/audit.server";
import { grantAllowsReceiving } from "~/shopify/inventory-receipts.server";
import { getPurchaseOrder, listPurchaseOrders, type PurchaseOrderSummary, type PurchaseOrderView } from "./queries.server";

export type { PurchaseOrderSummary, PurchaseOrderView };
import { NEXT_STATUSES } from "~/engine/purchase-orders/rules";

export interface PurchaseOrderPageView {
  order: PurchaseOrderView;
  nextStatuses: string[];
  history: { at: string; actor: string; action: string; changes: unknown }[];
  /** Receiving adds the units to Shopify's stock only when the grant includes write_inventory. */
  canUpdateShopifyStock: boolean;
}

export async function getPurchaseOrderView(shop: Pick<Shop, "id" | "accessScopes">, id: number): Promise<PurchaseOrderPageView | null> {
  const order = await getPurchaseOrder(shop.id, id);
  if (!order) return null;
  const events = await listAuditEvents(shop.id, "purchase_order", [String(id)]);
  return {
    order,
    nextStatuses: [...NEXT_STATUSES[order.status]],
    history: events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, changes: e.changes })),
    canUpdateShopifyStock: grantAllowsReceiving(shop.accessScopes),
  };
}

/** The shop's purchase orders, newest first. */
export function listPurchaseOrdersView(shopId: number): Promise<PurchaseOrderSummary[]> {
  return listPurchaseOrders(shopId);
}

/** One order as a document (the CSV and the print), or null when the shop has no such order. */
export function getPurchaseOrderDocument(shopId: number, id: number): Promise<PurchaseOrderView | null> {
  return getPurchaseOrder(shopId, id);
}
