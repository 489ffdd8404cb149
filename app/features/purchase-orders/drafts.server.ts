/** Drafting purchase orders from other screens (approved proposals), inside the caller's transaction. */
import type { TransactionClient } from "~/platform/transaction.server";
import { createPurchaseOrder, type NewPurchaseOrder } from "./queries.server";

export type { NewPurchaseOrder };

/** A draft order numbered from the shop's own sequence (PO-1001, PO-1002, ...). */
export function draftPurchaseOrder(db: TransactionClient, shopId: number, order: NewPurchaseOrder): Promise<{ id: number; number: number }> {
  return createPurchaseOrder(db, shopId, order);
}
