import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { AlertsPage } from "~/features/alerts/AlertsPage";
import { getAlertsView } from "~/features/alerts/view.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getAlertsView(shop.id, new URL(request.url).searchParams);
};

export default function Alerts() {
  return <AlertsPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
