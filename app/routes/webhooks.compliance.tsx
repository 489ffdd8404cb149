import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { handleComplianceWebhook, isComplianceTopic } from "~/privacy/compliance-webhooks.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, payload } = await authenticate.webhook(request);
  if (!isComplianceTopic(topic)) {
    return new Response(`Unexpected topic ${topic}`, { status: 400 });
  }
  await handleComplianceWebhook(topic, shop, payload);
  return new Response(null, { status: 200 });
};
