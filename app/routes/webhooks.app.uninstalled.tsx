import type { ActionFunctionArgs } from "@remix-run/node";
import { findShopByDomain, recordUninstall } from "~/persistence/shops.server";
import { unscheduleNightlyReconcile } from "~/queue/schedules.server";
import { receiveWebhook } from "~/shopify/webhook-request.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const received = await receiveWebhook(request);
  if (received instanceof Response) return received;
  // The shop comes from the verified headers: even an unreadable body means the app is gone.
  // Shopify may send this more than once; recordUninstall is idempotent.
  await recordUninstall(received.shop);
  const record = await findShopByDomain(received.shop);
  if (record) await unscheduleNightlyReconcile(record.id);
  return new Response(null, { status: 200 });
};
