/** The outlook's options with their defaults filled in, once per call. */
import { autoForecast } from "./auto";
import type { CalibrationSettings } from "./calibration";
import type { CleaningOptions } from "./cleaning";
import type { DemandOutlookOptions, Forecaster, VariantDemandInput } from "./outlook-types";
import { type Weekday, ISO_WEEK_START, weekStartsFrom } from "./weekly";

export interface OutlookSettings {
  asOf: string;
  weekStartsOn: Weekday;
  maxHistoryWeeks: number;
  dataStart: string | undefined;
  cleaning: CleaningOptions | undefined;
  horizon: number;
  seasonLength: number;
  /** The requested quantiles plus 0.1, 0.5 and 0.9, ascending. */
  levels: number[];
  newVariantWeeks: number;
  ownSeasonalityWeeks: number;
  sparseWeeklyUnits: number;
  minProfileWeight: number;
  minProfileAmplitude: number;
  forecaster: Forecaster;
  calibration: CalibrationSettings | undefined;
  /** Start of each forecast week, the first holding `asOf`. */
  futureWeeks: string[];
}

export const DEFAULT_GROUP_KEY = (input: VariantDemandInput): string => input.productType || `product:${input.productId}`;

function quantileLevels(requested: readonly number[] | undefined): number[] {
  return [...new Set([...(requested ?? []), 0.1, 0.5, 0.9])].sort((a, b) => a - b);
}

export function outlookSettings(options: DemandOutlookOptions): OutlookSettings {
  const weekStartsOn = options.weekStartsOn ?? ISO_WEEK_START;
  const horizon = options.horizonWeeks ?? 26;
  const seasonLength = options.seasonLength ?? 52;
  return {
    asOf: options.asOf,
    weekStartsOn,
    maxHistoryWeeks: options.maxHistoryWeeks ?? 156,
    dataStart: options.dataStart,
    cleaning: options.cleaning,
    horizon,
    seasonLength,
    levels: quantileLevels(options.quantiles),
    newVariantWeeks: options.newVariantWeeks ?? 8,
    ownSeasonalityWeeks: options.ownSeasonalityWeeks ?? 2 * seasonLength,
    sparseWeeklyUnits: options.sparseWeeklyUnits ?? 2,
    minProfileWeight: options.minProfileWeight ?? 0.25,
    minProfileAmplitude: options.minProfileAmplitude ?? 0.1,
    forecaster: options.forecaster ?? autoForecast,
    calibration: options.calibration,
    futureWeeks: weekStartsFrom(options.asOf, horizon, weekStartsOn),
  };
}
