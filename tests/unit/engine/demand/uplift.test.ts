import { describe, expect, it } from "vitest";
import { cleanDemandHistory } from "~/engine/forecast/cleaning";
import {
  type PromoEvent,
  type UpliftModel,
  DEFAULT_DEPTH_BUCKETS,
  bucketOf,
  depthFromRevenue,
  estimateUplift,
  extractPromoEvents,
} from "~/engine/forecast/uplift";
import { projectPromotion } from "~/engine/forecast/uplift-projection";
import { addDays } from "~/engine/forecast/weekly";
import { dailyRows, seededRandom } from "./synthetic";

describe("discount depth", () => {
  it("reads depth off revenue against list price", () => {
    // 10 units, all discounted, 75 revenue at a list price of 10: 25% off.
    expect(depthFromRevenue(10, 10, 75, 10)).toBeCloseTo(25, 9);
    // 4 at full price (40) + 6 discounted for 42 → 7 each → 30% off.
    expect(depthFromRevenue(10, 6, 82, 10)).toBeCloseTo(30, 9);
    expect(depthFromRevenue(10, 0, 100, 10)).toBeNull();
  });

  it("buckets depth 0–15, 15–30, 30+", () => {
    expect([5, 15, 29.9, 30, 70].map((d) => bucketOf(d, DEFAULT_DEPTH_BUCKETS))).toEqual([0, 1, 1, 2, 2]);
    // A sales-weighted mean of days at 30% off can land a hair under 30: it is still 30%.
    const weighted = (30 * 0.1 + 30 * 0.2 + 30 * 0.3) / (0.1 + 0.2 + 0.3);
    expect(weighted).toBeLessThan(30);
    expect(bucketOf(weighted, DEFAULT_DEPTH_BUCKETS)).toBe(bucketOf(30, DEFAULT_DEPTH_BUCKETS));
  });
});

describe("uplift estimated from synthetic promotions", () => {
  // 12 variants in two groups, a year of Poisson(20) a day. Each runs 5-day promotions at
  // 10%, 25% and 40% off with true lifts 1.4, 2.0 and 3.0, twice, and sells 20% less in the
  // week after each promotion. Depth is only in revenue (no windows) for half the variants.
  const trueLifts = [1.4, 2.0, 3.0];
  const depths = [10, 25, 40];
  const from = "2025-01-06";
  const to = addDays(from, 363);
  const events: PromoEvent[] = [];
  for (let v = 0; v < 12; v++) {
    const random = seededRandom(100 + v);
    const windows = [0, 1, 2, 3, 4, 5].map((k) => {
      const start = addDays(from, 30 + k * 55 + v);
      return { start, end: addDays(start, 4), discountPct: depths[k % 3] ?? 0, lift: trueLifts[k % 3] ?? 1 };
    });
    const windowOf = (date: string) => windows.find((w) => date >= w.start && date <= w.end);
    const afterOf = (date: string) => windows.find((w) => date > w.end && date <= addDays(w.end, 7));
    const rows = dailyRows(
      from,
      to,
      (date) => 20 * (windowOf(date)?.lift ?? (afterOf(date) ? 0.8 : 1)),
      random,
      { discountShare: (date) => (windowOf(date) ? 0.9 : 0), price: 30, depthPct: (date) => windowOf(date)?.discountPct ?? 0 },
    );
    const revenueOnly = v % 2 === 0;
    const promoWindows = revenueOnly ? [] : windows.map(({ start, end, discountPct }) => ({ start, end, discountPct }));
    const cleaned = cleanDemandHistory({ rows, range: { from, to }, promoWindows });
    events.push(...extractPromoEvents(cleaned, { variantId: `v${v}`, groupId: v < 6 ? "tees" : "hats", price: 30, promoWindows }));
  }
  const model = estimateUplift(events);

  it("finds every promotion with its depth", () => {
    expect(events).toHaveLength(72);
    expect(events.every((e) => e.depthPct !== null)).toBe(true);
  });

  it("recovers the lift per depth bucket within 8%", () => {
    model.shop.byBucket.forEach((estimate, b) => {
      expect(Math.abs(estimate.lift / (trueLifts[b] ?? 1) - 1)).toBeLessThan(0.08);
      expect(estimate.events).toBe(24);
    });
    for (const group of ["tees", "hats"]) {
      model.groups[group]?.byBucket.forEach((estimate, b) => {
        expect(Math.abs(estimate.lift / (trueLifts[b] ?? 1) - 1)).toBeLessThan(0.1);
      });
    }
  });

  it("detects the pull-forward dip in the week after, and none the week after that", () => {
    expect(model.shop.dip[0]?.change).toBeGreaterThan(-0.26);
    expect(model.shop.dip[0]?.change).toBeLessThan(-0.14);
    expect(Math.abs(model.shop.dip[1]?.change ?? 1)).toBeLessThan(0.05);
  });
});

describe("shrinkage toward the shop figure", () => {
  const event = (groupId: string, units: number, baselineUnits: number, depthPct: number): PromoEvent => ({
    variantId: "x",
    groupId,
    start: "2026-01-01",
    end: "2026-01-03",
    units,
    baselineUnits,
    depthPct,
    postWeeks: [],
  });

  it("leans a thin group on the shop, a rich group on itself", () => {
    const events = [
      ...Array.from({ length: 20 }, () => event("rich", 400, 200, 20)), // lift 2.0 over 4,000 baseline units
      event("thin", 30, 10, 20), // lift 3.0 over 10 baseline units
    ];
    const model = estimateUplift(events, { liftShrinkUnits: 50 });
    const shop = model.shop.byBucket[1]?.lift ?? 0;
    const thin = model.groups.thin?.byBucket[1];
    // weight 10 / (10 + 50) = 1/6 on the thin group's own log-lift
    expect(thin?.weight).toBeCloseTo(1 / 6, 9);
    expect(thin?.lift).toBeCloseTo(Math.exp((1 / 6) * Math.log(3) + (5 / 6) * Math.log(shop)), 9);
    expect(model.groups.rich?.byBucket[1]?.lift).toBeGreaterThan(1.98);
  });

  it("falls back to the prior where the shop has no promotions at a depth", () => {
    const model = estimateUplift([event("a", 40, 20, 10)], { priorLifts: [1.3, 1.8, 2.5] });
    expect(model.shop.byBucket[2]?.lift).toBe(2.5);
    expect(model.shop.byBucket[2]?.events).toBe(0);
  });
});

describe("projectPromotion", () => {
  const model: UpliftModel = {
    buckets: DEFAULT_DEPTH_BUCKETS,
    shop: {
      byBucket: [
        { lift: 1.3, events: 3, baselineUnits: 100, weight: 0.7 },
        { lift: 2.0, events: 8, baselineUnits: 400, weight: 0.9 },
        { lift: 2.6, events: 2, baselineUnits: 50, weight: 0.5 },
      ],
      dip: [
        { change: -0.2, expectedUnits: 500, weight: 0.8 },
        { change: 0, expectedUnits: 500, weight: 0.8 },
      ],
    },
    groups: {},
  };
  const baseline = { variantId: "v1", groupId: "tees", weekStarts: ["2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14"], weekly: [70, 70, 70, 70] };

  it("adds lift during the promotion and takes the dip after", () => {
    const [effect] = projectPromotion({ start: "2026-11-30", end: "2026-12-06", discountPct: 25, variantIds: ["v1"] }, [baseline], model);
    expect(effect?.extraUnits).toEqual([0, 70, -14, 0]);
    expect(effect?.reason).toContain("25% off");
    expect(effect?.reason).toContain("×2.0");
    expect(effect?.reason).toContain("−20% the week after");
  });

  it("splits a promotion across weeks by the days it covers", () => {
    // Friday to Monday: 3 days in week 2, 1 day in week 3; the dip runs Tuesday to Monday.
    const [effect] = projectPromotion({ start: "2026-12-04", end: "2026-12-07", discountPct: 10, variantIds: ["v1"] }, [baseline], model);
    const perDay = 10;
    expect(effect?.extraUnits[1]).toBeCloseTo(3 * perDay * 0.3, 9);
    expect(effect?.extraUnits[2]).toBeCloseTo(1 * perDay * 0.3 - 6 * perDay * 0.2, 9);
    expect(effect?.extraUnits[3]).toBeCloseTo(-1 * perDay * 0.2, 9);
  });

  it("uses marketing's own multiplier when one is set, and says so", () => {
    const [effect] = projectPromotion({ start: "2026-11-30", end: "2026-12-06", discountPct: 25, variantIds: ["v1"], lift: 3 }, [baseline], model);
    expect(effect?.extraUnits).toEqual([0, 140, -14, 0]);
    expect(effect?.reason).toBe("25% off: sales ×3.0, as marketing set it.");
  });

  it("stops the extra demand at a cap on the promotion's units", () => {
    // 70 baseline units in the promotion's week, a cap of 100: only 30 extra fit.
    const [effect] = projectPromotion({ start: "2026-11-30", end: "2026-12-06", discountPct: 25, variantIds: ["v1"], capUnits: 100 }, [baseline], model);
    expect(effect?.extraUnits).toEqual([0, 30, -14, 0]);
  });

  it("lifts only the share of demand its channel reaches, dip and cap included", () => {
    // A quarter of the variant's online demand is on the promotion's channel: 17.5 of the week's 70.
    const [effect] = projectPromotion({ start: "2026-11-30", end: "2026-12-06", discountPct: 25, variantIds: ["v1"], channelShare: { v1: 0.25 } }, [baseline], model);
    expect(effect?.extraUnits).toEqual([0, 17.5, -3.5, 0]);
    // A cap of 30 on the channel's sales leaves 12.5 extra above its 17.5 baseline units.
    const [capped] = projectPromotion({ start: "2026-11-30", end: "2026-12-06", discountPct: 25, variantIds: ["v1"], channelShare: { v1: 0.25 }, capUnits: 30 }, [baseline], model);
    expect(capped?.extraUnits).toEqual([0, 12.5, -3.5, 0]);
  });

  it("ignores variants outside the plan", () => {
    expect(projectPromotion({ start: "2026-11-30", end: "2026-12-06", discountPct: 25, variantIds: ["other"] }, [baseline], model)).toEqual([]);
  });
});
