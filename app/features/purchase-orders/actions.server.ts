/** Reads a purchase order form (intent and fields) into one step; a malformed form is a clear error. */
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { cancelPurchaseOrder, receivePurchaseOrder, sendPurchaseOrder, updatePurchaseOrderDetails, type StepOutcome } from "./steps.server";
import type { ShopActor } from "~/platform/shop-actor";

/** "received-<lineId>" fields: units arriving now. Blank fields are lines with nothing arriving. */
export function readReceipt(form: FormData): { arriving: Map<number, number>; errors: Record<string, string> } {
  const arriving = new Map<number, number>();
  const errors: Record<string, string> = {};
  for (const [key, raw] of form.entries()) {
    const match = /^received-(\d{1,9})$/.exec(key);
    if (!match) continue;
    const text = String(raw).trim();
    if (text === "") continue;
    if (!/^\d{1,7}$/.test(text)) errors[`line-${match[1]}`] = "Enter a whole number of units, 0 or more.";
    else arriving.set(Number(match[1]), Number(text));
  }
  return { arriving, errors };
}

/** `shopify` is the merchant's Admin client: receiving adds the units to Shopify's stock when the form asks for it. */
export async function handlePurchaseOrderAction(who: ShopActor, id: number, form: FormData, shopify: AdminGraphqlClient | null = null): Promise<StepOutcome> {
  const intent = String(form.get("intent") ?? "");
  switch (intent) {
    case "send":
      return sendPurchaseOrder(who, id);
    case "cancel":
      return cancelPurchaseOrder(who, id, String(form.get("reason") ?? ""));
    case "receive": {
      const { arriving, errors } = readReceipt(form);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return receivePurchaseOrder(who, id, arriving, form.get("updateShopify") === "1" ? shopify : null);
    }
    case "details":
      return updatePurchaseOrderDetails(who, id, String(form.get("expectedAt") ?? ""), String(form.get("note") ?? ""));
    default:
      return { ok: false, errors: { form: `Unknown action "${intent}".` } };
  }
}
