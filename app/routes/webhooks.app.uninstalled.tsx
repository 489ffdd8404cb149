import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { recordUninstall } from "~/persistence/shops.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  // Shopify may send this more than once; recordUninstall is idempotent.
  await recordUninstall(shop);
  return new Response(null, { status: 200 });
};
