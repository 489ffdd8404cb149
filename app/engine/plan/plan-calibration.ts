/** What a plan run stores of its interval calibration: one per location task, as learned. */
import type { ShopCalibration } from "~/engine/forecast/shop-calibration";
import type { ServiceReplay } from "~/engine/policy/history-replay";
import type { BacktestAccuracy } from "./service-check";

export interface LocationCalibration {
  locationId: string;
  /** null: too few series with history to learn from; the model's own intervals stood */
  calibration: ShopCalibration | null;
  /** the policy replayed on the location's last weeks, by class (absent on runs before it was stored) */
  replays?: ServiceReplay[];
  /** how the forecasts behind the replay did (absent on runs before it was stored) */
  accuracy?: BacktestAccuracy;
}

export interface PlanCalibration {
  version: 1;
  locations: LocationCalibration[];
}

/** A stored run's calibration, or null when it has none (runs before calibration was stored, or damaged JSON). */
export function readPlanCalibration(json: unknown): PlanCalibration | null {
  const value = json as Partial<PlanCalibration> | null;
  if (!value || value.version !== 1 || !Array.isArray(value.locations)) return null;
  const locations = value.locations.filter(
    (l): l is LocationCalibration => typeof l?.locationId === "string" && (l.calibration === null || (l.calibration?.version === 1 && Array.isArray(l.calibration.classes))),
  );
  return { version: 1, locations };
}

export function calibrationAt(plan: PlanCalibration | null, locationId: string): ShopCalibration | null | undefined {
  const found = plan?.locations.find((l) => l.locationId === locationId);
  return found ? found.calibration : undefined;
}
