/** Reorder lines other screens ask for (a promotion's "order more"), inside the caller's transaction. */
import type { TransactionClient } from "~/platform/transaction.server";
import { addPromotionOrderLines } from "./queries.server";

export type PromotionOrderLine = Parameters<typeof addPromotionOrderLines>[3][number];

/** A variant's live line grows to at least the quantity (marked edited, so the next plan keeps it), or a new proposed line opens. */
export function orderForPromotion(db: TransactionClient, shopId: number, promotionName: string, lines: readonly PromotionOrderLine[]): Promise<void> {
  return addPromotionOrderLines(db, shopId, promotionName, lines);
}
