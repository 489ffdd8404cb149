import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PromotionsPage } from "~/components/promotions/PromotionsPage";
import { getPromotionsView } from "~/plan/promotions-view.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getPromotionsView(shop);
};

export default function Promotions() {
  return <PromotionsPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/errors/RouteErrorBoundary";
