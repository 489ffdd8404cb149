// Planning CLI: npm run plan -- --history H.csv --stock S.csv --output P.csv [--horizon 26] [--season 52]
// H.csv: series_id,period,value (weekly units). S.csv: series_id,on_hand,lead_time_weeks,unit_cost,case_pack,moq,service_level.
// P.csv: series_id,safety_stock,reorder_point,order_up_to,proposed_quantity,projected_stockout_period, with a weekly
// review period. The same forecast, policy, projection and proposal functions as the app (planVariant).
import { DEFAULT_ALERT_THRESHOLDS } from "~/engine/alerts";
import { autoForecast } from "~/engine/forecast/auto";
import { addDays, daysBetween } from "~/engine/calendar";
import { planVariant, type PlannedOutlook } from "~/engine/plan/plan-variant";
import type { ResolvedTerms } from "~/engine/proposals";
import { readPeriodSeriesCsv, SeriesCsvError } from "./series-csv";
import { readStockCsv, writePlanCsv, type PlanRow, type StockRow } from "./stock-csv";

const USAGE = "usage: plan --history H.csv --stock S.csv --output P.csv [--horizon 26] [--season 52]";
/** Periods become Mondays from here; only differences between them matter. */
const PERIOD_ONE = "2001-01-01";
const REVIEW_DAYS = 7;

function argument(argv: readonly string[], name: string, fallback?: string): string {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? argv[i + 1] : fallback;
  if (value === undefined || value.startsWith("--")) throw new SeriesCsvError(`missing --${name}\n${USAGE}`);
  return value;
}

function positiveInteger(argv: readonly string[], name: string, fallback: string): number {
  const value = Number(argument(argv, name, fallback));
  if (!Number.isInteger(value) || value < 1) throw new SeriesCsvError(`--${name} must be a positive integer`);
  return value;
}

const periodStart = (period: number): string => addDays(PERIOD_ONE, 7 * (period - 1));

export function planSeries(values: readonly number[], lastPeriod: number, stock: StockRow, horizon: number, season: number): Omit<PlanRow, "series_id"> {
  const result = autoForecast(values, { horizon, seasonLength: season, quantiles: [0.1, 0.5, 0.9] });
  const firstFuture = lastPeriod + 1;
  const asOf = periodStart(firstFuture);
  const outlook: PlannedOutlook = {
    weekStarts: Array.from({ length: horizon }, (_, w) => periodStart(firstFuture + w)),
    mean: result.forecast.mean,
    promoUnits: Array<number>(horizon).fill(0),
    weekdayIndex: [1, 1, 1, 1, 1, 1, 1],
    distribution: result.distribution,
  };
  const terms: ResolvedTerms = {
    supplierId: null,
    supplierName: null,
    leadTimeDays: stock.leadTimeWeeks * 7,
    leadTimeSdDays: null,
    reviewDays: REVIEW_DAYS,
    casePack: stock.casePack,
    moqUnits: stock.moq,
    moqValue: null,
    unitCost: stock.unitCost,
    currencyCode: null,
    source: "shop",
    note: "Terms from the stock file.",
  };
  const plan = planVariant({
    asOf,
    outlook,
    available: stock.onHand,
    onHand: stock.onHand,
    shopifyIncoming: 0,
    openOrders: [],
    terms,
    abcClass: "B",
    serviceLevel: stock.serviceLevel,
    unitPrice: null,
    lastSaleDate: null,
    sellingSince: null,
    thresholds: DEFAULT_ALERT_THRESHOLDS,
  });
  const stockout = plan.projection.stockoutDate;
  return {
    safety_stock: Math.round(plan.policy.safetyStock * 100) / 100,
    reorder_point: plan.policy.reorderPoint,
    order_up_to: plan.policy.orderUpTo,
    proposed_quantity: plan.proposal?.quantity ?? 0,
    projected_stockout_period: stockout === null ? "" : firstFuture + Math.floor(daysBetween(asOf, stockout) / 7),
  };
}

async function main(): Promise<void> {
  try {
    const argv = process.argv.slice(2);
    const horizon = positiveInteger(argv, "horizon", "26");
    const season = positiveInteger(argv, "season", "52");
    const output = argument(argv, "output");
    const [history, stock] = await Promise.all([readPeriodSeriesCsv(argument(argv, "history")), readStockCsv(argument(argv, "stock"))]);
    for (const [id, row] of stock) if (!history.has(id)) throw new SeriesCsvError(`Line ${row.line} of the stock file: series "${id}" has no history`);
    const rows: PlanRow[] = [];
    for (const [id, series] of history) {
      const row = stock.get(id);
      if (!row) throw new SeriesCsvError(`Series "${id}" is in the history but has no line in the stock file`);
      rows.push({ series_id: id, ...planSeries(series.values, series.lastPeriod, row, horizon, season) });
    }
    await writePlanCsv(output, rows);
    console.log(`planned ${rows.length} series (horizon ${horizon}, season ${season}, weekly review): ${rows.filter((r) => r.proposed_quantity > 0).length} to reorder, written to ${output}`);
  } catch (error) {
    if (error instanceof SeriesCsvError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

if (process.argv[1]?.endsWith("plan.ts")) await main();
