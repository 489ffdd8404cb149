import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/shop-context.server";
import { enqueueShopJob } from "~/queue/enqueue.server";

/** "Re-plan now": queues a full plan run for the shop (a run already queued or running absorbs it). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const form = await request.formData();
  if (form.get("intent") !== "replan") return json({ queued: false, error: `Unknown action "${String(form.get("intent"))}"` }, { status: 400 });
  await enqueueShopJob("plan-shop", { shopId: shop.id, shopDomain: shop.domain, trigger: "manual" });
  return json({ queued: true, error: null });
};
