import { memo } from "react";
import { BlockStack, Card, InlineStack, Text, Tooltip } from "@shopify/polaris";
import { Line, LineChart, ResponsiveContainer } from "recharts";
import type { ShopMetrics } from "~/features/board/queries/metrics.server";
import { useFormat } from "~/ui/FormatContext";
import type { MetricDefinition } from "./metric-definitions";

interface Props {
  metric: MetricDefinition;
  value: number | null | undefined;
  trend: { weekStart: string; metrics: ShopMetrics }[];
}

/** One headline number: its definition on hover, its trend over the last weeks, and the change against four weeks earlier. */
/** Memoised, as the grid is: its sparkline need not redraw on every router state change. */
export const MetricTile = memo(function MetricTile({ metric, value, trend }: Props) {
  const f = useFormat();
  const points = trend.map((w) => ({ weekStart: w.weekStart, value: w.metrics[metric.key] ?? null })).filter((p): p is { weekStart: string; value: number } => typeof p.value === "number");
  const show = (v: number | null | undefined): string => {
    if (v === null || v === undefined) return "—";
    switch (metric.format) {
      case "money":
        return f.money(v, { whole: true });
      case "weeks":
        return f.weeks(v);
      case "count":
        return f.number(v);
      case "percent":
        return f.percent(v, 1);
      case "ratio":
        return `${f.number(v, 1)}×`;
    }
  };
  const earlier = points.length >= 5 ? points[points.length - 5]!.value : points.length >= 2 ? points[0]!.value : null;
  const change = value !== null && value !== undefined && earlier !== null ? value - earlier : null;
  const tone = change === null || metric.higherIsBetter === null || Math.abs(change) < 1e-9 ? "subdued" : change > 0 === metric.higherIsBetter ? "success" : "critical";
  return (
    <Card>
      <BlockStack gap="100">
        <Tooltip content={metric.definition} dismissOnMouseOut>
          <Text as="span" tone="subdued" variant="bodySm">
            <span style={{ borderBottom: "1px dotted currentColor", cursor: "help" }}>{metric.label}</span>
          </Text>
        </Tooltip>
        <InlineStack align="space-between" blockAlign="end" wrap={false} gap="200">
          <Text as="span" variant="headingLg" id={`metric-${metric.key}`}>
            {show(value)}
          </Text>
          {points.length >= 2 && (
            <div style={{ width: 72, height: 28 }} aria-hidden>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={points}>
                  <Line dataKey="value" stroke="#616161" strokeWidth={1.5} dot={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </InlineStack>
        <Text as="span" variant="bodySm" tone={tone === "subdued" ? "subdued" : tone}>
          {change !== null ? `${change >= 0 ? "+" : "−"}${show(Math.abs(change))} vs ${f.day(points[Math.max(0, points.length - 5)]!.weekStart)}` : points.length < 2 ? metric.scope : "\u00a0"}
        </Text>
      </BlockStack>
    </Card>
  );
});
