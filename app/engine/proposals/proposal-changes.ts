/**
 * How a plan run treats the reorder lines already on the board. The engine owns its
 * suggestions; the merchant owns edits and decisions:
 * - a proposed line is refreshed; its quantity follows the suggestion unless the merchant edited it;
 * - an approved line keeps its quantity and status, and only learns the new suggestion;
 * - a line the plan no longer needs goes when untouched, and is kept (flagged) when edited or approved;
 * - a line the merchant rejected is not proposed again for one review period.
 */

export interface LiveProposal {
  id: number;
  status: "PROPOSED" | "APPROVED";
  edited: boolean;
}

export interface ProposalDraft {
  variantId: string;
  locationId: string;
  supplierId: number | null;
  suggestedQuantity: number;
  unitCost: number | null;
  currencyCode: string | null;
  orderByDate: string;
  expectedArrivalDate: string;
  reason: string;
  termsSource: string;
  termsNote: string;
  marginAtRisk: number;
  budgetCut: boolean;
  budgetReason: string | null;
}

export type ProposalChange =
  | { kind: "insert"; draft: ProposalDraft }
  | { kind: "refresh"; id: number; draft: ProposalDraft; keepQuantity: boolean }
  | { kind: "delete"; id: number }
  | { kind: "mark_unneeded"; id: number }
  | { kind: "none" };

export const NO_LONGER_NEEDED = "The latest plan no longer needs this line; it is kept because it was edited or approved.";

export function proposalChange(existing: LiveProposal | undefined, draft: ProposalDraft | null, recentlyRejected: boolean): ProposalChange {
  if (draft) {
    if (!existing) return recentlyRejected ? { kind: "none" } : { kind: "insert", draft };
    return { kind: "refresh", id: existing.id, draft, keepQuantity: existing.status === "APPROVED" || existing.edited };
  }
  if (!existing) return { kind: "none" };
  if (existing.status === "PROPOSED" && !existing.edited) return { kind: "delete", id: existing.id };
  return { kind: "mark_unneeded", id: existing.id };
}
