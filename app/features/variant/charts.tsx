import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { WeekPoint } from "./detail.server";
import { pointOnOrAfter, stockChartPoints } from "./stock-chart-points";

export const CHART_COLORS = {
  sold: "#b5b5b5",
  baseline: "#616161",
  forecast: "#005bd3",
  band: "#005bd3",
  stockout: "#fee9e8",
  promo: "#fff1e3",
  stock: "#29845a",
  inbound: "#91d0ff",
  reorderPoint: "#e51c00",
  safetyStock: "#8a6116",
  proposal: "#7b47f1",
  backtest: "#7b47f1",
};

/** Consecutive weeks a predicate marks, as [first, last] week starts, for shaded areas. */
export function spans(weeks: readonly WeekPoint[], marked: (w: WeekPoint) => boolean): [string, string][] {
  const result: [string, string][] = [];
  let start: string | null = null;
  weeks.forEach((week, i) => {
    if (marked(week)) start ??= week.weekStart;
    if (start !== null && (!marked(week) || i === weeks.length - 1)) {
      result.push([start, marked(week) ? week.weekStart : weeks[i - 1]!.weekStart]);
      start = null;
    }
  });
  return result;
}

interface ChartProps {
  weeks: WeekPoint[];
  firstForecastWeek: string | null;
  formatWeek: (weekStart: string) => string;
  formatUnits: (value: number) => string;
}

/** Weekly sales (bars), the cleaned baseline, stockout and promotion weeks shaded, and the forecast with its P10–P90 band. */
export function DemandChart({ weeks, firstForecastWeek, formatWeek, formatUnits }: ChartProps) {
  const data = weeks.map((w) => ({ ...w, band: w.p10 !== null && w.p90 !== null ? [w.p10, w.p90] : null }));
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#ebebeb" vertical={false} />
        {spans(weeks, (w) => w.stockoutDays >= 3).map(([from, to]) => (
          <ReferenceArea key={`out-${from}`} x1={from} x2={to} fill={CHART_COLORS.stockout} fillOpacity={1} ifOverflow="extendDomain" />
        ))}
        {spans(weeks, (w) => w.promoDays > 0).map(([from, to]) => (
          <ReferenceArea key={`promo-${from}`} x1={from} x2={to} fill={CHART_COLORS.promo} fillOpacity={1} ifOverflow="extendDomain" />
        ))}
        <XAxis dataKey="weekStart" tickFormatter={formatWeek} minTickGap={40} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={formatUnits} width={48} tick={{ fontSize: 12 }} allowDecimals={false} />
        <Tooltip labelFormatter={(label) => `Week of ${formatWeek(String(label))}`} formatter={(value, name) => [Array.isArray(value) ? value.map((v) => formatUnits(Number(v))).join("–") : formatUnits(Number(value)), name]} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="sold" name="Sold" fill={CHART_COLORS.sold} isAnimationActive={false} />
        <Line dataKey="baseline" name="Demand (cleaned)" stroke={CHART_COLORS.baseline} strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls={false} />
        <Area dataKey="band" name="P10–P90" stroke="none" fill={CHART_COLORS.band} fillOpacity={0.15} isAnimationActive={false} />
        <Line dataKey="forecast" name="Forecast" stroke={CHART_COLORS.forecast} strokeWidth={2} dot={false} isAnimationActive={false} />
        {weeks.some((w) => w.backtest !== null) && (
          <Line dataKey="backtest" name="Forecast made 13 weeks ago" stroke={CHART_COLORS.backtest} strokeWidth={1.5} strokeDasharray="6 3" dot={false} isAnimationActive={false} connectNulls={false} />
        )}
        {firstForecastWeek && <ReferenceLine x={firstForecastWeek} stroke="#8a8a8a" label={{ value: "Today", position: "insideTopLeft", fontSize: 11 }} />}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

interface StockChartProps {
  weeks: WeekPoint[];
  /** The stock plan's date: the chart starts there, with the stock available then. */
  planDate: string;
  available: number;
  formatDay: (day: string) => string;
  formatUnits: (value: number) => string;
  reorderPoint: number;
  safetyStock: number;
  /** The live proposal's quantity and its expected arrival, drawn where it lands. */
  proposal: { quantity: number; arrivesOn: string } | null;
}

/** Stock from today on, week by week with its band, inbound arrivals, and the reorder point, safety stock and proposed arrival lines. */
export function StockChart({ weeks, planDate, available, formatDay, formatUnits, reorderPoint, safetyStock, proposal }: StockChartProps) {
  const data = stockChartPoints(weeks, planDate, available);
  const arrival = proposal ? pointOnOrAfter(data, proposal.arrivesOn) : null;
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#ebebeb" vertical={false} />
        <XAxis dataKey="at" tickFormatter={(at: string) => (at === planDate ? "Today" : formatDay(at))} interval="preserveStartEnd" minTickGap={40} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={formatUnits} width={48} tick={{ fontSize: 12 }} allowDecimals={false} />
        <Tooltip labelFormatter={(label) => (label === planDate ? "Today" : `End of the week to ${formatDay(String(label))}`)} formatter={(value, name) => [Array.isArray(value) ? value.map((v) => formatUnits(Number(v))).join("–") : formatUnits(Number(value)), name]} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="inbound" name="Arriving" fill={CHART_COLORS.inbound} isAnimationActive={false} />
        <Area dataKey="band" name="Likely range" stroke="none" fill={CHART_COLORS.stock} fillOpacity={0.12} isAnimationActive={false} />
        <Line dataKey="projected" name="Projected stock" stroke={CHART_COLORS.stock} strokeWidth={2} dot={false} isAnimationActive={false} />
        {/* The axis stretches to the policy lines: a variant with 6 on hand and a reorder point of 20 must show both. */}
        <ReferenceLine y={reorderPoint} ifOverflow="extendDomain" stroke={CHART_COLORS.reorderPoint} strokeDasharray="5 4" label={{ value: `Reorder point ${formatUnits(reorderPoint)}`, position: "insideTopRight", fontSize: 11, fill: CHART_COLORS.reorderPoint }} />
        <ReferenceLine y={safetyStock} ifOverflow="extendDomain" stroke={CHART_COLORS.safetyStock} strokeDasharray="2 3" label={{ value: `Safety stock ${formatUnits(safetyStock)}`, position: "insideBottomRight", fontSize: 11, fill: CHART_COLORS.safetyStock }} />
        {proposal && arrival && (
          <ReferenceLine x={arrival} stroke={CHART_COLORS.proposal} strokeDasharray="4 3" label={{ value: `Proposed order of ${formatUnits(proposal.quantity)} arrives`, position: "insideTopLeft", fontSize: 11, fill: CHART_COLORS.proposal }} />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
