/** An audit event of a purchase order in words, for its History card. */
const STATUS_WORDS: Record<string, string> = {
  status_sent: "Marked as sent",
  status_cancelled: "Cancelled",
  status_received: "Marked as received",
  status_partially_received: "Marked as partly received",
};

export function describeHistory(action: string, changes: unknown): string {
  const c = (changes ?? {}) as Record<string, unknown>;
  if (action === "created") return `Created from ${Array.isArray(c.proposals) ? c.proposals.length : "approved"} reorder line${Array.isArray(c.proposals) && c.proposals.length === 1 ? "" : "s"}`;
  if (action === "received") {
    const receipts = Array.isArray(c.receipts) ? (c.receipts as { units: number }[]) : [];
    const units = receipts.reduce((a, r) => a + (r.units ?? 0), 0);
    return `Received ${units} unit${units === 1 ? "" : "s"}${c.status === "RECEIVED" ? " (complete)" : ""}`;
  }
  if (action === "details_changed") return "Expected date or note changed";
  if (action === "status_cancelled" && typeof c.reason === "string") return `Cancelled: ${c.reason}`;
  return STATUS_WORDS[action] ?? action.replace(/_/g, " ");
}
