import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { findShopByDomain, recordUninstall } from "~/persistence/shops.server";
import { unscheduleNightlyReconcile } from "~/queue/schedules.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  // Shopify may send this more than once; recordUninstall is idempotent.
  await recordUninstall(shop);
  const record = await findShopByDomain(shop);
  if (record) await unscheduleNightlyReconcile(record.id);
  return new Response(null, { status: 200 });
};
