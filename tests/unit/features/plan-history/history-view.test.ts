import { describe, expect, it } from "vitest";
import { accuracyByCollection, planHistoryView } from "~/features/plan-history/history-view";
import type { LocationCalibration } from "~/engine/plan/plan-calibration";
import type { PolicyOutcome, ServiceReplay } from "~/engine/policy/history-replay";

const outcome = (o: Partial<PolicyOutcome>): PolicyOutcome => ({ cycles: 0, cycleService: 1, fillRate: 1, meanStock: 0, demand: 0, periods: 0, ...o });
const replay = (key: string, target: number, plan: Partial<PolicyOutcome>, textbook: Partial<PolicyOutcome>, correction = 0): ServiceReplay => ({
  key,
  series: 10,
  target,
  plan: outcome(plan),
  textbook: outcome(textbook),
  correction,
});

const north: LocationCalibration = {
  locationId: "1",
  calibration: null,
  replays: [replay("all", 0.95, { cycles: 300, cycleService: 0.9, fillRate: 0.96, meanStock: 4, demand: 1000, periods: 100 }, { cycles: 300, cycleService: 0.8, fillRate: 0.9, meanStock: 3, demand: 1000, periods: 100 })],
  accuracy: {
    weeks: 20,
    insideModelBand: 14,
    insideCalibratedBand: 16,
    variants: [
      { variantId: "a", actual: 100, absoluteError: 30, error: 10 },
      { variantId: "b", actual: 50, absoluteError: 20, error: -20 },
    ],
  },
};
const south: LocationCalibration = {
  locationId: "2",
  calibration: null,
  replays: [
    replay("all", 0.9, { cycles: 100, cycleService: 0.7, fillRate: 0.8, meanStock: 2, demand: 3000, periods: 300 }, { cycles: 100, cycleService: 0.75, fillRate: 0.85, meanStock: 1, demand: 3000, periods: 300 }),
    replay("top_down:lumpy", 0.9, { cycles: 60, cycleService: 0.7 }, { cycles: 60 }, 0.3),
  ],
  accuracy: { weeks: 10, insideModelBand: 9, insideCalibratedBand: 8, variants: [{ variantId: "a", actual: 40, absoluteError: 10, error: 0 }] },
};
const inputs = {
  asOf: "2026-12-01",
  locations: [north, south],
  locationNames: new Map([["2", "South"]]),
  collections: new Map<string, string[]>([["a", ["Summer", "Tees"]], ["b", []]]),
};

describe("planHistoryView: how the plan did, pooled over locations", () => {
  const view = planHistoryView(inputs);

  it("weighs each location's service by its cycles, its fill rate by demand and its stock by series-weeks", () => {
    expect(view.state).toBe("ready");
    const [service, fill, stock] = view.rows;
    expect(service!.plan).toBeCloseTo((0.9 * 300 + 0.7 * 100) / 400, 12);
    expect(service!.textbook).toBeCloseTo((0.8 * 300 + 0.75 * 100) / 400, 12);
    expect(fill!.plan).toBeCloseTo((0.96 * 1000 + 0.8 * 3000) / 4000, 12);
    expect(stock!.plan).toBeCloseTo((4 * 100 + 2 * 300) / 400, 12);
    expect(view.target).toBeCloseTo((0.95 * 300 + 0.9 * 100) / 400, 12);
    expect(service!.meaning).toBe("Share of 400 order cycles that ended without running out, against a target of 93.8% (each variant's own service level).");
  });

  it("counts the band's coverage over every scored week", () => {
    expect(view.coverage!.weeks).toBe(30);
    expect(view.coverage!.model).toBeCloseTo(23 / 30, 12);
    expect(view.coverage!.calibrated).toBeCloseTo(24 / 30, 12);
  });

  it("dates the replay from the plan date back 13 weeks, and names each correction in a merchant's words", () => {
    expect(view.origin).toBe("2026-09-01");
    expect(view.corrections).toEqual(["South, occasional, uneven sellers forecast from their group's seasonal pattern: 70.0% cycle service against 90.0%, so lead-time demand is now read higher."]);
    expect(view.locations.map((l) => l.name)).toEqual(["Location 1", "South"]);
  });

  it("says there is nothing to show before any replay ran", () => {
    expect(planHistoryView({ ...inputs, locations: [{ locationId: "1", calibration: null }] }).state).toBe("no-history");
  });
});

describe("accuracyByCollection", () => {
  it("is WAPE Σ|e|/Σ sold and bias Σ(f − y)/Σ sold per collection, a product in two collections counting in both", () => {
    const rows = accuracyByCollection([north, south], inputs.collections);
    const byName = Object.fromEntries(rows.map((r) => [r.collection, r]));
    // Variant a sold 100 at north and 40 at south: 140 units, |e| 40, e 10.
    expect(byName["Summer"]).toEqual({ collection: "Summer", variants: 2, units: 140, wape: 40 / 140, bias: 10 / 140 });
    expect(byName["Tees"]!.units).toBe(140);
    expect(byName["No collection"]).toEqual({ collection: "No collection", variants: 1, units: 50, wape: 20 / 50, bias: -20 / 50 });
    expect(rows.map((r) => r.collection)).toEqual(["Summer", "Tees", "No collection"]);
  });
});
