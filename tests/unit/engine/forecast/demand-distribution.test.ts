import { describe, expect, it } from "vitest";
import {
  type CorrelatedDemandDistribution,
  type DemandDistribution,
  type OccurrenceSizeDemandDistribution,
  buildDemandOutlook,
  intervalDemand,
  intervalDemandCdf,
  intervalVariance,
} from "../../../../app/engine/forecast/index";
import { normalQuantile } from "../../../../app/engine/forecast/stats";
import { dailyRows } from "../demand/synthetic";
import { seededRandom } from "./random";

function correlated(family: CorrelatedDemandDistribution["family"], mean: number[], sd: number[], persistence = 0, levelShare = 0, shift = mean.map(() => 0), scaleCv = 0): CorrelatedDemandDistribution {
  return { version: 1, family, mean, sd, persistence, levelShare, shift, scaleCv };
}

describe("intervalDemand: correlated weekly errors", () => {
  it("independent normal weeks add their variances", () => {
    const d = correlated("normal", [10, 10, 10, 10], [2, 2, 2, 2]);
    const total = intervalDemand(d, { startWeek: 0, weeks: 4 }, [0.5, 0.9]);
    expect(total.mean).toBe(40);
    expect(total.quantiles[0]).toBeCloseTo(40, 9);
    expect(total.quantiles[1]).toBeCloseTo(40 + normalQuantile(0.9) * 4, 9);
  });

  it("a random walk (persistence 1) sums as one: Var = σ²(3² + 2² + 1²) over three weeks", () => {
    // Week w of a random walk has error variance (w + 1)σ².
    const d = correlated("normal", [5, 5, 5], [1, Math.SQRT2, Math.sqrt(3)], 1, 0);
    expect(intervalVariance(d, { startWeek: 0, weeks: 3 })).toBeCloseTo(14, 9);
  });

  it("SES errors (persistence α) give the cumulative variance σ² Σ (1 + jα)²", () => {
    const alpha = 0.3;
    const sd = [0, 1, 2, 3, 4].map((h) => Math.sqrt(1 + h * alpha * alpha));
    const d = correlated("normal", [1, 1, 1, 1, 1], sd, alpha, 0);
    const expected = [0, 1, 2, 3, 4].reduce((a, j) => a + (1 + j * alpha) ** 2, 0);
    expect(intervalVariance(d, { startWeek: 0, weeks: 5 })).toBeCloseTo(expected, 9);
  });

  it("a level error shared by all weeks (level share b) correlates them by b / (b + 1)", () => {
    const d = correlated("normal", [3, 3], [1, 1], 0, 1);
    expect(intervalVariance(d, { startWeek: 0, weeks: 2 })).toBeCloseTo(1 + 1 + 2 * 0.5, 9);
  });

  it("partial weeks take their share of the mean and f² of shared plus f(1 − f) of own noise", () => {
    const d = correlated("normal", [10, 20], [2, 2]);
    // half of week 0 and half of week 1: each 0.25·4 + 0.25·4 = 2
    const span = { startWeek: 0.5, weeks: 1 };
    expect(intervalDemand(d, span, [0.5]).mean).toBeCloseTo(15, 9);
    expect(intervalVariance(d, span)).toBeCloseTo(4, 9);
    // 3 days into week 0 for a 43-day lead time: 4/7 of week 0, weeks 1–5, 0.6286 of week 6
    expect(intervalDemand(d, { startWeek: 3 / 7, weeks: 43 / 7 }, [0.5]).mean).toBeCloseTo(10 * (4 / 7) + 20 * (43 / 7 - 4 / 7), 9);
  });

  it("spans past the horizon repeat the last week's mean, and errors keep growing", () => {
    const d = correlated("normal", [4, 6], [1, Math.SQRT2], 1, 0);
    const long = intervalDemand(d, { startWeek: 0, weeks: 5 }, [0.5]);
    expect(long.mean).toBe(4 + 6 * 4);
    // random walk: Var = 5² + 4² + 3² + 2² + 1²
    expect(intervalVariance(d, { startWeek: 0, weeks: 5 })).toBeCloseTo(55, 9);
  });

  it("a shift moves the centre of each week and leaves the mean the point forecast", () => {
    const d = correlated("normal", [10, 10], [2, 2], 0, 0, [1, 1.5]);
    const total = intervalDemand(d, { startWeek: 0, weeks: 2 }, [0.5]);
    expect(total.mean).toBe(20);
    expect(total.quantiles[0]).toBeCloseTo(22.5, 9);
    expect(intervalDemandCdf(d, { startWeek: 0, weeks: 2 }, [22.5]).atOrBelow[0]).toBeCloseTo(0.5, 6);
  });

  it("an uncertain scale keeps the variance but fattens the tails", () => {
    const plain = correlated("normal", [100], [10]);
    const fat = correlated("normal", [100], [10], 0, 0, [0], 0.4);
    const span = { startWeek: 0, weeks: 1 };
    expect(intervalVariance(fat, span)).toBeCloseTo(100, 9);
    const [p50, p80, p99] = intervalDemand(fat, span, [0.5, 0.8, 0.995]).quantiles;
    const [q50, q80, q99] = intervalDemand(plain, span, [0.5, 0.8, 0.995]).quantiles;
    expect(p50).toBeCloseTo(q50!, 6);
    expect(p80).toBeLessThan(q80!);
    expect(p99).toBeGreaterThan(q99!);
    // The mixture's CDF at its own quantile returns the level.
    expect(intervalDemandCdf(fat, span, [p99!]).atOrBelow[0]).toBeCloseTo(0.995, 6);
    const counts = correlated("negative_binomial", [6], [4], 0, 0, [0], 0.4);
    const q = intervalDemand(counts, span, [0.5, 0.9, 0.99]).quantiles;
    q.forEach((v) => expect(Number.isInteger(v)).toBe(true));
    const cdf = intervalDemandCdf(counts, span, [q[1]!, q[1]! - 1]);
    expect(cdf.atOrBelow[0]).toBeGreaterThanOrEqual(0.9);
    expect(cdf.atOrBelow[1]).toBeLessThan(0.9);
  });

  it("negative binomial totals: Poisson(2) per week gives Poisson(4) over two weeks", () => {
    const d = correlated("negative_binomial", [2, 2], [Math.SQRT2, Math.SQRT2]);
    expect(intervalDemand(d, { startWeek: 0, weeks: 1 }, [0.1, 0.5, 0.9]).quantiles).toEqual([0, 2, 4]);
    expect(intervalDemand(d, { startWeek: 0, weeks: 2 }, [0.1, 0.5, 0.9]).quantiles).toEqual([2, 4, 7]);
    const cdf = intervalDemandCdf(d, { startWeek: 0, weeks: 2 }, [0]);
    expect(cdf.below[0]).toBe(0);
    expect(cdf.atOrBelow[0]).toBeCloseTo(Math.exp(-4), 9);
  });

  it("keeps the order of the levels asked for, and a zero forecast gives zeros", () => {
    const d = correlated("normal", [10], [3]);
    const [p90, p50, p99] = intervalDemand(d, { startWeek: 0, weeks: 1 }, [0.9, 0.5, 0.99]).quantiles;
    expect(p50).toBeLessThan(p90!);
    expect(p90).toBeLessThan(p99!);
    const zero = correlated("negative_binomial", [0, 0], [0, 0]);
    expect(intervalDemand(zero, { startWeek: 0, weeks: 8 }, [0.5, 0.99])).toEqual({ mean: 0, quantiles: [0, 0] });
    expect(intervalDemand(d, { startWeek: 0, weeks: 0 }, [0.9])).toEqual({ mean: 0, quantiles: [0] });
  });

  it("refuses bad input with a clear message", () => {
    const d = correlated("normal", [10], [3]);
    expect(() => intervalDemand(d, { startWeek: -1, weeks: 2 }, [0.5])).toThrow(/startWeek/);
    expect(() => intervalDemand(d, { startWeek: 0, weeks: Number.NaN }, [0.5])).toThrow(/weeks/);
    expect(() => intervalDemand(d, { startWeek: 0, weeks: 2 }, [1])).toThrow(/between 0 and 1/);
    expect(() => intervalDemand({ ...d, family: "gamma" } as unknown as DemandDistribution, { startWeek: 0, weeks: 1 }, [0.5])).toThrow(/unknown/);
    expect(() => intervalDemand({ ...d, version: 2 } as unknown as DemandDistribution, { startWeek: 0, weeks: 1 }, [0.5])).toThrow(/version/);
  });
});

describe("intervalDemand: occurrence × size", () => {
  const twoSizes: OccurrenceSizeDemandDistribution = {
    version: 1,
    family: "occurrence_size",
    mean: [1, 1],
    probability: [0.5, 0.5],
    sizes: [1, 3],
    weights: [0.5, 0.5],
    sizeStep: 1,
    rateCv: 0,
  };

  it("convolves exactly: two weeks at chance ½ with sizes 1 or 3", () => {
    // P(0)=¼; one demand: 1 or 3 (⅛+⅛ each ×2 weeks = ¼ each); two: 2 (1/16), 4 (⅛), 6 (1/16)
    // CDF: 0 .25, 1 .5, 2 .5625, 3 .8125, 4 .9375, 6 1
    const total = intervalDemand(twoSizes, { startWeek: 0, weeks: 2 }, [0.2, 0.5, 0.6, 0.9, 0.95]);
    expect(total.quantiles).toEqual([0, 1, 3, 4, 6]);
    expect(total.mean).toBe(2);
    const cdf = intervalDemandCdf(twoSizes, { startWeek: 0, weeks: 2 }, [3, 5]);
    expect(cdf.below[0]).toBeCloseTo(0.5625, 12);
    expect(cdf.atOrBelow[0]).toBeCloseTo(0.8125, 12);
    expect(cdf.below[1]).toBeCloseTo(0.9375, 12);
    expect(cdf.atOrBelow[1]).toBeCloseTo(0.9375, 12);
    expect(intervalVariance(twoSizes, { startWeek: 0, weeks: 2 })).toBeCloseTo(2 * (0.5 * 5 - 1), 12);
  });

  it("a partial week thins the chance of demand", () => {
    const half = intervalDemandCdf(twoSizes, { startWeek: 0.5, weeks: 0.5 }, [0]);
    expect(half.atOrBelow[0]).toBeCloseTo(0.75, 12);
  });

  it("rate uncertainty widens the total without moving its mean", () => {
    const sure = intervalVariance(twoSizes, { startWeek: 0, weeks: 8 });
    const unsure = intervalVariance({ ...twoSizes, probability: [0.3, 0.3], rateCv: 0.5 }, { startWeek: 0, weeks: 8 });
    const plain = intervalVariance({ ...twoSizes, probability: [0.3, 0.3] }, { startWeek: 0, weeks: 8 });
    expect(unsure).toBeGreaterThan(plain * 1.1);
    expect(sure).toBeCloseTo(8 * (0.5 * 5 - 1), 9);
  });

  it("agrees with simulation on a lumpy item over a 6-week lead time", () => {
    const d: OccurrenceSizeDemandDistribution = { ...twoSizes, mean: [0.8], probability: [0.2], sizes: [1, 2, 12], weights: [0.6, 0.3, 0.1] };
    const random = seededRandom(5);
    const totals: number[] = [];
    for (let run = 0; run < 40_000; run++) {
      let total = 0;
      for (let week = 0; week < 6; week++) {
        if (random() >= 0.2) continue;
        const u = random();
        total += u < 0.6 ? 1 : u < 0.9 ? 2 : 12;
      }
      totals.push(total);
    }
    totals.sort((a, b) => a - b);
    const exact = intervalDemand(d, { startWeek: 0, weeks: 6 }, [0.5, 0.9, 0.95]);
    expect(exact.quantiles).toEqual([0.5, 0.9, 0.95].map((level) => totals[Math.ceil(level * totals.length) - 1]));
  });

  it("long spans of frequent demand fall back to a moment-matched count with the same mean and variance", () => {
    const frequent: OccurrenceSizeDemandDistribution = { ...twoSizes, mean: [60], probability: [0.9], sizes: Array.from({ length: 100 }, (_, i) => i + 1), weights: Array<number>(100).fill(0.01) };
    const span = { startWeek: 0, weeks: 52 };
    const sizeMean = 50.5;
    const sizeSecond = Array.from({ length: 100 }, (_, i) => (i + 1) ** 2).reduce((a, b) => a + b, 0) / 100;
    expect(intervalVariance(frequent, span)).toBeCloseTo(52 * (0.9 * sizeSecond - (0.9 * sizeMean) ** 2), 6);
    const [p50] = intervalDemand(frequent, span, [0.5]).quantiles;
    expect(Math.abs(p50! - 52 * 0.9 * sizeMean)).toBeLessThan(30);
  });
});

describe("every outlook route carries a distribution that survives JSON", () => {
  const asOf = "2026-11-25";
  const random = seededRandom(8);
  const variant = (variantId: string, productType: string, from: string, rate: (date: string) => number) => ({
    variantId,
    productId: variantId,
    productType,
    vendor: "Acme",
    price: 20,
    firstSaleDate: from,
    daily: dailyRows(from, "2026-11-24", rate, random),
  });
  const seasonal = (date: string) => 1 + 0.5 * Math.sin((2 * Math.PI * Number(date.slice(5, 7))) / 12);
  const inputs = [
    variant("steady", "Tees", "2024-06-03", () => 5),
    variant("lumpy", "Bags", "2024-06-03", (date) => (Number(date.slice(8, 10)) % 13 === 0 ? 1.5 : 0)),
    variant("group-a", "Hats", "2023-11-27", (date) => 10 * seasonal(date)),
    variant("group-b", "Hats", "2023-11-27", (date) => 9 * seasonal(date)),
    variant("thin", "Hats", "2023-11-27", (date) => 0.2 * seasonal(date)),
    variant("new", "Hats", "2026-11-04", () => 3),
    { variantId: "never", productId: "never", productType: "Hats", vendor: "Acme", price: 20, createdAt: "2026-11-20T00:00:00Z", daily: [] },
  ];
  const outlooks = buildDemandOutlook(inputs, { asOf, horizonWeeks: 13 });

  it("covers own history, intermittent, top-down, analog and never-sold variants", () => {
    const routes = Object.fromEntries(outlooks.map((o) => [o.variantId, `${o.source}/${o.distribution.family}`]));
    expect(routes["steady"]).toBe("own_history/lognormal");
    expect(routes["lumpy"]).toBe("own_history/occurrence_size");
    expect(routes["thin"]).toBe("top_down/negative_binomial");
    expect(routes["new"]).toBe("analog/negative_binomial");
    expect(routes["never"]).toBe("analog/negative_binomial");
  });

  it("round-trips exactly and gives the same policy figures after parsing", () => {
    for (const outlook of outlooks) {
      const parsed = JSON.parse(JSON.stringify(outlook.distribution)) as DemandDistribution;
      expect(parsed).toEqual(outlook.distribution);
      const span = { startWeek: 0.43, weeks: 6.2 };
      expect(intervalDemand(parsed, span, [0.5, 0.9, 0.95, 0.98, 0.99])).toEqual(intervalDemand(outlook.distribution, span, [0.5, 0.9, 0.95, 0.98, 0.99]));
      expect(JSON.stringify(outlook.distribution).length).toBeLessThan(8000);
    }
  });

  it("weekly quantiles shown are the distribution's one-week quantiles, and the mean is the point forecast", () => {
    for (const outlook of outlooks) {
      const week = intervalDemand(outlook.distribution, { startWeek: 2, weeks: 1 }, [0.1, 0.5, 0.9]);
      expect(week.quantiles).toEqual([outlook.p10[2], outlook.p50[2], outlook.p90[2]]);
      expect(week.mean).toBeCloseTo(outlook.mean[2]!, 9);
    }
  });
});
