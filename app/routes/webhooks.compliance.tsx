import type { ActionFunctionArgs } from "@remix-run/node";
import { handleComplianceWebhook } from "~/features/privacy/compliance-webhooks.server";
import { isComplianceTopic } from "~/features/privacy/compliance-payload";
import { receiveWebhook } from "~/auth/webhook-request.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const received = await receiveWebhook(request);
  if (received instanceof Response) return received;
  if (!isComplianceTopic(received.topic)) {
    return new Response(`Unexpected topic ${received.topic}`, { status: 400 });
  }
  if (received.kind === "unreadable") {
    // A redelivery would be just as unreadable; answered 200 like other unusable bodies, and logged for support.
    console.error(`[privacy] unreadable ${received.topic} ${received.webhookId} for ${received.shop}: ${received.reason}`);
    return new Response(null, { status: 200 });
  }
  await handleComplianceWebhook(received.topic, received.shop, received.payload as Parameters<typeof handleComplianceWebhook>[2]);
  return new Response(null, { status: 200 });
};
