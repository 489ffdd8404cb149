import { useEffect } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { ShopOverview } from "./overview.server";
import { useFormat } from "~/ui/FormatContext";
import { DiscountsAccessNotice } from "./DiscountsAccessNotice";
import { ReconnectBanner } from "./ReconnectBanner";
import { RefusedDeliveries } from "./RefusedDeliveries";
import { SyncStatusBanner } from "./SyncStatusBanner";
import { progressLabel, progressPercent } from "./sync-progress";

const REFRESH_MS = 3_000;

/**
 * Sync state for the shop: the status banner, a progress bar with counts while an
 * import runs (the page refreshes itself meanwhile), the last successful sync, a
 * retry button when the last run failed, and webhook deliveries Tempo refused.
 */
export function SyncStatusCard({ overview }: { overview: Pick<ShopOverview, "latestSync" | "progress" | "lastSuccessfulSyncAt" | "refusedDeliveries" | "discountsUnavailable" | "accessLostAt"> }) {
  const f = useFormat();
  const retry = useFetcher<{ queued: boolean }>();
  const revalidator = useRevalidator();
  const running = overview.progress !== null;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const failed = overview.latestSync?.status === "FAILED";
  const retrying = retry.state !== "idle" || retry.data?.queued === true;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Sync with Shopify
        </Text>
        <ReconnectBanner accessLostAt={overview.accessLostAt} />
        <SyncStatusBanner latestSync={overview.latestSync} />
        {overview.progress && (
          <BlockStack gap="100">
            <ProgressBar progress={progressPercent(overview.progress)} size="small" animated />
            <Text as="p" tone="subdued" id="sync-progress-label">
              {progressLabel(overview.progress)}
            </Text>
          </BlockStack>
        )}
        <InlineStack align="space-between" blockAlign="center">
          <Text as="p" tone="subdued" id="sync-last-success">
            {overview.lastSuccessfulSyncAt
              ? `Last successful sync: ${f.moment(overview.lastSuccessfulSyncAt)}`
              : "No sync has finished yet."}
          </Text>
          {failed && (
            <retry.Form method="post">
              <input type="hidden" name="intent" value="retry-sync" />
              <Button submit loading={retry.state !== "idle"} disabled={retrying}>
                {retry.data?.queued ? "Retry queued" : "Retry now"}
              </Button>
            </retry.Form>
          )}
        </InlineStack>
        <RefusedDeliveries refused={overview.refusedDeliveries} />
        <DiscountsAccessNotice reason={overview.discountsUnavailable} />
      </BlockStack>
    </Card>
  );
}
