import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { SettingsPage } from "~/features/settings/SettingsPage";
import { getSettingsView } from "~/features/settings/view.server";
import { saveSettingsForm } from "~/features/settings/save.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getSettingsView(shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { who } = await requireShop(request);
  const outcome = await saveSettingsForm(who, await request.formData());
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function Settings() {
  const { settings, today } = useLoaderData<typeof loader>();
  return <SettingsPage settings={settings} today={today} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
