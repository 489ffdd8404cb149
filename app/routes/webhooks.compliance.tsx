import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { handleComplianceWebhook } from "~/privacy/compliance-webhooks.server";
import { isComplianceTopic } from "~/privacy/compliance-payload";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, payload } = await authenticate.webhook(request);
  if (!isComplianceTopic(topic)) {
    return new Response(`Unexpected topic ${topic}`, { status: 400 });
  }
  await handleComplianceWebhook(topic, shop, payload);
  return new Response(null, { status: 200 });
};
