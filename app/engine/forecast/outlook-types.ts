/** The demand outlook's inputs, options and per-variant result (buildDemandOutlook in ./outlook). */
import type { AutoForecastOptions, AutoForecastResult, DemandClass, ModelName } from "./auto";
import type { CalibrationSettings } from "./calibration";
import type { ShopCalibration } from "./shop-calibration";
import type { HistoryBacktest } from "./outlook-calibration";
import type { CleaningOptions, CleaningSummary, PromoWindow, StockoutInterval } from "./cleaning";
import type { DemandDistribution } from "./demand-distribution";
import type { ForecastExplanation, ForecastSource } from "./explain";
import type { AnalogForecast } from "./new-variant";
import type { PromoEvent } from "./uplift";
import type { PlannedPromotion } from "./uplift-projection";
import type { DailyDemandRow, Weekday } from "./weekly";

export interface VariantDemandInput {
  variantId: string;
  productId: string;
  productType: string;
  vendor: string;
  locationId?: string;
  /** "YYYY-MM-DD" or an ISO timestamp. */
  firstSaleDate?: string | null;
  createdAt?: string | null;
  price: number | null;
  daily: readonly DailyDemandRow[];
  stockouts?: readonly StockoutInterval[];
  promoWindows?: readonly PromoWindow[];
}

export type Forecaster = (y: readonly number[], options: AutoForecastOptions) => AutoForecastResult;

export interface DemandOutlookOptions {
  asOf: string;
  horizonWeeks?: number;
  seasonLength?: number;
  quantiles?: number[];
  weekStartsOn?: Weekday;
  maxHistoryWeeks?: number;
  /** First day the shop's data covers: earlier days are unknown, not zero sales. */
  dataStart?: string;
  newVariantWeeks?: number;
  ownSeasonalityWeeks?: number;
  sparseWeeklyUnits?: number;
  minProfileWeight?: number;
  minProfileAmplitude?: number;
  /** Which variants share a seasonal profile and uplift pool; default product type, else product. */
  groupKey?: (input: VariantDemandInput) => string;
  cleaning?: CleaningOptions;
  /**
   * Read promotion windows off each product's pooled discounted sales where no known window
   * covers them (default on): a slow variant's own discounted days miss the days it sold nothing.
   */
  inferPromoWindows?: boolean;
  plannedPromotions?: readonly PlannedPromotion[];
  /** Receives the past promotion events found in the cleaned histories (for a shop-wide uplift model). */
  onPromoEvents?: (events: PromoEvent[]) => void;
  forecaster?: Forecaster;
  /** How top-down distributions are calibrated (own-history ones follow the forecaster's settings). */
  calibration?: CalibrationSettings;
  /**
   * Learn the intervals' calibration from the shop's own backtests (default on; see
   * outlook-calibration.ts). Off, or with too few series to learn from, the model's own stand.
   */
  learnCalibration?: boolean;
  /** Receives the calibration learned (null when none was), so a plan can store what it used. */
  onCalibration?: (calibration: ShopCalibration | null, learning: { seconds: number } | null) => void;
  /** Receives the latest origin's backtests (when a calibration was learned here), for the policy replay. */
  onBacktests?: (backtests: HistoryBacktest[]) => void;
  /** A calibration learned before (an incremental re-plan reuses its full run's): used as is, nothing learned. */
  shopCalibration?: ShopCalibration | null;
}

export interface VariantOutlook {
  variantId: string;
  productId: string;
  locationId?: string;
  groupKey: string;
  source: ForecastSource;
  model: ModelName;
  modelLabel: string;
  demandClass: DemandClass | null;
  weekStarts: string[];
  mean: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  quantiles: Record<string, number[]>;
  /**
   * The forecast's predictive distribution, plain JSON for every route: store it, and read any
   * span's total demand from it with intervalDemand (no re-forecasting).
   */
  distribution: DemandDistribution;
  history: { weekStarts: string[]; raw: number[]; baseline: number[] };
  cleaning: CleaningSummary;
  /** Weekday multipliers, 0 = Sunday … 6 = Saturday, used for the daily split. */
  weekdayIndex: number[];
  daily: { dates: string[]; mean: number[] };
  /** Extra units per forecast week from planned promotions (not included in mean/quantiles). */
  promotions: { extraUnits: number[]; reasons: string[] };
  analog: AnalogForecast | null;
  routeReason: string;
  explanation: ForecastExplanation;
}
