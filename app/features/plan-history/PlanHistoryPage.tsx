import { Banner, BlockStack, Card, DataTable, EmptyState, InlineGrid, Layout, List, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useFormat } from "~/ui/FormatContext";
import { EMPTY_LIST_IMAGE } from "~/ui/empty-illustration";
import type { PlanHistoryView, ServiceRow } from "./history-view";

const TITLE = "How the plan did on your history";
const SHOWN_COLLECTIONS = 15;
const SHOWN_CORRECTIONS = 5;

export function PlanHistoryPage({ view }: { view: PlanHistoryView }) {
  const f = useFormat();
  if (view.state !== "ready") {
    return (
      <Page title={TITLE}>
        <TitleBar title={TITLE} />
        <Card>
          <EmptyState heading={view.state === "no-plan" ? "No plan yet" : "Not enough history to replay yet"} image={EMPTY_LIST_IMAGE}>
            <Text as="p">
              {view.state === "no-plan"
                ? "Once the first plan has run, this page replays it on your own past weeks: the service it would have reached, the stock it would have held, and how close its forecasts came."
                : "The replay needs at least 20 variants with 21 weeks of sales (8 to learn from, 13 to replay). It runs again with every nightly plan."}
            </Text>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  const show = (row: ServiceRow, value: number): string => (row.format === "percent" ? f.percent(value, 1) : f.number(value, 1));
  const shownCollections = view.collections.slice(0, SHOWN_COLLECTIONS);
  return (
    <Page title={TITLE} subtitle={`The plan Tempo would have made on ${f.day(view.origin, { year: true })}, replayed over the ${view.weeks} weeks that followed, on ${f.count(view.series, "variant-location")}.`}>
      <TitleBar title={TITLE} />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <BlockStack gap="100">
                <Text as="h2" variant="headingMd">
                  Stock policy on your last {view.weeks} weeks
                </Text>
                <Text as="p" tone="subdued">
                  Each variant's reorder point and order-up-to level as that plan set them, with its own lead time and review period; orders arrive after the lead time and the
                  weeks' real sales come out of stock. The textbook policy is normal safety stock on a 13-week average at the same target.
                </Text>
              </BlockStack>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "text"]}
                headings={["Measure", "Tempo's plan", "Textbook policy", "What it means"]}
                rows={view.rows.map((row) => [
                  <Text as="span" fontWeight="semibold" key="label">
                    {row.label}
                  </Text>,
                  <span key="plan" id={`history-${row.label.toLowerCase().replace(/ /g, "-")}`}>
                    {show(row, row.plan)}
                  </span>,
                  show(row, row.textbook),
                  <div key="meaning" style={{ whiteSpace: "normal", minWidth: 260 }}>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {row.meaning}
                    </Text>
                  </div>,
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Forecast band
                </Text>
                {view.coverage ? (
                  <>
                    <Text as="p" variant="headingLg" id="history-coverage">
                      {f.percent(view.coverage.calibrated, 0)} of weeks inside P10–P90
                    </Text>
                    <Text as="p" tone="subdued">
                      {view.coverage.meaning} The model's band before Tempo calibrated it on your earlier weeks held {f.percent(view.coverage.model, 0)} ({f.count(view.coverage.weeks, "week")}{" "}
                      scored).
                    </Text>
                  </>
                ) : (
                  <Text as="p" tone="subdued">
                    No forecasts were scored.
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Corrections this plan made
                </Text>
                {view.corrections.length > 0 ? (
                  <BlockStack gap="100">
                    <List>
                      {view.corrections.slice(0, SHOWN_CORRECTIONS).map((c) => (
                        <List.Item key={c}>{c}</List.Item>
                      ))}
                    </List>
                    {view.corrections.length > SHOWN_CORRECTIONS && (
                      <Text as="p" tone="subdued" variant="bodySm">
                        And {f.count(view.corrections.length - SHOWN_CORRECTIONS, "more correction")} of the same kind.
                      </Text>
                    )}
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    None needed: every kind of demand reached its service target within 2 points, so the plan reads lead-time demand as its forecasts have it.
                  </Text>
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    Forecast error by collection
                  </Text>
                  <Text as="p" tone="subdued">
                    The forecasts made on {f.day(view.origin, { year: true })} against what sold in the {view.weeks} weeks since. WAPE is the absolute error as a share of what sold (lower is
                    better); bias is how far forecasts ran over (+) or under (−) it.
                  </Text>
                </BlockStack>
              </div>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={["Collection", "Variant-locations", "Units sold", "WAPE", "Bias"]}
                rows={shownCollections.map((c) => [
                  c.collection,
                  f.number(c.variants),
                  f.number(c.units),
                  c.wape === null ? "—" : f.percent(c.wape, 0),
                  c.bias === null ? "—" : `${c.bias > 0 ? "+" : c.bias < 0 ? "−" : ""}${f.percent(Math.abs(c.bias), 0)}`,
                ])}
                footerContent={view.collections.length > SHOWN_COLLECTIONS ? `The ${SHOWN_COLLECTIONS} collections that sold most, of ${view.collections.length}.` : undefined}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        {view.locations.length > 1 && (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  By location
                </Text>
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                  headings={["Location", "Target", "Cycle service", "Fill rate", "Average stock", "Textbook stock"]}
                  rows={view.locations.map((l) => [l.name, f.percent(l.target, 1), f.percent(l.plan.cycleService, 1), f.percent(l.plan.fillRate, 1), f.number(l.plan.meanStock, 1), f.number(l.textbook.meanStock, 1)])}
                />
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section>
          <Banner tone="info">
            <Text as="p">
              Figures from the current plan of {f.day(view.asOf, { year: true })}. The replay runs again with every nightly plan, so this page always shows the latest {view.weeks} weeks.
            </Text>
          </Banner>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
