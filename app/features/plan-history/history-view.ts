/**
 * "How the plan did on your history" as plain data: the policy replayed over the last weeks
 * against its target and against the textbook policy, the forecast band's coverage, the service
 * corrections the plan made, and the forecast error by collection; each figure with a line
 * saying what it means. Pooled over locations from what the active run stored.
 */
import { addDays } from "~/engine/calendar";
import { pooledOutcome, type PolicyOutcome } from "~/engine/policy/history-replay";
import type { LocationCalibration } from "~/engine/plan/plan-calibration";
import { calibrationKeyLabel } from "~/engine/forecast/shop-calibration";

export interface ServiceRow {
  label: string;
  plan: number;
  textbook: number;
  format: "percent" | "units";
  meaning: string;
}

export interface CollectionAccuracy {
  collection: string;
  variants: number;
  units: number;
  /** Σ|error| / Σ sold */
  wape: number | null;
  /** Σ(forecast − sold) / Σ sold: + ran over, − ran under */
  bias: number | null;
}

export interface LocationReplay {
  name: string;
  target: number;
  plan: PolicyOutcome;
  textbook: PolicyOutcome;
}

export interface PlanHistoryView {
  state: "no-plan" | "no-history" | "ready";
  asOf: string | null;
  /** the date the replayed plan was made, and the weeks replayed since */
  origin: string | null;
  weeks: number;
  target: number | null;
  series: number;
  rows: ServiceRow[];
  coverage: { weeks: number; model: number; calibrated: number; meaning: string } | null;
  corrections: string[];
  collections: CollectionAccuracy[];
  locations: LocationReplay[];
}

export interface HistoryInputs {
  asOf: string;
  locations: readonly LocationCalibration[];
  locationNames: ReadonlyMap<string, string>;
  collections: ReadonlyMap<string, readonly string[]>;
}

const NO_COLLECTION = "No collection";
const pct = (share: number): string => `${(100 * share).toFixed(1)}%`;

export function emptyHistoryView(state: PlanHistoryView["state"], asOf: string | null): PlanHistoryView {
  return { state, asOf, origin: null, weeks: 0, target: null, series: 0, rows: [], coverage: null, corrections: [], collections: [], locations: [] };
}

/** Forecast error by collection: a product in several collections counts in each. */
export function accuracyByCollection(locations: readonly LocationCalibration[], collections: ReadonlyMap<string, readonly string[]>): CollectionAccuracy[] {
  const byName = new Map<string, { variants: number; actual: number; absoluteError: number; error: number }>();
  for (const location of locations) {
    for (const v of location.accuracy?.variants ?? []) {
      const names = collections.get(v.variantId);
      for (const name of names && names.length > 0 ? names : [NO_COLLECTION]) {
        const row = byName.get(name) ?? { variants: 0, actual: 0, absoluteError: 0, error: 0 };
        row.variants++;
        row.actual += v.actual;
        row.absoluteError += v.absoluteError;
        row.error += v.error;
        byName.set(name, row);
      }
    }
  }
  return [...byName]
    .map(([collection, r]) => ({ collection, variants: r.variants, units: r.actual, wape: r.actual > 0 ? r.absoluteError / r.actual : null, bias: r.actual > 0 ? r.error / r.actual : null }))
    .sort((a, b) => b.units - a.units || a.collection.localeCompare(b.collection));
}

export function planHistoryView(inputs: HistoryInputs): PlanHistoryView {
  const replayed = inputs.locations.map((l) => ({ location: l, all: l.replays?.find((r) => r.key === "all") })).filter((r) => r.all && r.all.plan.cycles > 0);
  if (replayed.length === 0) return emptyHistoryView("no-history", inputs.asOf);
  const weeksAgo = inputs.locations.find((l) => l.calibration)?.calibration?.originsWeeksAgo[0] ?? 13;
  const plan = pooledOutcome(replayed.map((r) => r.all!.plan));
  const textbook = pooledOutcome(replayed.map((r) => r.all!.textbook));
  const target = replayed.reduce((a, r) => a + r.all!.target * r.all!.plan.cycles, 0) / plan.cycles;
  const series = replayed.reduce((a, r) => a + r.all!.series, 0);
  const rows: ServiceRow[] = [
    {
      label: "Cycle service",
      plan: plan.cycleService,
      textbook: textbook.cycleService,
      format: "percent",
      meaning: `Share of ${plan.cycles} order cycles that ended without running out, against a target of ${pct(target)} (each variant's own service level).`,
    },
    { label: "Fill rate", plan: plan.fillRate, textbook: textbook.fillRate, format: "percent", meaning: "Share of the units customers wanted that stock on hand could serve." },
    {
      label: "Average stock",
      plan: plan.meanStock,
      textbook: textbook.meanStock,
      format: "units",
      meaning: "Units on hand per variant and location, on average over the weeks replayed: what the service cost.",
    },
  ];
  const weeks = inputs.locations.reduce((a, l) => a + (l.accuracy?.weeks ?? 0), 0);
  const inside = (f: (l: LocationCalibration) => number): number => inputs.locations.reduce((a, l) => a + f(l), 0) / Math.max(1, weeks);
  const coverage =
    weeks > 0
      ? {
          weeks,
          model: inside((l) => l.accuracy?.insideModelBand ?? 0),
          calibrated: inside((l) => l.accuracy?.insideCalibratedBand ?? 0),
          meaning: "Share of weeks whose sales landed inside the forecast's P10–P90 band; a well-calibrated band holds 80%.",
        }
      : null;
  const corrections = replayed.flatMap(({ location }) =>
    (location.replays ?? [])
      .filter((r) => r.correction !== 0 && r.key !== "all")
      .map((r) => {
        const where = inputs.locationNames.get(location.locationId) ?? `Location ${location.locationId}`;
        return `${where}, ${calibrationKeyLabel(r.key)}: ${pct(r.plan.cycleService)} cycle service against ${pct(r.target)}, so lead-time demand is now read ${r.correction > 0 ? "higher" : "lower"}.`;
      }),
  );
  return {
    state: "ready",
    asOf: inputs.asOf,
    origin: addDays(inputs.asOf, -7 * weeksAgo),
    weeks: weeksAgo,
    target,
    series,
    rows,
    coverage,
    corrections,
    collections: accuracyByCollection(inputs.locations, inputs.collections),
    locations: replayed.map(({ location, all }) => ({ name: inputs.locationNames.get(location.locationId) ?? `Location ${location.locationId}`, target: all!.target, plan: all!.plan, textbook: all!.textbook })),
  };
}
