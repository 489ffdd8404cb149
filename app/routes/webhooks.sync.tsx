import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { handleSyncWebhook } from "~/sync/webhook-sync.server";

/**
 * Every sync topic (see shopify.app.toml). authenticate.webhook verifies the HMAC
 * (401 on a forgery). A body that cannot be applied ("rejected": recorded and logged)
 * still answers 200: Shopify retries every non-2xx answer, a 4xx included, and the
 * same body would fail again until Shopify drops the subscription. A failure while
 * applying (database down, ...) answers 500 so Shopify retries.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { topic, shop, payload, webhookId, triggeredAt } = await authenticate.webhook(request);
  try {
    await handleSyncWebhook({ topic, shopDomain: shop, webhookId, payload, triggeredAt });
    return new Response(null, { status: 200 });
  } catch (error) {
    console.error(`[webhooks] ${topic} for ${shop} failed:`, error);
    return new Response(null, { status: 500 });
  }
};
