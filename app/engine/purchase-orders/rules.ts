/**
 * A purchase order's life: draft → sent → partly received → received, or cancelled before it
 * is complete. Receiving counts units per line and never past what was ordered; the status
 * follows the lines. Plain rules, checked before anything is written.
 */
/** The statuses of the `PurchaseOrderStatus` enum in prisma/schema.prisma. */
export type PurchaseOrderStatus = "DRAFT" | "SENT" | "PARTIALLY_RECEIVED" | "RECEIVED" | "CANCELLED";

export const NEXT_STATUSES: Record<PurchaseOrderStatus, readonly PurchaseOrderStatus[]> = {
  DRAFT: ["SENT", "CANCELLED"],
  SENT: ["PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"],
  PARTIALLY_RECEIVED: ["RECEIVED", "CANCELLED"],
  RECEIVED: [],
  CANCELLED: [],
};

export const STATUS_LABEL: Record<PurchaseOrderStatus, string> = {
  DRAFT: "Draft",
  SENT: "Sent",
  PARTIALLY_RECEIVED: "Partly received",
  RECEIVED: "Received",
  CANCELLED: "Cancelled",
};

export function canMove(from: PurchaseOrderStatus, to: PurchaseOrderStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Open orders count as inbound in every projection. */
export const OPEN_STATUSES: readonly PurchaseOrderStatus[] = ["DRAFT", "SENT", "PARTIALLY_RECEIVED"];

export interface ReceivingLine {
  lineId: number;
  ordered: number;
  received: number;
}

export type ReceiptCheck = { ok: true; receipts: { lineId: number; units: number }[]; status: PurchaseOrderStatus } | { ok: false; errors: Record<string, string> };

/** Checks a receipt (units arriving now, per line) against what is still open; errors keyed "line-<id>". */
export function checkReceipt(status: PurchaseOrderStatus, lines: readonly ReceivingLine[], arriving: ReadonlyMap<number, number>): ReceiptCheck {
  if (status !== "SENT" && status !== "PARTIALLY_RECEIVED") {
    return { ok: false, errors: { form: status === "DRAFT" ? "Mark the order as sent before receiving it." : `A ${STATUS_LABEL[status].toLowerCase()} order cannot receive units.` } };
  }
  const errors: Record<string, string> = {};
  const receipts: { lineId: number; units: number }[] = [];
  for (const [lineId, units] of arriving) {
    const line = lines.find((l) => l.lineId === lineId);
    if (!line) errors[`line-${lineId}`] = "This line is not on the order.";
    else if (!Number.isInteger(units) || units < 0) errors[`line-${lineId}`] = "Enter a whole number of units, 0 or more.";
    else if (units > line.ordered - line.received) errors[`line-${lineId}`] = `Only ${line.ordered - line.received} of ${line.ordered} still to come.`;
    else if (units > 0) receipts.push({ lineId, units });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (receipts.length === 0) return { ok: false, errors: { form: "Enter the units that arrived on at least one line." } };
  const complete = lines.every((line) => line.received + (receipts.find((r) => r.lineId === line.lineId)?.units ?? 0) >= line.ordered);
  return { ok: true, receipts, status: complete ? "RECEIVED" : "PARTIALLY_RECEIVED" };
}
