import type { ActionFunctionArgs } from "@remix-run/node";
import { updateSessionScopes } from "~/persistence/sessions.server";
import { updateShopScopes } from "~/persistence/shops.server";
import { enqueueShopJob } from "~/queue/enqueue.server";
import { grantAllowsDiscounts } from "~/shopify/discounts.server";
import { receiveWebhook } from "~/shopify/webhook-request.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const received = await receiveWebhook(request);
  if (received instanceof Response) return received;
  const { current, previous } = received.kind === "verified" ? (received.payload as { current?: unknown; previous?: unknown }) : {};
  if (received.kind !== "verified" || !Array.isArray(current)) {
    return new Response("Payload has no `current` scope list", { status: 400 });
  }
  const { shop, session } = received;
  const scopes = current.map(String);
  if (session) await updateSessionScopes(shop, session.id, scopes.join(","));
  const { shop: shopRow, gainedAllOrders } = await updateShopScopes(shop, scopes);
  // A new read_all_orders grant opens history older than 60 days: import it.
  if (shopRow && gainedAllOrders) {
    await enqueueShopJob("orders-backfill", { shopId: shopRow.id, shopDomain: shop });
  }
  // A new read_discounts grant: read the discounts now rather than at the nightly check.
  const hadDiscounts = Array.isArray(previous) && grantAllowsDiscounts(previous.map(String).join(","));
  if (shopRow && !hadDiscounts && grantAllowsDiscounts(scopes.join(","))) {
    await enqueueShopJob("discounts-sync", { shopId: shopRow.id, shopDomain: shop });
  }
  return new Response(null, { status: 200 });
};
