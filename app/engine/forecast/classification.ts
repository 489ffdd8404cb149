// Demand classification by average demand interval (ADI) and squared coefficient of variation
// of non-zero demand sizes (CV²), with the Syntetos–Boylan–Croston cut-offs 1.32 and 0.49.
import { mean, variance } from "./stats";

export type DemandClass = "smooth" | "erratic" | "intermittent" | "lumpy";

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export interface DemandClassification {
  demandClass: DemandClass;
  /** periods per non-zero demand (n / number of non-zero periods); Infinity when there is none */
  adi: number;
  /** (population sd / mean)² of the non-zero demand sizes; 0 with fewer than two */
  cv2: number;
}

export function classifyDemand(y: readonly number[]): DemandClassification {
  const sizes = y.filter((v) => v > 0);
  const adi = sizes.length === 0 ? Infinity : y.length / sizes.length;
  const sizeMean = mean(sizes);
  const cv2 = sizes.length < 2 || sizeMean === 0 ? 0 : variance(sizes) / (sizeMean * sizeMean);
  const frequent = adi < ADI_CUTOFF;
  const steady = cv2 < CV2_CUTOFF;
  const demandClass: DemandClass = frequent ? (steady ? "smooth" : "erratic") : steady ? "intermittent" : "lumpy";
  return { demandClass, adi, cv2 };
}
