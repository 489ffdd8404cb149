import { recordPrivacyRequest, type PrivacyTopic } from "~/features/privacy/queries/requests.server";
import { auditRecordOf, type CompliancePayload } from "./compliance-payload";
import { markShopForErasure } from "~/platform/shops.server";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";

/**
 * Shopify's three mandatory privacy webhooks. Tempo stores orders without
 * customer fields (no name, email, address or customer id), so customer
 * requests have nothing to return or erase; the request is still recorded so
 * the merchant can show what was done. shop/redact erases the whole shop in a
 * job: a cascade over millions of rows would outlast Shopify's 5 s and be redelivered.
 */
const NO_CUSTOMER_DATA =
  "Tempo stores no customer personal data: orders are kept without customer fields.";
export const SHOP_ERASURE_SCHEDULED = "Erasure of all the shop's data was scheduled.";
const NO_SHOP_DATA = "No data was held for this shop.";

export async function handleComplianceWebhook(
  topic: PrivacyTopic,
  shopDomain: string,
  payload: CompliancePayload,
): Promise<void> {
  const customerId = payload.customer?.id != null ? String(payload.customer.id) : null;
  const request = { shopDomain, topic, customerId, payload: JSON.parse(JSON.stringify(auditRecordOf(payload))) };
  if (topic !== "SHOP_REDACT") {
    await recordPrivacyRequest({ ...request, outcome: NO_CUSTOMER_DATA });
    return;
  }
  const shop = await markShopForErasure(shopDomain);
  if (!shop) {
    await recordPrivacyRequest({ ...request, outcome: NO_SHOP_DATA });
    return;
  }
  // Recorded before the job is queued, so the job always finds the request to complete.
  await recordPrivacyRequest({ ...request, outcome: SHOP_ERASURE_SCHEDULED, completed: false });
  await enqueueShopJob("shop-erase", { shopId: shop.id, shopDomain });
}
