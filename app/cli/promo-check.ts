// Promotion CLI: npm run promo-check -- --history H.csv --stock S.csv --inbound I.csv --promo P.json --output O.csv [--horizon 26] [--season 52]
// H.csv and S.csv as for `npm run plan` (weekly periods). I.csv: series_id,arrival_period,units (arriving at the start of the period).
// P.json: { "start": period, "end": period, "uplift": multiplier, "series": [ids] }; future periods continue the history's numbering.
// O.csv: series_id,verdict,first_short_period,units_short; O.options.csv beside it: rank,kind,description,verdict_after.
// The same forecast, policy and promotion-check functions as the app (checkPromotion).
import { addDays, daysBetween } from "~/engine/calendar";
import { autoForecast } from "~/engine/forecast/auto";
import { computeStockPolicy } from "~/engine/policy";
import { checkPromotion, type PromotionCheck, type SeriesCheck, type SeriesInput } from "~/engine/promotions";
import { type InboundRow, optionsPathFor, type OptionRow, type PromoFile, readInboundCsv, readPromoJson, type VerdictRow, writeOptionsCsv, writeVerdictCsv } from "./promo-files";
import { type PeriodSeries, readPeriodSeriesCsv, SeriesCsvError } from "./series-csv";
import { readStockCsv, type StockRow } from "./stock-csv";

const USAGE = "usage: promo-check --history H.csv --stock S.csv --inbound I.csv --promo P.json --output O.csv [--horizon 26] [--season 52]";
/** Periods become Mondays from here, as in the planning CLI; only differences between them matter. */
const PERIOD_ONE = "2001-01-01";
const REVIEW_DAYS = 7;
/** Weeks the check looks past the promotion: four after it, thirteen for a later start. */
const WEEKS_PAST_END = 4 + 13;

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
const periodOf = (date: string): number => 1 + Math.floor(daysBetween(PERIOD_ONE, date) / 7);

/** Reasons in the CLI speak in periods: "period 63", "day 3 of period 63". */
function formatPeriodDay(date: string): string {
  const offset = daysBetween(PERIOD_ONE, date);
  const day = ((offset % 7) + 7) % 7;
  return day === 0 ? `period ${periodOf(date)}` : `day ${day + 1} of period ${periodOf(date)}`;
}

export interface PromoCheckFiles {
  history: ReadonlyMap<string, PeriodSeries>;
  stock: ReadonlyMap<string, StockRow>;
  inbound: readonly InboundRow[];
  promo: PromoFile;
  horizon: number;
  season: number;
}

/** Checks the promotion of the files with the app's functions; throws SeriesCsvError naming the line or field of bad input. */
export function checkPromoFiles(files: PromoCheckFiles): { check: PromotionCheck; verdicts: VerdictRow[]; options: OptionRow[] } {
  const { history, stock, inbound, promo } = files;
  for (const id of promo.series) {
    if (!history.has(id)) throw new SeriesCsvError(`The promotion file: series "${id}" has no history`);
    if (!stock.has(id)) throw new SeriesCsvError(`The promotion file: series "${id}" has no line in the stock file`);
  }
  const lastPeriod = Math.max(...promo.series.map((id) => history.get(id)!.lastPeriod));
  const firstFuture = lastPeriod + 1;
  if (promo.start < firstFuture) throw new SeriesCsvError(`The promotion file: "start" (period ${promo.start}) must come after the history, which ends with period ${lastPeriod}`);
  for (const row of inbound) {
    if (!history.has(row.seriesId)) throw new SeriesCsvError(`Line ${row.line} of the inbound file: series "${row.seriesId}" has no history`);
    if (row.arrivalPeriod < firstFuture) throw new SeriesCsvError(`Line ${row.line} of the inbound file: arrival_period ${row.arrivalPeriod} must come after the history, which ends with period ${lastPeriod}`);
  }

  const asOf = periodStart(firstFuture);
  const horizon = Math.max(files.horizon, promo.end - firstFuture + 1 + WEEKS_PAST_END);
  const series: SeriesInput[] = promo.series.map((id) => {
    const { values, lastPeriod: own } = history.get(id)!;
    const row = stock.get(id)!;
    // A series whose history ends earlier forecasts from its own next period; the check starts at the common one.
    const weeks = horizon + (firstFuture - (own + 1));
    const forecast = autoForecast(values, { horizon: weeks, seasonLength: files.season, quantiles: [0.5] });
    const leadTimeDays = row.leadTimeWeeks * 7;
    const elapsedDays = 7 * (firstFuture - (own + 1));
    const policy = computeStockPolicy({ distribution: forecast.distribution, leadTimeDays, reviewDays: REVIEW_DAYS, serviceLevel: row.serviceLevel, startOffsetDays: elapsedDays });
    return {
      seriesId: id,
      variantId: id,
      baseline: { kind: "weekly", weekStarts: Array.from({ length: weeks }, (_, w) => periodStart(own + 1 + w)), weekly: forecast.forecast.mean, distribution: forecast.distribution },
      available: row.onHand,
      inbound: inbound.filter((r) => r.seriesId === id).map((r) => ({ date: periodStart(r.arrivalPeriod), units: r.units, source: "purchase_order" as const, label: `inbound of period ${r.arrivalPeriod}` })),
      leadTimeDays,
      safetyStock: policy.safetyStock,
      serviceLevel: row.serviceLevel,
      unitPrice: null,
      unitCost: row.unitCost,
      casePack: row.casePack,
      moqUnits: row.moq,
    };
  });
  const check = checkPromotion({
    asOf,
    promotion: { id: "promo", name: promo.name, start: periodStart(promo.start), end: addDays(periodStart(promo.end), 6), lift: promo.uplift },
    series,
    formatDate: formatPeriodDay,
    formatMoney: (amount) => amount.toFixed(2),
  });
  const bySeries = new Map(check.series.map((s) => [s.seriesId, s]));
  return {
    check,
    verdicts: promo.series.map((id) => verdictRow(bySeries.get(id)!)),
    options: check.options.map((o) => ({ rank: o.rank, kind: o.kind, description: o.description, verdict_after: o.verdictAfter })),
  };
}

/** The expected path's shortfall; for a series at risk, the high-demand path's (none when it only eats into safety stock). */
function verdictRow(series: SeriesCheck): VerdictRow {
  const shortfall = series.verdict === "not_supportable" ? series.expected : series.verdict === "at_risk" ? series.high : null;
  return {
    series_id: series.seriesId,
    verdict: series.verdict,
    first_short_period: shortfall ? periodOf(shortfall.firstShortDate) : "",
    units_short: shortfall ? Math.round(shortfall.unitsShort * 100) / 100 : 0,
  };
}

async function main(): Promise<void> {
  try {
    const argv = process.argv.slice(2);
    const horizon = positiveInteger(argv, "horizon", "26");
    const season = positiveInteger(argv, "season", "52");
    const output = argument(argv, "output");
    const [history, stock, inbound, promo] = await Promise.all([
      readPeriodSeriesCsv(argument(argv, "history")),
      readStockCsv(argument(argv, "stock")),
      readInboundCsv(argument(argv, "inbound")),
      readPromoJson(argument(argv, "promo")),
    ]);
    const { check, verdicts, options } = checkPromoFiles({ history, stock, inbound, promo, horizon, season });
    const optionsPath = optionsPathFor(output);
    await writeVerdictCsv(output, verdicts);
    await writeOptionsCsv(optionsPath, options);
    const { supportable, at_risk, not_supportable } = check.counts;
    console.log(`${check.verdict}: ${verdicts.length} series, ${supportable} supportable, ${at_risk} at risk, ${not_supportable} not supportable; ${options.length} phasing options. Written to ${output} and ${optionsPath}`);
  } catch (error) {
    if (error instanceof SeriesCsvError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

if (process.argv[1]?.endsWith("promo-check.ts")) await main();
