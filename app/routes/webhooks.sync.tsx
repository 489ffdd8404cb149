import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveSyncWebhook } from "~/auth/webhook-request.server";
import { acceptSyncWebhook, refuseSyncWebhook } from "~/sync/webhooks/accept.server";

/**
 * Every sync topic (see shopify.app.toml). receiveSyncWebhook verifies the HMAC (401 on
 * a forgery) and limits the body (413). The delivery is recorded in the inbox before the
 * 200; the worker applies it. A body that cannot be applied (not JSON, a bad field) is
 * recorded as rejected and still answers 200: Shopify retries every non-2xx answer, a
 * 4xx included, and the same body would fail again until Shopify drops the
 * subscription. A failure to record (database down, ...) answers 500 so Shopify retries.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const received = await receiveSyncWebhook(request);
  if (received instanceof Response) return received;
  try {
    if (received.kind === "unreadable") {
      await refuseSyncWebhook({ shopDomain: received.shop, webhookId: received.webhookId, topic: received.topic, reason: received.reason });
    } else {
      const { topic, shop, webhookId, payload, body, triggeredAt } = received;
      await acceptSyncWebhook({ topic, shopDomain: shop, webhookId, payload, body, ...(triggeredAt ? { triggeredAt } : {}) });
    }
    return new Response(null, { status: 200 });
  } catch (error) {
    console.error(`[webhooks] ${received.topic} for ${received.shop} failed:`, error);
    return new Response(null, { status: 500 });
  }
};
