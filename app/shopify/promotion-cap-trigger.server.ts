import type { AdminGraphqlClient } from "./admin-client.server";
import { FlowTriggerError, gid, oneLine, receiveFlowTrigger } from "./flow-triggers.server";
import { ALERT_KIND_TABLE } from "~/engine/alerts/kinds";

/** The handle of extensions/promotion-cap-trigger; Flow finds the trigger by it. */
export const PROMOTION_CAP_TRIGGER_HANDLE = ALERT_KIND_TABLE.PROMOTION_CAP_REACHED.flowTrigger;

/** What a merchant's workflow receives when a PROMOTION_CAP_REACHED alert opens. */
export interface PromotionCapTrigger {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  promotionName: string;
  /** The Shopify discount it runs as (numeric or GID), or null. */
  discountId: string | null;
  capUnits: number;
  unitsSold: number;
  reason: string;
  url: string;
}

/** The payload, keyed as extensions/promotion-cap-trigger declares its fields; throws on input Flow would refuse. */
export function promotionCapPayload(trigger: PromotionCapTrigger): Record<string, string | number> {
  for (const [name, value] of [
    ["capUnits", trigger.capUnits],
    ["unitsSold", trigger.unitsSold],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new FlowTriggerError(`${name} ${String(value)} is not a number of units`);
  }
  let url: URL;
  try {
    url = new URL(trigger.url);
  } catch {
    throw new FlowTriggerError(`url "${trigger.url}" is not an absolute URL`);
  }
  return {
    product_id: gid("Product", trigger.productId, "productId"),
    "Variant ID": gid("ProductVariant", trigger.variantId, "variantId"),
    "Product title": oneLine(trigger.productTitle),
    "Variant title": oneLine(trigger.variantTitle),
    "Promotion name": oneLine(trigger.promotionName),
    "Discount ID": trigger.discountId === null ? "" : gid("DiscountNode", trigger.discountId, "discountId"),
    "Cap units": trigger.capUnits,
    "Units sold": trigger.unitsSold,
    Reason: oneLine(trigger.reason),
    "Tempo link": url.toString(),
  };
}

/** Starts the merchant's "Promotion cap reached" workflows for one variant of one promotion. */
export async function sendPromotionCapTrigger(client: AdminGraphqlClient, trigger: PromotionCapTrigger): Promise<void> {
  await receiveFlowTrigger(client, PROMOTION_CAP_TRIGGER_HANDLE, promotionCapPayload(trigger), `the promotion-cap trigger for variant ${trigger.variantId} of "${trigger.promotionName}"`);
}
