/**
 * A variant's history made ready to forecast: promotion windows completed from its product's
 * pooled sales, then cleaned from launch (or the data window start) to the last complete week
 * before `asOf`; a partial launch week is dropped from the weekly series.
 */
import { type CleanedDemand, cleanDemandHistory } from "./cleaning";
import type { VariantDemandInput } from "./outlook-types";
import type { OutlookSettings } from "./outlook-settings";
import { inferProductPromoWindows } from "./promo-windows";
import type { WeeklySeries } from "./top-down";
import { fromDayNumber, toDayNumber, weekStartDay } from "./weekly";

type HistorySettings = Pick<OutlookSettings, "asOf" | "weekStartsOn" | "maxHistoryWeeks" | "dataStart" | "cleaning">;

/** The cleaned history the outlook keeps per variant once its promotion events are read: three daily arrays of eight. */
export type KeptCleaning = Omit<CleanedDemand, "daily"> & { daily: Pick<CleanedDemand["daily"], "dates" | "baseline" | "flags"> };

export interface PreparedVariant {
  input: VariantDemandInput;
  groupKey: string;
  cleaned: KeptCleaning;
  launchObserved: boolean;
  /** Complete weeks of cleaned history. */
  weekly: WeeklySeries;
  rawWeekly: number[];
  /** Complete weeks not mostly out of stock. */
  inStockWeeks: number;
}

/**
 * The variant with only the daily arrays the outlook reads after promotion events are extracted
 * (dates, baseline, flags): the other five are most of a large shop's forecasting memory.
 */
export function keptCleaning(p: PreparedVariant & { cleaned: CleanedDemand }): PreparedVariant {
  const { dates, baseline, flags } = p.cleaned.daily;
  return { ...p, cleaned: { ...p.cleaned, daily: { dates, baseline, flags } } };
}

/** Each input's known windows plus the ones its product's pooled sales show that no known window overlaps. */
export function withInferredWindows(inputs: readonly VariantDemandInput[]): VariantDemandInput[] {
  const inferred = inferProductPromoWindows(inputs.map((input) => ({ productId: input.productId, price: input.price, daily: input.daily })));
  return inputs.map((input) => {
    const candidates = inferred.get(input.productId) ?? [];
    if (candidates.length === 0) return input;
    const known = input.promoWindows ?? [];
    const added = candidates.filter((w) => !known.some((k) => k.start <= w.end && w.start <= k.end));
    return added.length === 0 ? input : { ...input, promoWindows: [...known, ...added] };
  });
}

function dateOnly(value: string | null | undefined): string | null {
  return value ? value.slice(0, 10) : null;
}

function launchDate(input: VariantDemandInput): string | null {
  const firstRow = input.daily.filter((r) => r.units > 0).reduce<string | null>((min, r) => (min === null || r.date < min ? r.date : min), null);
  const firstSale = dateOnly(input.firstSaleDate);
  const candidates = [firstSale, firstRow].filter((d): d is string => d !== null);
  if (candidates.length > 0) return candidates.sort()[0] ?? null;
  return dateOnly(input.createdAt);
}

/** A variant's history as the outlook reads it, its full cleaning still attached (see `keptCleaning`). */
export function prepareVariant(input: VariantDemandInput, options: HistorySettings, groupKey: string): PreparedVariant & { cleaned: CleanedDemand } {
  const historyEnd = weekStartDay(toDayNumber(options.asOf), options.weekStartsOn) - 1;
  const windowStart = Math.max(historyEnd + 1 - 7 * options.maxHistoryWeeks, options.dataStart ? toDayNumber(options.dataStart) : -Infinity);
  const launch = launchDate(input);
  const launchDay = launch === null ? historyEnd + 1 : toDayNumber(launch);
  const start = Math.max(launchDay, windowStart);
  const cleaned = cleanDemandHistory(
    {
      rows: input.daily,
      range: { from: fromDayNumber(Math.min(start, historyEnd + 1)), to: fromDayNumber(historyEnd) },
      stockouts: input.stockouts,
      promoWindows: input.promoWindows,
    },
    { ...options.cleaning, weekStartsOn: options.weekStartsOn },
  );
  const complete = cleaned.weekly.flags.map((f) => !f.partial);
  return {
    input,
    groupKey,
    cleaned,
    launchObserved: launch !== null && launchDay >= windowStart,
    weekly: {
      weekStarts: cleaned.weekly.weekStarts.filter((_, w) => complete[w]),
      values: cleaned.weekly.baseline.filter((_, w) => complete[w]),
    },
    rawWeekly: cleaned.weekly.raw.filter((_, w) => complete[w]),
    inStockWeeks: cleaned.weekly.flags.filter((f) => !f.partial && !f.mostlyOut).length,
  };
}
