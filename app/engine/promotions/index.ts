/**
 * Promotions phased against stock: the supportability check, its ranked phasing options, and
 * learning a promotion's actual uplift once it is over. Pure: plain data in, plain data out.
 */
export { checkPromotion } from "./check";
export { SHORT_TOLERANCE_UNITS } from "./verdict";
export { RANKING } from "./phasing";
export { applyFinishedPromotions, blendUplift, measurePromotionUplift, plannedAgainstActual, promotionSalesDays, withoutFinishedRuns, type FinishedPromotion, type BlendedUplift, type MeasuredUplift, type PromotionSalesDay, type VariantPromotionSales } from "./learning";
export type {
  BaselineDemand,
  CheckSettings,
  Figure,
  OrderLine,
  PhasingChange,
  PhasingKind,
  PhasingOption,
  PlanEffect,
  PromotionCheck,
  PromotionCheckInput,
  PromotionPlan,
  PromotionVerdict,
  PromotionWave,
  SeriesCheck,
  SeriesInput,
  Shortfall,
  StarvedDemand,
  VariantCheck,
  VariantLift,
} from "./types";
