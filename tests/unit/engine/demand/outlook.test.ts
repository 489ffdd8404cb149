import { describe, expect, it } from "vitest";
import type { AutoForecastOptions, AutoForecastResult } from "~/engine/forecast/auto";
import { type VariantDemandInput, buildDemandOutlook } from "~/engine/forecast/outlook";
import { disaggregateWeekly } from "~/engine/forecast/outlook-daily";
import { keptCleaning, prepareVariant } from "~/engine/forecast/outlook-history";
import { outlookSettings } from "~/engine/forecast/outlook-settings";
import { PROFILE_SLOTS } from "~/engine/forecast/top-down";
import { weekOfYearSlot, weekStartOf } from "~/engine/forecast/weekly";
import { dailyRows, seededRandom } from "./synthetic";

const asOf = "2026-11-25"; // a Wednesday; history ends Sunday 2026-11-22
const random = seededRandom(42);
const hatShape = (date: string): number => 1 + 0.6 * Math.sin((2 * Math.PI * weekOfYearSlot(weekStartOf(date))) / PROFILE_SLOTS);
const stockout = { from: "2026-10-05", to: "2026-10-09" };

const steadyTee: VariantDemandInput = {
  variantId: "tee-m",
  productId: "tee",
  productType: "Tees",
  vendor: "Acme",
  price: 20,
  firstSaleDate: "2024-11-25",
  daily: dailyRows("2024-11-25", "2026-11-24", (date) => (date >= stockout.from && date <= stockout.to ? 0 : 6), random),
  stockouts: [stockout],
};
const newTee: VariantDemandInput = {
  variantId: "tee-xl",
  productId: "tee",
  productType: "Tees",
  vendor: "Acme",
  price: 20,
  createdAt: "2026-11-03T10:00:00Z",
  daily: dailyRows("2026-11-04", "2026-11-24", () => 6, random),
};
const bigHat: VariantDemandInput = {
  variantId: "hat-big",
  productId: "hat",
  productType: "Hats",
  vendor: "Acme",
  price: 25,
  firstSaleDate: "2023-11-27",
  daily: dailyRows("2023-11-27", "2026-11-24", (date) => 12 * hatShape(date), random),
};
const sparseHat: VariantDemandInput = {
  variantId: "hat-rare",
  productId: "hat",
  productType: "Hats",
  vendor: "Acme",
  price: 25,
  firstSaleDate: "2023-11-27",
  daily: dailyRows("2023-11-27", "2026-11-24", (date) => 0.15 * hatShape(date), random),
};

describe("buildDemandOutlook", () => {
  const outlooks = buildDemandOutlook([steadyTee, newTee, bigHat, sparseHat], { asOf, horizonWeeks: 26 });
  const byId = Object.fromEntries(outlooks.map((o) => [o.variantId, o]));

  it("forecasts from the week holding asOf, over complete weeks of history", () => {
    const tee = byId["tee-m"];
    expect(tee?.weekStarts[0]).toBe("2026-11-23");
    expect(tee?.weekStarts).toHaveLength(26);
    expect(tee?.history.weekStarts.at(-1)).toBe("2026-11-16");
    expect(tee?.history.weekStarts).toHaveLength(104);
  });

  it("forecasts an established variant from its own cleaned history", () => {
    const tee = byId["tee-m"];
    expect(tee?.source).toBe("own_history");
    expect(tee?.cleaning.stockoutDaysImputed).toBe(5);
    const stockoutWeek = tee?.history.weekStarts.indexOf("2026-10-05") ?? -1;
    // Out Monday to Friday: the week is rebuilt at the in-stock rate of about 6 a day.
    expect(tee?.history.raw[stockoutWeek]).toBeLessThan(tee?.history.baseline[stockoutWeek] ?? 0);
    expect(tee?.history.baseline[stockoutWeek]).toBeGreaterThan(36);
    expect(tee?.history.baseline[stockoutWeek]).toBeLessThan(48);
    expect(tee?.mean[0]).toBeGreaterThan(36);
    expect(tee?.mean[0]).toBeLessThan(48);
    expect(tee?.p10[0]).toBeLessThan(tee?.p50[0] ?? 0);
    expect(tee?.p90[0]).toBeGreaterThan(tee?.p50[0] ?? 0);
    expect(tee?.explanation.sentence).toContain("5 stockout days imputed");
    expect(tee?.explanation.sentence).toContain("on 104 weeks");
  });

  it("forecasts a three-week-old variant from its product sibling", () => {
    const fresh = byId["tee-xl"];
    expect(fresh?.source).toBe("analog");
    expect(fresh?.analog?.tier).toBe("product");
    expect(fresh?.analog?.analogVariantIds).toEqual(["tee-m"]);
    expect(fresh?.mean[0]).toBeGreaterThan(34);
    expect(fresh?.mean[0]).toBeLessThan(50);
    expect(fresh?.explanation.sentence).toContain("similar variant of the same product");
  });

  it("lends the group's seasonality to a sparse variant", () => {
    const rare = byId["hat-rare"];
    expect(rare?.source).toBe("top_down");
    expect(rare?.routeReason).toContain("Hats");
    // Slot 13 (late March) is the group's peak, slot 39 (late September) its trough.
    const peak = rare?.mean[rare.weekStarts.findIndex((w) => weekOfYearSlot(w) === 13)] ?? 0;
    const trough = Math.min(...(rare?.mean ?? []));
    expect(peak / trough).toBeGreaterThan(2);
    // The forecast follows the true shape: its ratio to the shape barely varies across weeks.
    const ratios = (rare?.mean ?? []).map((m, i) => m / hatShape(rare?.weekStarts[i] ?? ""));
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / ratios.length);
    expect(sd / mean).toBeLessThan(0.12);
    expect(byId["hat-big"]?.source).toBe("own_history");
  });

  it("splits each forecast week into days that add back up", () => {
    const tee = byId["tee-m"];
    expect(tee?.daily.dates).toHaveLength(26 * 7);
    expect(tee?.daily.dates[0]).toBe("2026-11-23");
    for (let w = 0; w < 26; w++) {
      const week = (tee?.daily.mean ?? []).slice(7 * w, 7 * w + 7).reduce((a, b) => a + b, 0);
      expect(week).toBeCloseTo(tee?.mean[w] ?? NaN, 9);
    }
  });

  it("treats a variant that was almost never in stock like a new one", () => {
    const rarelyStocked: VariantDemandInput = {
      ...steadyTee,
      variantId: "tee-s",
      firstSaleDate: "2026-01-05",
      daily: dailyRows("2026-11-02", "2026-11-22", () => 6, seededRandom(3)),
      stockouts: [{ from: "2026-01-05", to: "2026-11-01" }],
    };
    const [, outlook] = buildDemandOutlook([steadyTee, rarelyStocked], { asOf, horizonWeeks: 4 });
    expect(outlook?.source).toBe("analog");
    expect(outlook?.routeReason).toContain("mostly in stock");
    expect(outlook?.explanation.sentence).toContain("rarely in stock");
    expect(outlook?.mean[0]).toBeGreaterThan(34);
    expect(outlook?.mean[0]).toBeLessThan(50);
  });

  it("says plainly that a variant with no sales in its window is forecast at zero", () => {
    const dormant: VariantDemandInput = {
      variantId: "scarf-red",
      productId: "scarf",
      productType: "Scarves",
      vendor: "Acme",
      price: 30,
      firstSaleDate: "2022-01-10",
      daily: [],
    };
    const [outlook] = buildDemandOutlook([dormant], { asOf, horizonWeeks: 8, maxHistoryWeeks: 104 });
    expect(outlook?.source).toBe("own_history");
    expect(outlook?.mean.every((v) => v === 0)).toBe(true);
    expect(outlook?.explanation.sentence).toBe("No sales in 104 weeks, so the forecast is zero.");
    expect(outlook?.explanation.sentence).not.toContain("chosen over");
    expect(outlook?.explanation.runnerUp).toBeNull();
  });

  it("passes the cleaned baseline, not raw sales, to the forecaster", () => {
    const seen: number[][] = [];
    const stub = (y: readonly number[], options: AutoForecastOptions): AutoForecastResult => {
      seen.push([...y]);
      const level = y.slice(-8).reduce((a, b) => a + b, 0) / 8;
      const flat = new Array<number>(options.horizon).fill(level);
      return {
        model: "ses",
        modelLabel: "ses",
        demandClass: "smooth",
        adi: 1,
        cv2: 0.1,
        forecast: { mean: flat, quantiles: { "0.1": flat.map((v) => v * 0.8), "0.5": flat, "0.9": flat.map((v) => v * 1.2) } },
        backtest: { metric: "mase", origins: 3, ranking: [{ model: "ses", score: 0.6 }, { model: "naive", score: 0.9 }] },
        residualSd: 1,
        stepSd: flat.map(() => 1),
        distribution: { version: 1, family: "normal", mean: flat, sd: flat.map(() => 1), persistence: 0, levelShare: 0, shift: flat.map(() => 0), scaleCv: 0 },
      };
    };
    const [tee] = buildDemandOutlook([steadyTee], { asOf, forecaster: stub });
    expect(seen).toHaveLength(1);
    expect(Math.min(...(seen[0] ?? [0]))).toBeGreaterThan(25);
    expect(tee?.explanation.sentence).toContain("chosen over last week's sales (error 0.60 vs 0.90)");
  });

  it("adds planned promotion demand separately, with a reason", () => {
    const [tee] = buildDemandOutlook([steadyTee], {
      asOf,
      horizonWeeks: 4,
      plannedPromotions: [{ start: "2026-11-30", end: "2026-12-06", discountPct: 25, variantIds: ["tee-m"] }],
    });
    expect(tee?.promotions.extraUnits[0]).toBe(0);
    expect(tee?.promotions.extraUnits[1]).toBeGreaterThan(0);
    expect(tee?.promotions.reasons[0]).toContain("25% off");
  });
});

describe("disaggregateWeekly", () => {
  it("follows the weekday index", () => {
    const saturdayHeavy = [1, 1, 1, 1, 1, 1, 3]; // Sunday … Saturday
    const { dates, values } = disaggregateWeekly(["2026-11-23"], [90], saturdayHeavy);
    expect(dates[5]).toBe("2026-11-28");
    expect(values[5]).toBeCloseTo(30, 9);
    expect(values[0]).toBeCloseTo(10, 9);
  });
});

describe("keptCleaning", () => {
  it("keeps the three daily arrays the outlook reads after promotion events, and drops the other five", () => {
    const full = prepareVariant(steadyTee, outlookSettings({ asOf, horizonWeeks: 26 }), "Tees");
    const kept = keptCleaning(full);
    expect(Object.keys(kept.cleaned.daily).sort()).toEqual(["baseline", "dates", "flags"]);
    expect(kept.cleaned.daily.baseline).toBe(full.cleaned.daily.baseline);
    expect(kept.weekly).toBe(full.weekly);
    expect(Object.keys(full.cleaned.daily)).toHaveLength(8);
  });
});
