import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { embeddedAppConfig, requireShop, shopFormat } from "~/auth/shop-context.server";
import { FormatProvider } from "~/ui/FormatContext";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { format: shopFormat(shop, request), ...embeddedAppConfig() };
};

export default function App() {
  const { apiKey, appBridgeUrl, format } = useLoaderData<typeof loader>();
  const bridgeOverride = appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {};
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...bridgeOverride}>
      <NavMenu>
        <Link to="/app" rel="home">
          Board
        </Link>
        <Link to="/app/promotions">Promotions</Link>
        <Link to="/app/proposals">Reorder proposals</Link>
        <Link to="/app/purchase-orders">Purchase orders</Link>
        <Link to="/app/alerts">Alerts</Link>
        <Link to="/app/plan-history">Plan accuracy</Link>
        <Link to="/app/suppliers">Suppliers</Link>
        <Link to="/app/settings">Settings</Link>
      </NavMenu>
      <FormatProvider value={format}>
        <Outlet />
      </FormatProvider>
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so their headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
