import { describe, expect, it } from "vitest";
import { type AnalogCandidate, findAnalogs, forecastNewVariant } from "~/engine/forecast/new-variant";
import { FLAT_PROFILE } from "~/engine/forecast/top-down";
import { weekStartsFrom } from "~/engine/forecast/weekly";

const weeks = weekStartsFrom("2026-01-05", 20);
const future = weekStartsFrom("2026-06-01", 8);

function candidate(variantId: string, productId: string, productType: string, vendor: string, weekly: number, price = 20, launchWeekly?: number): AnalogCandidate {
  return {
    variantId,
    productId,
    productType,
    vendor,
    price,
    history: { weekStarts: weeks, values: weeks.map((_, i) => (launchWeekly !== undefined && i < 4 ? launchWeekly : weekly)) },
    launchObserved: launchWeekly !== undefined,
  };
}

const target = { variantId: "new", productId: "tee", productType: "Tees", vendor: "Acme", price: 20 };

describe("analog search", () => {
  it("prefers the same product, then product type, then vendor", () => {
    const sibling = candidate("s", "tee", "Tees", "Acme", 10);
    const cousin = candidate("c", "polo", "Tees", "Acme", 100);
    const sameVendor = candidate("v", "mug", "Mugs", "Acme", 50);
    expect(findAnalogs(target, [sibling, cousin, sameVendor], 8).tier).toBe("product");
    expect(findAnalogs(target, [cousin, sameVendor], 8).tier).toBe("product_type");
    expect(findAnalogs(target, [sameVendor], 8).tier).toBe("vendor");
    expect(findAnalogs(target, [candidate("o", "cap", "Caps", "Other", 5)], 8).tier).toBe("shop");
    expect(findAnalogs(target, [], 8).tier).toBe("none");
  });

  it("skips candidates with too little history of their own", () => {
    const young = { ...candidate("s", "tee", "Tees", "Acme", 10), history: { weekStarts: weeks.slice(0, 3), values: [1, 2, 3] } };
    expect(findAnalogs(target, [young, candidate("c", "polo", "Tees", "Acme", 100)], 8).tier).toBe("product_type");
  });
});

describe("new variant forecast", () => {
  it("takes its product sibling's level", () => {
    const forecast = forecastNewVariant(target, null, [candidate("s", "tee", "Tees", "Acme", 10), candidate("c", "polo", "Tees", "Acme", 100)], FLAT_PROFILE, future);
    expect(forecast.tier).toBe("product");
    expect(forecast.analogVariantIds).toEqual(["s"]);
    expect(forecast.level).toBeCloseTo(10, 9);
    forecast.mean.forEach((m) => expect(m).toBeCloseTo(10, 9));
    expect(forecast.scaleSource).toBe("none");
  });

  it("uses the median sibling and scales by price", () => {
    const siblings = [candidate("a", "tee", "Tees", "Acme", 6, 20), candidate("b", "tee", "Tees", "Acme", 12, 20), candidate("c", "tee", "Tees", "Acme", 30, 20)];
    const pricier = forecastNewVariant({ ...target, price: 40 }, null, siblings, FLAT_PROFILE, future);
    expect(pricier.analogLevel).toBeCloseTo(12, 9);
    expect(pricier.priceFactor).toBeCloseTo(0.5, 9);
    expect(pricier.level).toBeCloseTo(6, 9);
    expect(pricier.scaleSource).toBe("price");
  });

  it("scales by its early run-rate against the siblings' own launch weeks", () => {
    // Sibling launched at 10 a week and settled at 20; the newcomer sold 40 in its first 14 days.
    const sibling = candidate("s", "tee", "Tees", "Acme", 20, 20, 10);
    const forecast = forecastNewVariant(target, { units: 40, days: 14 }, [sibling], FLAT_PROFILE, future);
    const projected = (40 / 2) * (20 / 10); // its 20 a week launch × the sibling's growth from 10 to 20
    expect(forecast.runRateRatio).toBeCloseTo(projected / 20, 9);
    // Precision-weighted in log space: prior variance 0.5², run-rate variance 1/40.5 + 0.05.
    const priorVar = 0.25;
    const obsVar = 1 / 40.5 + 0.05;
    const expected = Math.exp((Math.log(20) / priorVar + Math.log(projected) / obsVar) / (1 / priorVar + 1 / obsVar));
    expect(forecast.level).toBeCloseTo(expected, 9);
    expect(forecast.level).toBeGreaterThan(30);
    expect(forecast.level).toBeLessThan(projected);
    expect(forecast.scaleSource).toBe("run_rate");
  });

  it("trusts its run-rate over disagreeing siblings", () => {
    // Siblings at 1, 3 and 40 a week (launch predates the data); the newcomer sells 20 a week.
    const siblings = [candidate("a", "tee", "Tees", "Acme", 1), candidate("b", "tee", "Tees", "Acme", 3), candidate("c", "tee", "Tees", "Acme", 40)];
    const blind = forecastNewVariant(target, null, siblings, FLAT_PROFILE, future);
    expect(blind.level).toBeCloseTo(3, 9);
    const informed = forecastNewVariant(target, { units: 60, days: 21 }, siblings, FLAT_PROFILE, future);
    expect(informed.level).toBeGreaterThan(17);
    expect(informed.level).toBeLessThan(20);
  });

  it("takes the group's season out of the early run-rate", () => {
    // A two-season profile: 1.5× in the first half of the year, 0.5× in the second.
    const index = Array.from({ length: 52 }, (_, slot) => (slot < 26 ? 1.5 : 0.5));
    const profile = { index, weight: 1, historyWeeks: 156, meanWeekly: 100 };
    // 30 units in 14 days during a 1.5× season is a deseasonalised 10 a week.
    const forecast = forecastNewVariant(target, { units: 30, days: 14, firstDate: "2026-03-02" }, [], profile, ["2026-09-07"]);
    expect(forecast.level).toBeCloseTo(10, 9);
    expect(forecast.mean[0]).toBeCloseTo(5, 9);
  });

  it("is less certain before any sales than after several weeks", () => {
    const sibling = candidate("s", "tee", "Tees", "Acme", 20);
    const blind = forecastNewVariant(target, null, [sibling], FLAT_PROFILE, future);
    const informed = forecastNewVariant(target, { units: 120, days: 42 }, [sibling], FLAT_PROFILE, future);
    const spread = (f: typeof blind) => (f.quantiles["0.9"]?.[0] ?? 0) - (f.quantiles["0.1"]?.[0] ?? 0);
    expect(spread(informed)).toBeLessThan(spread(blind));
  });
});
