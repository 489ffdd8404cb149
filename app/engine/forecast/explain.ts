/**
 * Every forecast explains itself: which model, why it won, what cleaning did, and one short
 * sentence a merchant can read. Figures in the sentence are averages over the first
 * `summaryWeeks` forecast weeks (a quarter by default) of the mean, P10 and P90.
 */
import type { CleaningSummary } from "./cleaning";
import { FORECAST_METHODS, isModelName } from "./method-catalog";

export type ForecastSource = "own_history" | "top_down" | "analog";

export interface RankedModel {
  model: string;
  score: number;
}

export interface ExplanationInput {
  source: ForecastSource;
  model: string;
  modelLabel?: string;
  demandClass?: string | null;
  adi?: number;
  cv2?: number;
  backtest?: { metric: "mase" | "wape"; origins: number; ranking: readonly RankedModel[] } | null;
  historyWeeks: number;
  /** Units in the weekly history the forecast was fitted on; 0 means it never sold in the window. */
  historyUnits?: number;
  mean: readonly number[];
  p10: readonly number[];
  p90: readonly number[];
  cleaning?: CleaningSummary | null;
  topDown?: { groupName: string; groupHistoryWeeks: number; profileWeight: number } | null;
  analog?: { tier: string; tierValue: string; analogCount: number; scaleSource: string; earlyWeeks: number; isNew?: boolean } | null;
  /** Why this path was taken rather than the variant's own history. */
  routeReason?: string;
  summaryWeeks?: number;
}

export interface ForecastExplanation {
  sentence: string;
  reasons: string[];
  model: string;
  modelName: string;
  runnerUp: { model: string; modelName: string; score: number } | null;
  chosenScore: number | null;
  stockoutDaysImputed: number;
  promoDaysSetAside: number;
}

/** Plain-English model name; ETS is called seasonal when its label has a seasonal component. */
export function modelDisplayName(model: string, label?: string): string {
  if (model === "ets" && label && /ETS\([^)]*,\s*[AM]\)/.test(label)) return "seasonal ETS";
  return isModelName(model) ? FORECAST_METHODS[model].displayName : (label ?? model);
}

/** Units rounded for reading: 0.4, 2.5, 42, 1,230. */
export function formatUnits(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  if (abs < 10) return String(Math.round(value * 10) / 10);
  if (abs < 1000) return String(Math.round(value));
  const digits = Math.floor(Math.log10(abs)) + 1;
  const factor = Math.pow(10, digits - 3);
  return (Math.round(value / factor) * factor).toLocaleString("en-US");
}

export function formatError(value: number): string {
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

function average(values: readonly number[], count: number): number {
  const head = values.slice(0, count);
  return head.length ? head.reduce((a, b) => a + b, 0) / head.length : 0;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function cleaningClause(cleaning: CleaningSummary | null | undefined): string {
  if (!cleaning) return "";
  const parts: string[] = [];
  if (cleaning.stockoutDaysImputed > 0) parts.push(`${plural(cleaning.stockoutDaysImputed, "stockout day")} imputed`);
  if (cleaning.promoDaysAdjusted > 0) parts.push(`${plural(cleaning.promoDaysAdjusted, "promo day")} set aside`);
  const cleaned = parts.join(" and ");
  if (cleaning.daysWithoutReference === 0) return cleaned;
  const blind = `${plural(cleaning.daysWithoutReference, "day")} out of stock with no in-stock sales to learn from`;
  return cleaned ? `${cleaned}; ${blind}` : blind;
}

const TIER_WORDS: Record<string, string> = {
  product: "the same product",
  product_type: "the same product type",
  vendor: "the same vendor",
  shop: "the whole shop",
};

function methodClause(input: ExplanationInput, modelName: string, runnerUp: ForecastExplanation["runnerUp"], chosenScore: number | null): string {
  if (input.source === "analog" && input.analog) {
    if (input.analog.analogCount === 0) {
      return input.analog.earlyWeeks >= 1
        ? `from its first ${plural(Math.round(input.analog.earlyWeeks), "week")} of sales (new variant, no similar variants yet)`
        : "with no sales history and no similar variants yet";
    }
    const from = `${plural(input.analog.analogCount, "similar variant")} of ${TIER_WORDS[input.analog.tier] ?? input.analog.tier}`;
    const scaled = input.analog.scaleSource.includes("run_rate")
      ? `, scaled by its first ${plural(Math.round(input.analog.earlyWeeks), "week")} of sales`
      : input.analog.scaleSource === "price"
        ? ", scaled by price"
        : "";
    return `from ${from}${scaled} (${input.analog.isNew === false ? "rarely in stock" : "new variant"})`;
  }
  if (input.source === "top_down" && input.topDown) {
    return `from its own level and the ${input.topDown.groupName} group's seasonal pattern (${plural(input.historyWeeks, "week")} of its own history)`;
  }
  const versus =
    runnerUp && chosenScore !== null
      ? `, chosen over ${runnerUp.modelName} (error ${formatError(chosenScore)} vs ${formatError(runnerUp.score)})`
      : "";
  return `by ${modelName}${versus} on ${plural(input.historyWeeks, "week")}`;
}

/**
 * A variant with no sales in its own history gets zero from every method, so a model comparison
 * ("error 0.00 vs 0.00") says nothing; the explanation says so plainly instead.
 */
function neverSold(input: ExplanationInput): boolean {
  return input.source === "own_history" && input.historyUnits === 0 && input.historyWeeks > 0 && input.mean.every((v) => Math.abs(v) < 1e-9);
}

function explainNoSales(input: ExplanationInput): ForecastExplanation {
  const cleaned = cleaningClause(input.cleaning);
  const weeks = plural(input.historyWeeks, "week");
  return {
    sentence: `No sales in ${weeks}, so the forecast is zero${cleaned ? `; ${cleaned}` : ""}.`,
    reasons: [...(input.routeReason ? [input.routeReason] : []), `No units sold in the ${weeks} of history; every method forecasts zero, so no model was compared.`],
    model: input.model,
    modelName: "no sales",
    runnerUp: null,
    chosenScore: null,
    stockoutDaysImputed: input.cleaning?.stockoutDaysImputed ?? 0,
    promoDaysSetAside: input.cleaning?.promoDaysAdjusted ?? 0,
  };
}

export function explainForecast(input: ExplanationInput): ForecastExplanation {
  if (neverSold(input)) return explainNoSales(input);
  const summaryWeeks = input.summaryWeeks ?? 13;
  const modelName = modelDisplayName(input.model, input.modelLabel);
  const ranking = [...(input.backtest?.ranking ?? [])].filter((r) => Number.isFinite(r.score)).sort((a, b) => a.score - b.score);
  const chosen = ranking.find((r) => r.model === input.model) ?? null;
  const other = ranking.find((r) => r.model !== input.model) ?? null;
  const runnerUp = other ? { model: other.model, modelName: modelDisplayName(other.model), score: other.score } : null;
  const chosenScore = chosen ? chosen.score : null;

  const headline = `Forecast ${formatUnits(average(input.mean, summaryWeeks))} units/week (P10 ${formatUnits(average(input.p10, summaryWeeks))}, P90 ${formatUnits(average(input.p90, summaryWeeks))})`;
  const cleaned = cleaningClause(input.cleaning);
  const sentence = `${headline} ${methodClause(input, modelName, runnerUp, chosenScore)}${cleaned ? `; ${cleaned}` : ""}.`;

  const reasons: string[] = [];
  if (input.routeReason) reasons.push(input.routeReason);
  if (input.demandClass) {
    const stats = input.adi !== undefined && input.cv2 !== undefined ? ` (ADI ${input.adi.toFixed(2)}, CV² ${input.cv2.toFixed(2)})` : "";
    reasons.push(`Demand is ${input.demandClass}${stats}.`);
  }
  if (input.backtest && ranking.length > 0) {
    const listed = ranking.slice(0, 3).map((r) => `${modelDisplayName(r.model)} ${formatError(r.score)}`).join(", ");
    reasons.push(`Backtest ${input.backtest.metric.toUpperCase()} over ${plural(input.backtest.origins, "origin")}: ${listed}.`);
  }
  if (input.topDown) {
    reasons.push(
      `Seasonal pattern borrowed from ${input.topDown.groupName} (${plural(input.topDown.groupHistoryWeeks, "week")}, ${Math.round(input.topDown.profileWeight * 100)}% trusted, rest flat).`,
    );
  }
  if (input.cleaning) {
    const c = input.cleaning;
    reasons.push(
      `Cleaning: ${plural(c.stockoutDaysImputed, "stockout day")} imputed (${c.unitsImputed >= 0 ? "+" : ""}${formatUnits(c.unitsImputed)} units), ${plural(c.promoDaysAdjusted, "promo day")} set aside (${formatUnits(c.promoExcessUnits)} promo units), ${plural(c.mostlyOutWeeks, "week")} mostly out of stock.`,
    );
  }
  return {
    sentence,
    reasons,
    model: input.model,
    modelName,
    runnerUp,
    chosenScore,
    stockoutDaysImputed: input.cleaning?.stockoutDaysImputed ?? 0,
    promoDaysSetAside: input.cleaning?.promoDaysAdjusted ?? 0,
  };
}
