import { recordPrivacyRequest, type PrivacyTopic } from "~/persistence/privacy-requests.server";
import { auditRecordOf, type CompliancePayload } from "./compliance-payload";
import { eraseShop } from "~/persistence/shops.server";

/**
 * Shopify's three mandatory privacy webhooks. Tempo stores orders without
 * customer fields (no name, email, address or customer id), so customer
 * requests have nothing to return or erase; the request is still recorded so
 * the merchant can show what was done. shop/redact erases the whole shop.
 */
const NO_CUSTOMER_DATA =
  "Tempo stores no customer personal data: orders are kept without customer fields.";

export async function handleComplianceWebhook(
  topic: PrivacyTopic,
  shopDomain: string,
  payload: CompliancePayload,
): Promise<void> {
  const customerId = payload.customer?.id != null ? String(payload.customer.id) : null;
  const outcome =
    topic === "SHOP_REDACT"
      ? (await eraseShop(shopDomain)).erased
        ? "All of the shop's data was erased."
        : "No data was held for this shop."
      : NO_CUSTOMER_DATA;
  await recordPrivacyRequest({
    shopDomain,
    topic,
    customerId,
    payload: JSON.parse(JSON.stringify(auditRecordOf(payload))),
    outcome,
  });
}
