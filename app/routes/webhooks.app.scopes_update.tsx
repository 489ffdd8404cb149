import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { updateSessionScopes } from "~/persistence/sessions.server";
import { updateShopScopes } from "~/persistence/shops.server";
import { enqueueShopJob } from "~/queue/enqueue.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload, session } = await authenticate.webhook(request);
  const current = (payload as { current?: unknown }).current;
  if (!Array.isArray(current)) {
    return new Response("Payload has no `current` scope list", { status: 400 });
  }
  const scopes = current.map(String);
  if (session) await updateSessionScopes(shop, session.id, scopes.join(","));
  const { shop: shopRow, gainedAllOrders } = await updateShopScopes(shop, scopes);
  // A new read_all_orders grant opens history older than 60 days: import it.
  if (shopRow && gainedAllOrders) {
    await enqueueShopJob("orders-backfill", { shopId: shopRow.id, shopDomain: shop });
  }
  return new Response(null, { status: 200 });
};
