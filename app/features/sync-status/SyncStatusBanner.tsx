import { Banner, Text } from "@shopify/polaris";
import type { ShopOverview } from "./overview.server";
import { useFormat } from "~/ui/FormatContext";

const KIND_LABEL: Record<NonNullable<ShopOverview["latestSync"]>["kind"], string> = {
  CATALOG_BACKFILL: "Products and inventory import",
  ORDERS_BACKFILL: "Order history import",
  RECONCILIATION: "Nightly check against Shopify",
  DEMAND_REBUILD: "Demand history rebuild",
};

export function SyncStatusBanner({ latestSync }: { latestSync: ShopOverview["latestSync"] }) {
  const f = useFormat();
  if (!latestSync) {
    return (
      <Banner tone="info" title="Waiting for the first import">
        <Text as="p">Tempo starts importing your products, stock and orders right after install.</Text>
      </Banner>
    );
  }
  const label = KIND_LABEL[latestSync.kind];
  switch (latestSync.status) {
    case "FAILED":
      return (
        <Banner tone="critical" title={`${label} failed`}>
          <Text as="p">{latestSync.error ?? "Tempo will retry automatically."}</Text>
        </Banner>
      );
    case "SUCCEEDED":
      return (
        <Banner tone="success" title={`${label} finished`}>
          <Text as="p">Last finished {f.moment(latestSync.finishedAt)}.</Text>
        </Banner>
      );
    default:
      return (
        <Banner tone="info" title={`${label} in progress`}>
          <Text as="p">Numbers below update as the import runs.</Text>
        </Banner>
      );
  }
}
