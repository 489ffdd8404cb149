import { memo, useEffect, useRef, type ReactNode } from "react";
import { useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, DataTable, InlineStack, Link, Pagination, Select, Text } from "@shopify/polaris";
import type { BoardView } from "./view.server";
import type { RollUp } from "~/features/board/queries/grid.server";
import { useFormat } from "~/ui/FormatContext";

const ROLL_UP_LABEL: Record<RollUp, string> = { productType: "Product type", vendor: "Vendor", collection: "Collection", location: "Location" };

interface Series {
  label: ReactNode;
  sold: (number | null)[];
  demand: number[];
  inbound: number[];
  projected: number[];
}

/** Three rows per item: demand (actual sales in past weeks), supply arriving, projected stock at each week's end. */
function rowsOf(series: Series, f: ReturnType<typeof useFormat>): ReactNode[][] {
  const cell = (value: number | null, tone?: "critical" | "subdued") =>
    value === null ? (
      ""
    ) : (
      <Text as="span" numeric tone={tone}>
        {f.number(value)}
      </Text>
    );
  const label = (text: string) => (
    <Box paddingInlineStart="400">
      <Text as="span" tone="subdued">
        {text}
      </Text>
    </Box>
  );
  return [
    [series.label, ...series.sold.map((v) => cell(v, "subdued")), ...series.demand.map((v) => cell(v))],
    [label("Inbound"), ...series.sold.map(() => ""), ...series.inbound.map((v) => (v > 0 ? cell(v) : ""))],
    [label("Projected stock"), ...series.sold.map(() => ""), ...series.projected.map((v) => cell(v, v < 0.5 ? "critical" : undefined))],
  ];
}

/**
 * Memoised: the board re-renders on every router state change (its live refresh watches the
 * revalidator), and re-rendering this table then kept a click waiting ~200 ms for its next paint.
 */
export const PlanGrid = memo(function PlanGrid({ view }: { view: BoardView }) {
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { preventScrollReset: true });
  };
  // A group opens below the whole grid: bring it into view when it opens or turns a page (not on the live refresh).
  const drillRef = useRef<HTMLDivElement>(null);
  const drillKey = view.drill ? `${view.rollUp}|${view.drill.group}|${view.drill.page}` : null;
  useEffect(() => {
    if (drillKey) drillRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [drillKey]);
  const headings = ["", ...view.pastWeekStarts.map((w) => f.day(w)), ...view.weekStarts.map((w) => f.day(w))];
  const types = ["text", ...headings.slice(1).map(() => "numeric" as const)] as ("text" | "numeric")[];

  const groupRows = view.grid.flatMap((row) =>
    rowsOf(
      {
        label: (
          <BlockStack gap="050">
            <Button variant="plain" textAlign="left" onClick={() => set({ group: row.key, page: null })}>
              {row.key}
            </Button>
            <Text as="span" tone="subdued" variant="bodySm">
              {f.count(row.variants, "variant")} · {f.money(row.valueAtCost, { whole: true })}
            </Text>
            {row.atRisk > 0 && (
              <InlineStack>
                <Badge tone="critical">{`${row.atRisk} at risk`}</Badge>
              </InlineStack>
            )}
          </BlockStack>
        ),
        sold: row.sold,
        demand: row.demand,
        inbound: row.inbound,
        projected: row.projected,
      },
      f,
    ),
  );

  return (
    <BlockStack gap="400">
      <Card padding="0">
        <Box padding="400">
          <InlineStack align="space-between" blockAlign="center" gap="300">
            <BlockStack gap="050">
              <Text as="h2" variant="headingMd">
                Demand, supply and stock by week
              </Text>
              <Text as="p" tone="subdued" variant="bodySm">
                The first {view.pastWeekStarts.length} columns are units sold; the rest are the forecast (with planned promotions), what arrives, and the stock left at each week's end.
              </Text>
            </BlockStack>
            <div style={{ minWidth: 200 }}>
              <Select
                label="Roll up by"
                labelInline
                options={(Object.keys(ROLL_UP_LABEL) as RollUp[]).map((value) => ({ label: ROLL_UP_LABEL[value], value }))}
                value={view.rollUp}
                onChange={(value) => set({ rollup: value, group: null, page: null })}
              />
            </div>
          </InlineStack>
        </Box>
        {view.grid.length === 0 ? (
          <Box padding="400">
            <Text as="p" tone="subdued">
              Nothing planned yet.
            </Text>
          </Box>
        ) : (
          <DataTable columnContentTypes={types} headings={headings} rows={groupRows} fixedFirstColumns={1} increasedTableDensity hoverable={false} />
        )}
      </Card>
      {view.drill && (
        <div ref={drillRef}>
          <Card padding="0">
            <Box padding="400">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  {ROLL_UP_LABEL[view.rollUp]}: {view.drill.group} · {f.number(view.drill.total)} variant-locations, soonest stockout first
                </Text>
                <Button variant="plain" onClick={() => set({ group: null, page: null })}>
                  Close
                </Button>
              </InlineStack>
            </Box>
            <DataTable
              columnContentTypes={types}
              headings={headings}
              fixedFirstColumns={1}
              increasedTableDensity
              hoverable={false}
              rows={view.drill.rows.flatMap((row) =>
                rowsOf(
                  {
                    label: (
                      <BlockStack gap="050">
                        <Link url={`/app/variants/${row.variantId}?location=${row.locationId}`} removeUnderline>
                          {row.productTitle}
                        </Link>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {[row.variantTitle, row.sku, row.locationName].filter(Boolean).join(" · ")} · {f.weeks(row.weeksOfSupply)}
                          {row.stockoutDate ? ` · out ${f.day(row.stockoutDate)}` : ""}
                        </Text>
                      </BlockStack>
                    ),
                    sold: row.sold,
                    demand: row.demand,
                    inbound: row.inbound,
                    projected: row.projected,
                  },
                  f,
                ),
              )}
            />
            <Box padding="300">
              <InlineStack align="center">
                <Pagination
                  hasPrevious={view.drill.page > 1}
                  onPrevious={() => set({ page: String(view.drill!.page - 1) })}
                  hasNext={view.drill.page * view.drill.pageSize < view.drill.total}
                  onNext={() => set({ page: String(view.drill!.page + 1) })}
                  label={`Page ${view.drill.page} of ${Math.max(1, Math.ceil(view.drill.total / view.drill.pageSize))}`}
                />
              </InlineStack>
            </Box>
          </Card>
        </div>
      )}
    </BlockStack>
  );
});
