import { useEffect } from "react";
import { useRevalidator } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import type { BoardView } from "./view.server";
import { alertPlace, kindLabel, severityLabel, SEVERITY_TONE } from "~/features/alerts/alert-labels";
import { useFormat } from "~/ui/FormatContext";
import { CatalogueCounts } from "~/features/sync-status/CatalogueCounts";
import { SyncStatusCard } from "~/features/sync-status/SyncStatusCard";
import { PlanStatusBar } from "~/ui/PlanStatusBar";
import { METRICS } from "./metric-definitions";
import { MetricTile } from "./MetricTile";
import { PlanGrid } from "./PlanGrid";
import { SetupGuide } from "./SetupGuide";

/** The board follows the shop live: orders and stock changes re-plan their variants within seconds. */
const LIVE_REFRESH_MS = 5_000;

export function BoardPage({ view }: { view: BoardView }) {
  const f = useFormat();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [revalidator]);

  const title = view.sync?.shopName ? `S&OP board · ${view.sync.shopName}` : "S&OP board";
  return (
    <Page title={title} fullWidth>
      <TitleBar title="S&OP board" />
      <BlockStack gap="400">
        <PlanStatusBar status={view.plan} />
        {view.setupGuide && <SetupGuide guide={view.setupGuide} />}
        {view.plan.asOf && (
          <InlineGrid columns={{ xs: 2, sm: 3, md: 5 }} gap="300">
            {METRICS.map((metric) => (
              <MetricTile key={metric.key} metric={metric} value={view.current[metric.key]} trend={view.metrics} />
            ))}
          </InlineGrid>
        )}
        {/* While the setup guide is up, its unit-cost step says this. */}
        {view.current.unpricedPairs && !view.setupGuide ? (
          <Text as="p" tone="subdued" variant="bodySm">
            {f.number(view.current.unpricedPairs)} stocked variant-locations have no unit cost in Shopify or Tempo and are left out of every value at cost.
          </Text>
        ) : null}
        {view.plan.asOf ? <PlanGrid view={view} /> : null}
        <Layout>
          <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between">
                    <Text as="h2" variant="headingMd">
                      Open alerts
                    </Text>
                    <Button variant="plain" url="/app/alerts">
                      {`All ${f.number(view.openAlertCount)}`}
                    </Button>
                  </InlineStack>
                  {view.alerts.length === 0 ? (
                    <Text as="p" tone="subdued">
                      {view.plan.asOf ? "None: stock looks fine everywhere." : "Alerts appear once the first plan is made."}
                    </Text>
                  ) : (
                    view.alerts.map((alert) => (
                      <Box key={alert.id} paddingBlockEnd="200" borderBlockEndWidth="025" borderColor="border-secondary">
                        <BlockStack gap="100">
                          <InlineStack gap="200" blockAlign="center" wrap={false}>
                            <Badge tone={SEVERITY_TONE[alert.severity]}>{severityLabel(alert.severity)}</Badge>
                            <Button variant="plain" url={alert.link}>
                              {alert.productTitle}
                            </Button>
                          </InlineStack>
                          <Text as="p" variant="bodySm" tone="subdued">
                            {alertPlace(alert)}
                          </Text>
                          <Text as="p" variant="bodySm">
                            {kindLabel(alert.kind)}: {alert.reason}
                          </Text>
                        </BlockStack>
                      </Box>
                    ))
                  )}
                </BlockStack>
              </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              {view.sync && <SyncStatusCard overview={view.sync} />}
              {view.sync && <CatalogueCounts counts={view.sync.counts} />}
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
