import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop, shopFormat } from "~/auth/shop-context.server";
import { SettingsPage } from "~/components/settings/SettingsPage";
import { getPlanSettings } from "~/persistence/plan-settings.server";
import { saveSettingsForm } from "~/plan/plan-settings.server";
import { shopToday } from "~/plan/plan-support";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { settings: await getPlanSettings(shop.id), today: shopToday(shopFormat(shop, request).timezone) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireShop(request);
  const outcome = await saveSettingsForm({ shopId: shop.id, shopDomain: shop.domain, actor }, await request.formData());
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function Settings() {
  const { settings, today } = useLoaderData<typeof loader>();
  return <SettingsPage settings={settings} today={today} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/errors/RouteErrorBoundary";
