import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/shop-context.server";
import { requestFullPlan } from "~/features/plan-runs/replan.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const form = await request.formData();
  if (form.get("intent") !== "replan") return json({ queued: false, error: `Unknown action "${String(form.get("intent"))}"` }, { status: 400 });
  await requestFullPlan(shop);
  return json({ queued: true, error: null });
};
