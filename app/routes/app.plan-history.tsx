import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PlanHistoryPage } from "~/features/plan-history/PlanHistoryPage";
import { getPlanHistoryView } from "~/features/plan-history/view.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getPlanHistoryView(shop.id);
};

export default function PlanHistory() {
  return <PlanHistoryPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
