import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { getShopOverview } from "~/persistence/overview.server";
import { CatalogueCounts } from "~/components/overview/CatalogueCounts";
import { SyncStatusCard } from "~/components/overview/SyncStatusCard";
import { enqueueShopJob } from "~/queue/enqueue.server";
import { invalidateOfflineSession } from "~/persistence/sessions.server";
import { findShopByDomain } from "~/persistence/shops.server";
import { fromRemixAdmin } from "~/shopify/admin-client.server";
import { whenShopRecorded } from "~/shopify/after-auth.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  await whenShopRecorded(session.shop, fromRemixAdmin(admin));
  const overview = await getShopOverview(session.shop);
  return {
    overview: overview ?? {
      shopName: null,
      counts: { locations: 0, products: 0, variants: 0, orders: 0 },
      latestSync: null,
      progress: null,
      lastSuccessfulSyncAt: null,
      accessLostAt: null,
      refusedDeliveries: { total: 0, latest: [] },
    },
  };
};

/**
 * The sync card's buttons. Retry: start the import again (it resumes where it stopped).
 * Reconnect: drop the stored token and authenticate again, which exchanges a fresh one
 * (afterAuth then resumes the sync).
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") === "reconnect") {
    await invalidateOfflineSession(session.shop);
    await authenticate.admin(request);
    return json({ reconnected: true, error: null });
  }
  if (form.get("intent") !== "retry-sync") {
    return json({ queued: false, error: `Unknown action "${String(form.get("intent"))}"` }, { status: 400 });
  }
  const shop = await findShopByDomain(session.shop);
  if (!shop) return json({ queued: false, error: "This shop is not installed." }, { status: 404 });
  await enqueueShopJob("catalog-backfill", { shopId: shop.id, shopDomain: shop.domain });
  return json({ queued: true, error: null });
};

export default function Overview() {
  const { overview } = useLoaderData<typeof loader>();
  return (
    <Page title={overview.shopName ? `Tempo for ${overview.shopName}` : "Tempo"}>
      <TitleBar title="Tempo" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <SyncStatusCard overview={overview} />
            <CatalogueCounts counts={overview.counts} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
