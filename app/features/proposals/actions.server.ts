/** Reads a proposals form (intent and fields) into one review step; a malformed form is a clear error. */
import { findProposalRules } from "./queries.server";
import { decideLines, editProposalQuantity, orderApprovedLines, type ReviewOutcome } from "./review.server";
import type { ShopActor } from "~/platform/shop-actor";

function ids(form: FormData): number[] {
  return form
    .getAll("id")
    .map(String)
    .filter((value) => /^\d{1,9}$/.test(value))
    .map(Number);
}

export async function handleProposalAction(who: ShopActor, form: FormData): Promise<ReviewOutcome & { purchaseOrderIds?: number[] }> {
  const intent = String(form.get("intent") ?? "");
  switch (intent) {
    case "edit": {
      const [id] = ids(form);
      const text = String(form.get("quantity") ?? "").trim();
      if (id === undefined) return { ok: false, errors: { form: "Which line? The form named none." } };
      if (!/^\d+$/.test(text)) return { ok: false, errors: { [`quantity-${id}`]: "Enter a whole number of units, at least 1." } };
      const rules = await findProposalRules(who.shopId, id);
      if (!rules) return { ok: false, errors: { form: "This line is no longer on the board: reload." } };
      return editProposalQuantity(who, id, Number(text), rules);
    }
    case "approve":
      return decideLines(who, ids(form), "APPROVED", null);
    case "reject":
      return decideLines(who, ids(form), "REJECTED", String(form.get("reason") ?? ""));
    case "reopen":
      return decideLines(who, ids(form), "PROPOSED", null);
    case "order":
      return orderApprovedLines(who, ids(form));
    default:
      return { ok: false, errors: { form: `Unknown action "${intent}".` } };
  }
}
