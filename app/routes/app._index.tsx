import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { getShopOverview } from "~/persistence/overview.server";
import { CatalogueCounts } from "~/components/overview/CatalogueCounts";
import { SyncStatusBanner } from "~/components/overview/SyncStatusBanner";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const overview = await getShopOverview(session.shop);
  return {
    overview: overview ?? {
      shopName: null,
      counts: { locations: 0, products: 0, variants: 0, orders: 0 },
      latestSync: null,
    },
  };
};

export default function Overview() {
  const { overview } = useLoaderData<typeof loader>();
  return (
    <Page title={overview.shopName ? `Tempo for ${overview.shopName}` : "Tempo"}>
      <TitleBar title="Tempo" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <SyncStatusBanner latestSync={overview.latestSync} />
            <CatalogueCounts counts={overview.counts} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
