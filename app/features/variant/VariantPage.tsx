import { memo, useState, useTransition } from "react";
import { useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, DataTable, EmptyState, InlineGrid, InlineStack, Layout, Link, List, Page, Tabs, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import type { LocationDetail, VariantDetail } from "./detail.server";
import { kindLabel, severityLabel, SEVERITY_TONE } from "~/features/alerts/alert-labels";
import { useFormat } from "~/ui/FormatContext";
import { PlanStatusBar } from "~/ui/PlanStatusBar";
import { DemandChart, StockChart } from "./charts";
import { EMPTY_LIST_IMAGE } from "~/ui/empty-illustration";

function Metric({ label, value, detail, tone }: { label: string; value: string; detail?: string; tone?: "critical" | "caution" | "success" }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="span" tone="subdued" variant="bodySm">
          {label}
        </Text>
        <Text as="span" variant="headingLg" tone={tone}>
          {value}
        </Text>
        {detail && (
          <Text as="span" tone="subdued" variant="bodySm">
            {detail}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

/** Weeks where cleaning changed what counts as demand, and why. */
function cleanedRows(location: LocationDetail, f: ReturnType<typeof useFormat>): string[][] {
  return location.weeks
    .filter((w) => w.sold !== null && w.baseline !== null && Math.abs((w.sold ?? 0) - (w.baseline ?? 0)) >= 0.5)
    .slice(-20)
    .reverse()
    .map((w) => [
      f.day(w.weekStart, { year: true }),
      f.number(w.sold),
      f.number(w.baseline, 1),
      w.stockoutDays > 0 && w.promoDays > 0
        ? `${w.stockoutDays} days out of stock, ${w.promoDays} on promotion`
        : w.stockoutDays > 0
          ? `${w.stockoutDays} day${w.stockoutDays === 1 ? "" : "s"} out of stock: demand estimated from in-stock days`
          : w.promoDays > 0
            ? `${w.promoDays} promotion day${w.promoDays === 1 ? "" : "s"}: the lift is set aside`
            : "The week after a promotion: the dip is set aside",
    ]);
}

/** What the variant's own history said 13 weeks ago about the weeks since, in one sentence. */
function backtestSentence(b: NonNullable<LocationDetail["backtest"]>, f: ReturnType<typeof useFormat>): string {
  const said = `Forecast the same way on ${f.day(b.fromWeek)}, the ${b.weeks} weeks since would have come to ${f.number(Math.round(b.forecastTotal))} units; demand was ${f.number(Math.round(b.actualTotal))} (the dashed purple line against the bars)`;
  if (b.wape === null || b.bias === null) return `${said}.`;
  const lean = Math.abs(b.bias) < 0.05 ? "close to even overall" : b.bias > 0 ? `${f.percent(b.bias, 0)} over overall` : `${f.percent(-b.bias, 0)} under overall`;
  return `${said}: weekly error ${f.percent(b.wape, 0)} of demand (WAPE), ${lean}.`;
}

/** Memoised with the sidebar: choosing a tab re-renders only the tabs at once, the charts in the transition. */
const LocationPlan = memo(function LocationPlan({ location, asOf }: { location: LocationDetail; asOf: string | null }) {
  const f = useFormat();
  const n = location.numbers;
  const firstForecast = location.weeks.find((w) => w.forecast !== null)?.weekStart ?? null;
  const short = n.stockoutDate !== null;
  const cleaned = cleanedRows(location, f);
  return (
    <BlockStack gap="400">
      <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
        <Metric label="Available" value={f.number(n.available)} detail={n.inbound > 0 ? `+ ${f.number(n.inbound)} inbound` : "nothing inbound"} tone={n.available <= 0 ? "critical" : undefined} />
        <Metric label="Weeks of supply" value={f.weeks(n.weeksOfSupply)} detail="against the forecast, week by week" />
        <Metric label="Projected stockout" value={short ? f.day(n.stockoutDate) : "None"} detail={short ? (n.orderByDate && asOf && n.orderByDate < asOf ? `order was due ${f.day(n.orderByDate)}` : `order by ${f.day(n.orderByDate)}`) : `in ${location.weeks.filter((w) => w.forecast !== null).length} weeks`} tone={short ? "critical" : "success"} />
        <Metric label="Reorder point" value={f.number(n.reorderPoint)} detail={`order up to ${f.number(n.orderUpTo)}`} />
        <Metric label="Safety stock" value={f.number(n.safetyStock)} detail={`${f.percent(n.serviceLevel, 0)} service, ${n.abcClass} class`} />
      </InlineGrid>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Demand
          </Text>
          <DemandChart weeks={location.weeks} firstForecastWeek={firstForecast} formatWeek={(w) => f.day(w)} formatUnits={(v) => f.number(v)} />
          <Text as="p" tone="subdued" variant="bodySm">
            Grey bars are units sold. Weeks shaded red were mostly out of stock, orange ones had a promotion: Tempo reads demand in them from the cleaned line, not from what sold.
          </Text>
          {location.forecast && <Text as="p">{location.forecast.reason}</Text>}
          {location.backtest && <Text as="p" id="variant-backtest">{backtestSentence(location.backtest, f)}</Text>}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Stock
          </Text>
          <StockChart
            weeks={location.weeks}
            planDate={location.planDate}
            available={n.available}
            formatDay={(d) => f.day(d)}
            formatUnits={(v) => f.number(v)}
            reorderPoint={n.reorderPoint}
            safetyStock={n.safetyStock}
            proposal={location.proposal ? { quantity: location.proposal.quantity, arrivesOn: location.proposal.arrivesOn } : null}
          />
          <Text as="p">{location.projectionReason}</Text>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Where the numbers come from
          </Text>
          <List type="bullet">
            {location.forecast && (
              <List.Item>
                Forecast: {location.forecast.modelLabel}
                {location.forecast.demandClass ? ` for ${location.forecast.demandClass} demand` : ""}.
              </List.Item>
            )}
            {location.forecast?.reasons.map((reason, i) => <List.Item key={i}>{reason}</List.Item>)}
            <List.Item>Policy: {location.policyReason}</List.Item>
            <List.Item>
              History: {location.cleaning.stockoutWeeks} week{location.cleaning.stockoutWeeks === 1 ? "" : "s"} with stockouts ({f.number(location.cleaning.unitsImputed)} units of lost demand estimated), {location.cleaning.promoWeeks} with promotions (
              {f.number(location.cleaning.promoExcessUnits)} units of lift set aside).
            </List.Item>
          </List>
        </BlockStack>
      </Card>
      {cleaned.length > 0 && (
        <Card padding="0">
          <Box padding="400" paddingBlockEnd="0">
            <Text as="h2" variant="headingMd">
              What Tempo set aside
            </Text>
          </Box>
          <DataTable columnContentTypes={["text", "numeric", "numeric", "text"]} headings={["Week of", "Sold", "Demand used", "Why"]} rows={cleaned} />
        </Card>
      )}
    </BlockStack>
  );
});

const Sidebar = memo(function Sidebar({ location, detail }: { location: LocationDetail; detail: VariantDetail }) {
  const f = useFormat();
  const alerts = detail.alerts.filter((a) => a.locationName === location.locationName);
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Reorder
          </Text>
          {location.proposal ? (
            <>
              <InlineStack gap="200">
                <Badge tone={location.proposal.status === "APPROVED" ? "success" : "attention"}>{location.proposal.status === "APPROVED" ? "Approved" : "To review"}</Badge>
                <Text as="span" fontWeight="semibold">
                  {f.number(location.proposal.quantity)} units by {f.day(location.proposal.orderByDate)}
                </Text>
              </InlineStack>
              <Text as="p" variant="bodySm">
                {location.proposal.reason}
              </Text>
              <Link url="/app/proposals">Review in proposals</Link>
            </>
          ) : (
            <Text as="p" tone="subdued">
              No reorder needed now.
            </Text>
          )}
          <Text as="p" tone="subdued" variant="bodySm">
            {location.supplier.name ? `Supplier: ${location.supplier.name}` : "No supplier: shop defaults"} · lead time {location.numbers.leadTimeDays} days · orders every {location.numbers.reviewDays} days
          </Text>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Inbound
          </Text>
          {location.openOrders.length === 0 ? (
            <Text as="p" tone="subdued">
              Nothing on order.
            </Text>
          ) : (
            location.openOrders.map((o, i) => (
              <InlineStack key={i} align="space-between">
                <Text as="span">{o.label}</Text>
                <Text as="span">
                  {f.number(o.units)} · {o.expectedDate ? f.day(o.expectedDate) : "no date"}
                </Text>
              </InlineStack>
            ))
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Alerts
          </Text>
          {alerts.length === 0 ? (
            <Text as="p" tone="subdued">
              None open.
            </Text>
          ) : (
            alerts.map((alert) => (
              <BlockStack key={alert.id} gap="100">
                <InlineStack gap="200">
                  <Badge tone={SEVERITY_TONE[alert.severity]}>{severityLabel(alert.severity)}</Badge>
                  <Text as="span" fontWeight="semibold">
                    {kindLabel(alert.kind)}
                  </Text>
                </InlineStack>
                <Text as="p" variant="bodySm">
                  {alert.reason}
                </Text>
              </BlockStack>
            ))
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
});

export function VariantPage({ detail }: { detail: VariantDetail }) {
  // A link from one variant-location (the board's drill-down) opens on that location's tab.
  const [params] = useSearchParams();
  const [selectedTab, setSelectedTab] = useState(() => Math.max(0, detail.locations.findIndex((l) => l.locationId === params.get("location"))));
  // The tab answers at once; the location's charts follow as a transition, so the click paints without waiting for them.
  const [tab, setTab] = useState(selectedTab);
  const [, startTransition] = useTransition();
  const selectTab = (index: number) => {
    setSelectedTab(index);
    startTransition(() => setTab(index));
  };
  const location = detail.locations[tab] ?? detail.locations[0];
  const subtitle = [detail.variantTitle, detail.sku, detail.vendor].filter(Boolean).join(" · ");
  return (
    <Page backAction={{ content: "Board", url: "/app" }} title={detail.productTitle} subtitle={subtitle} fullWidth>
      <TitleBar title={detail.productTitle} />
      <BlockStack gap="400">
        <PlanStatusBar status={detail.plan} />
        {!location ? (
          <Card>
            <EmptyState heading={detail.plan.asOf ? "Not planned" : "No plan yet"} image={EMPTY_LIST_IMAGE}>
              <Text as="p">{detail.plan.asOf ? "Tempo plans variants that Shopify tracks stock for at a location. This one has no tracked stock." : "The variant's plan appears once Tempo has made its first plan."}</Text>
            </EmptyState>
          </Card>
        ) : (
          <>
            {detail.locations.length > 1 && <Tabs tabs={detail.locations.map((l) => ({ id: l.locationId, content: l.locationName }))} selected={selectedTab} onSelect={selectTab} />}
            <Layout>
              <Layout.Section>
                <LocationPlan location={location} asOf={detail.plan.asOf} />
              </Layout.Section>
              <Layout.Section variant="oneThird">
                <Sidebar location={location} detail={detail} />
              </Layout.Section>
            </Layout>
          </>
        )}
      </BlockStack>
    </Page>
  );
}
