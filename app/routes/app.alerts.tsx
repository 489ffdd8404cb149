import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { AlertsPage } from "~/features/alerts/AlertsPage";
import { getAlertsView } from "~/features/alerts/view.server";
import { setAsideAlerts } from "~/features/alerts/set-aside.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getAlertsView(shop.id, new URL(request.url).searchParams);
};

/** Snooze, dismiss or bring back the selected alerts; a bad value answers 400 with the field's message. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, who } = await requireShop(request);
  const outcome = await setAsideAlerts(who, shop, await request.formData());
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function Alerts() {
  return <AlertsPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
