/** Reads a proposals form (intent and fields) into one review step; a malformed form is a clear error. */
import { findProposalRules } from "./queries.server";
import { decideLines, editProposalQuantity, orderApprovedLines, previewOrder, type ReviewOutcome } from "./review.server";
import type { OrderPreview } from "./order-preview";
import { parseLineQuantity, QUANTITY_MESSAGE } from "./line-preview";
import type { ShopActor } from "~/platform/shop-actor";
import { formIds } from "~/platform/form-ids";

export async function handleProposalAction(who: ShopActor, form: FormData): Promise<ReviewOutcome & { purchaseOrderIds?: number[]; preview?: OrderPreview }> {
  const intent = String(form.get("intent") ?? "");
  switch (intent) {
    case "edit": {
      const [id] = formIds(form);
      const quantity = parseLineQuantity(String(form.get("quantity") ?? ""));
      if (id === undefined) return { ok: false, errors: { form: "Which line? The form named none." } };
      if (quantity === null) return { ok: false, errors: { [`quantity-${id}`]: QUANTITY_MESSAGE } };
      const rules = await findProposalRules(who.shopId, id);
      if (!rules) return { ok: false, errors: { form: "This line is no longer on the board: reload." } };
      return editProposalQuantity(who, id, quantity, rules);
    }
    case "approve":
      return decideLines(who, formIds(form), "APPROVED", null);
    case "reject":
      return decideLines(who, formIds(form), "REJECTED", String(form.get("reason") ?? ""));
    case "reopen":
      return decideLines(who, formIds(form), "PROPOSED", null);
    case "preview-order":
      return previewOrder(who, formIds(form));
    case "order":
      return orderApprovedLines(who, formIds(form));
    default:
      return { ok: false, errors: { form: `Unknown action "${intent}".` } };
  }
}
