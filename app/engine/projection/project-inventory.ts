/**
 * Projected inventory, day by day from the plan date over the forecast horizon, reported per
 * forecast week: stock on hand plus inbound arrivals minus forecast demand, with lost sales
 * (a day's unmet demand is gone, not backordered: DTC shoppers buy elsewhere). The mean path
 * gives the stockout date and weeks of supply; the P90- and P10-demand paths bound it.
 *
 * Week 0 is the forecast week holding the plan date; only its days from the plan date on count.
 */
import { formatUnits } from "~/engine/forecast/explain";
import { addDays, toDayNumber, weekdayOfDay } from "~/engine/calendar";
import { formatDay, formatRate, formatWeeks } from "~/engine/wording";

export type InboundSource = "purchase_order" | "shopify_incoming";

export interface InboundArrival {
  /** Shop-local day the units become sellable. */
  date: string;
  units: number;
  source: InboundSource;
  /** "PO-1004", "Shopify incoming". */
  label: string;
}

export interface ProjectionInput {
  asOf: string;
  /** Forecast weeks; week 0 holds `asOf`. */
  weekStarts: readonly string[];
  /** Mean demand per whole forecast week (promotions included). */
  weeklyDemand: readonly number[];
  /** Demand from `asOf` to the end of each forecast week at a low and a high quantile (cumulative). */
  cumulativeLow?: readonly number[];
  cumulativeHigh?: readonly number[];
  /** Weekday multipliers, 0 = Sunday … 6 = Saturday; flat when absent. */
  weekdayIndex?: readonly number[];
  /** Sellable units now. */
  available: number;
  inbound: readonly InboundArrival[];
  leadTimeDays: number;
}

export interface ProjectedWeek {
  weekStart: string;
  /** Mean demand counted in this week (week 0: from the plan date on). */
  demand: number;
  inbound: number;
  /** Stock at the week's end on the mean path, and on the high- and low-demand paths. */
  projected: number;
  projectedLow: number;
  projectedHigh: number;
  /** Demand the mean path cannot serve in this week. */
  unitsShort: number;
}

export interface InventoryProjection {
  weeks: ProjectedWeek[];
  /** Weeks the available stock lasts against forecast demand (no inbound); null when nothing sells. */
  weeksOfSupply: number | null;
  /** First day the mean path cannot serve that day's demand; null when it never runs out in the horizon. */
  stockoutDate: string | null;
  /** Last day an order placed with the lead time arrives by the stockout; may lie before `asOf` (too late). */
  orderByDate: string | null;
  nextInbound: InboundArrival | null;
  /** Lost units over the horizon on the mean path and on the high-demand path. */
  unitsShort: number;
  unitsShortHigh: number;
  /** Mean demand per week over the first four weeks: the "sells ~N/wk" figure. */
  weeklyRate: number;
  reason: string;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1];
/** Coverage beyond this is reported as "over 52 weeks" and stored capped. */
const MAX_WEEKS_OF_SUPPLY = 520;

/** Mean demand per day from `asOf` to the horizon's end, split by the weekday index. */
export function dailyDemandFrom(asOf: string, weekStarts: readonly string[], weeklyDemand: readonly number[], weekdayIndex: readonly number[] = FLAT): { firstDay: number; values: number[] } {
  const firstDay = toDayNumber(asOf);
  const values: number[] = [];
  weekStarts.forEach((weekStart, w) => {
    const start = toDayNumber(weekStart);
    const shares = Array.from({ length: 7 }, (_, d) => Math.max(0, weekdayIndex[weekdayOfDay(start + d)] ?? 1));
    const total = shares.reduce((a, b) => a + b, 0);
    for (let d = 0; d < 7; d++) {
      if (start + d < firstDay) continue;
      const weekly = weeklyDemand[w] ?? 0;
      values.push(total > 0 ? (weekly * shares[d]!) / total : weekly / 7);
    }
  });
  return { firstDay, values };
}

/** A forecast's weekly demand as weeks of supply reads it. */
export interface DemandForecast {
  /** The plan date: coverage counts from it; forecast days before it are past. */
  asOf: string;
  /** Monday of the forecast's week 0; week w starts 7w days later. */
  firstWeek: string;
  /** Mean demand per whole forecast week, promotions included (`weeklyDemandOf`). */
  weeklyDemand: readonly number[];
  /** Weekday multipliers, 0 = Sunday … 6 = Saturday; flat when absent. */
  weekdayIndex?: readonly number[];
}

/** Mean demand per week with planned promotions: what a projection, and so weeks of supply, sells. */
export function weeklyDemandOf(mean: readonly number[], promoUnits: readonly number[]): number[] {
  return mean.map((m, w) => m + (promoUnits[w] ?? 0));
}

/** A forecast as a plan stores it (weekly arrays from its first week), read from a plan date. */
export function demandForecastOf(
  stored: { firstWeek: string; mean: readonly number[]; promoUnits: readonly number[]; weekdayIndex: readonly number[] },
  asOf: string,
): DemandForecast {
  return { asOf, firstWeek: stored.firstWeek, weeklyDemand: weeklyDemandOf(stored.mean, stored.promoUnits), weekdayIndex: stored.weekdayIndex };
}

/**
 * Weeks of supply, Tempo's one definition: forward coverage, the weeks from the plan date until
 * the forecast's cumulative demand uses up `stock` (day by day, then at the last four weeks'
 * rate past the horizon). Several forecasts of one plan date are added up day by day, so a
 * pooled stock is covered against their summed demand. Null when nothing sells.
 */
export function weeksOfSupply(stock: number, forecast: DemandForecast | readonly DemandForecast[]): number | null {
  const forecasts: readonly DemandForecast[] = "asOf" in forecast ? [forecast] : forecast;
  const daily: number[] = [];
  for (const f of forecasts) {
    if (f.asOf !== forecasts[0]!.asOf) throw new Error(`Weeks of supply sums forecasts of one plan date, not ${forecasts[0]!.asOf} and ${f.asOf}`);
    const weekStarts = f.weeklyDemand.map((_, w) => addDays(f.firstWeek, 7 * w));
    dailyDemandFrom(f.asOf, weekStarts, f.weeklyDemand, f.weekdayIndex).values.forEach((value, d) => {
      daily[d] = (daily[d] ?? 0) + value;
    });
  }
  return forwardCoverageWeeks(stock, daily);
}

function forwardCoverageWeeks(stock: number, daily: readonly number[]): number | null {
  const total = daily.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  if (stock <= 0) return 0;
  let remaining = stock;
  for (let d = 0; d < daily.length; d++) {
    const demand = daily[d]!;
    if (demand >= remaining) return (d + (demand > 0 ? remaining / demand : 0)) / 7;
    remaining -= demand;
  }
  const tail = daily.slice(-28);
  const tailRate = tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
  if (!(tailRate > 0)) return MAX_WEEKS_OF_SUPPLY;
  return Math.min(MAX_WEEKS_OF_SUPPLY, (daily.length + remaining / tailRate) / 7);
}

/** Per-week demand increments of a cumulative series (clamped non-negative). */
function increments(cumulative: readonly number[] | undefined, fallback: readonly number[]): number[] {
  if (!cumulative || cumulative.length !== fallback.length) return [...fallback];
  return cumulative.map((value, w) => Math.max(0, value - (w === 0 ? 0 : cumulative[w - 1]!)));
}

function describe(input: ProjectionInput, projection: Omit<InventoryProjection, "reason">): string {
  const parts: string[] = [];
  parts.push(projection.weeklyRate > 0 ? `Sells ${formatRate(projection.weeklyRate)}` : "No sales forecast");
  parts.push(projection.weeksOfSupply === null ? `${formatUnits(input.available)} on hand` : `${formatUnits(input.available)} on hand last ${formatWeeks(projection.weeksOfSupply)}`);
  const arrivals = input.inbound.filter((a) => a.units > 0 && a.date >= input.asOf).sort((a, b) => a.date.localeCompare(b.date));
  if (arrivals.length > 0) {
    const first = arrivals[0]!;
    const more = arrivals.length > 1 ? ` (+${arrivals.length - 1} more)` : "";
    parts.push(`${formatUnits(first.units)} arriving ${formatDay(first.date, input.asOf)} (${first.label})${more}`);
  }
  if (projection.stockoutDate === null) {
    parts.push(`no stockout projected in ${input.weekStarts.length} weeks`);
  } else if (projection.stockoutDate <= input.asOf) {
    parts.push("out of stock now");
  } else {
    const late = projection.orderByDate !== null && projection.orderByDate < input.asOf;
    parts.push(
      late
        ? `out of stock on ${formatDay(projection.stockoutDate, input.asOf)}, before an order placed today can arrive (lead time ${formatWeeks(input.leadTimeDays / 7)})`
        : `out of stock on ${formatDay(projection.stockoutDate, input.asOf)} unless ordered by ${formatDay(projection.orderByDate!, input.asOf)}`,
    );
  }
  return `${parts.join("; ")}.`;
}

export function projectInventory(input: ProjectionInput): InventoryProjection {
  const { firstDay, values: daily } = dailyDemandFrom(input.asOf, input.weekStarts, input.weeklyDemand, input.weekdayIndex);
  const arrivalsByDay = new Map<number, number>();
  for (const arrival of input.inbound) {
    if (!(arrival.units > 0)) continue;
    // Arrivals due in the past that are still open are expected now.
    const day = Math.max(firstDay, toDayNumber(arrival.date));
    arrivalsByDay.set(day, (arrivalsByDay.get(day) ?? 0) + arrival.units);
  }

  let stock = Math.max(0, input.available);
  let stockoutDay: number | null = input.available <= 0 && (daily[0] ?? 0) > 0 ? firstDay : null;
  let unitsShort = 0;
  const weekDemand = new Array<number>(input.weekStarts.length).fill(0);
  const weekInbound = new Array<number>(input.weekStarts.length).fill(0);
  const weekEndStock = new Array<number>(input.weekStarts.length).fill(0);
  const weekShort = new Array<number>(input.weekStarts.length).fill(0);
  const weekOfDay = (day: number): number => Math.floor((day - toDayNumber(input.weekStarts[0] ?? input.asOf)) / 7);

  for (let d = 0; d < daily.length; d++) {
    const day = firstDay + d;
    const w = weekOfDay(day);
    const arriving = arrivalsByDay.get(day) ?? 0;
    const demand = daily[d]!;
    stock += arriving;
    const served = Math.min(stock, demand);
    const short = demand - served;
    if (short > 1e-9 && stockoutDay === null) stockoutDay = day;
    stock -= served;
    unitsShort += short;
    weekDemand[w] = (weekDemand[w] ?? 0) + demand;
    weekInbound[w] = (weekInbound[w] ?? 0) + arriving;
    weekShort[w] = (weekShort[w] ?? 0) + short;
    weekEndStock[w] = stock;
  }

  // Band paths: the same lost-sales recursion, week by week, with the quantile paths' demand.
  const lowDemand = increments(input.cumulativeHigh, weekDemand);
  const highDemand = increments(input.cumulativeLow, weekDemand);
  let stockLow = Math.max(0, input.available);
  let stockHigh = Math.max(0, input.available);
  let unitsShortHigh = 0;
  const weeks: ProjectedWeek[] = input.weekStarts.map((weekStart, w) => {
    stockLow += weekInbound[w]!;
    unitsShortHigh += Math.max(0, lowDemand[w]! - stockLow);
    stockLow = Math.max(0, stockLow - lowDemand[w]!);
    stockHigh = Math.max(0, stockHigh + weekInbound[w]! - highDemand[w]!);
    return {
      weekStart,
      demand: weekDemand[w]!,
      inbound: weekInbound[w]!,
      projected: weekEndStock[w]!,
      projectedLow: stockLow,
      projectedHigh: stockHigh,
      unitsShort: weekShort[w]!,
    };
  });

  const firstWeeks = Math.min(4, daily.length / 7);
  const weeklyRate = firstWeeks > 0 ? daily.slice(0, 28).reduce((a, b) => a + b, 0) / firstWeeks : 0;
  const stockoutDate = stockoutDay === null ? null : addDays(input.asOf, stockoutDay - firstDay);
  const upcoming = input.inbound.filter((a) => a.units > 0).sort((a, b) => a.date.localeCompare(b.date));
  const result = {
    weeks,
    weeksOfSupply: weeksOfSupply(input.available, { asOf: input.asOf, firstWeek: input.weekStarts[0] ?? input.asOf, weeklyDemand: input.weeklyDemand, ...(input.weekdayIndex ? { weekdayIndex: input.weekdayIndex } : {}) }),
    stockoutDate,
    orderByDate: stockoutDate === null ? null : addDays(stockoutDate, -Math.max(0, Math.round(input.leadTimeDays))),
    nextInbound: upcoming[0] ?? null,
    unitsShort,
    unitsShortHigh,
    weeklyRate,
  };
  return { ...result, reason: describe(input, result) };
}

