import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PromotionsPage } from "~/features/promotions/PromotionsPage";
import { getPromotionsView } from "~/features/promotions/calendar-view.server";
import { planShopifyDiscount } from "~/features/promotions/discount-offers.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getPromotionsView(shop);
};

/** Makes a promotion from a discount scheduled in Shopify, and opens it. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, who } = await requireShop(request);
  const form = await request.formData();
  if (form.get("intent") !== "plan-discount") return json({ ok: false as const, errors: { form: `Unknown action "${String(form.get("intent"))}".` } }, { status: 400 });
  const outcome = await planShopifyDiscount(who, shop, String(form.get("discountId") ?? ""));
  return outcome.ok ? redirect(`/app/promotions/${outcome.id}`) : json(outcome, { status: 400 });
};

export default function Promotions() {
  return <PromotionsPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
