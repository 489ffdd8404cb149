import { describe, expect, it } from "vitest";
import { checkPromotion, type PromotionCheckInput, type PromotionPlan, type SeriesInput } from "../../../../app/engine/promotions";

// 2027-03-01 is a Monday and day 0 of every projection. Baselines sell 10 a day, so the
// arithmetic below is done by hand: a promotion at ×2 sells 20 a day.
const AS_OF = "2027-03-01";

function series(overrides: Partial<SeriesInput> = {}): SeriesInput {
  return {
    seriesId: "tee",
    variantId: "tee",
    variantLabel: "Tee",
    baseline: { kind: "daily", daily: Array.from({ length: 60 }, () => 10) },
    available: 300,
    inbound: [],
    leadTimeDays: 14,
    safetyStock: 0,
    serviceLevel: 0.95,
    unitPrice: 20,
    unitCost: 8,
    ...overrides,
  };
}

function promotion(overrides: Partial<PromotionPlan> = {}): PromotionPlan {
  // Days 7 to 13.
  return { id: "spring", name: "Spring drop", start: "2027-03-08", end: "2027-03-14", lift: 2, discountPct: 25, ...overrides };
}

function input(overrides: Partial<PromotionCheckInput> = {}): PromotionCheckInput {
  return { asOf: AS_OF, promotion: promotion(), series: [series()], ...overrides };
}

const po = (date: string, units: number, label = "PO-1") => ({ date, units, source: "purchase_order" as const, label });

describe("checkPromotion", () => {
  it("a promotion that fits: stock and a PO carry it and the four weeks after", () => {
    // 70 sell before it, 140 during it: 90 left on day 13; 60 more by day 19, then 200 arrive
    // on day 20 and serve the 22 days to the window's end (day 41) with 10 to spare.
    const check = checkPromotion(input({ series: [series({ inbound: [po("2027-03-21", 200)] })] }));
    expect(check.verdict).toBe("supportable");
    const [tee] = check.series;
    expect(tee?.verdict).toBe("supportable");
    expect(tee?.expected).toBeNull();
    expect(tee?.high).toBeNull();
    expect(tee?.promotionUnits).toBeCloseTo(140, 9);
    expect(tee?.extraUnits).toBeCloseTo(70, 9);
    expect(tee?.lowestStock).toEqual({ date: "2027-03-14", units: 90, safetyStock: 0 });
    expect(tee?.reason).toBe("Carries it: 140 expected over 7 promotion days at ×2, stock stays at 90 or more; 300 on hand, 200 arriving 21 Mar (PO-1).");
    expect(check.reason).toBe("Supportable: its variant carries it on the expected and the high-demand path, without touching safety stock.");
    expect(check.unitsShort.value).toBe(0);
    expect(check.options).toEqual([]);
    // Over days 0–41: 140 at 15 (25% off), and 70 before and 280 after it at 20.
    expect(check.effect.unitsSold.value).toBeCloseTo(490, 9);
    expect(check.effect.revenue?.value).toBeCloseTo(140 * 15 + 350 * 20, 6);
    expect(check.effect.leftoverUnits.value).toBeCloseTo(10, 9);
  });

  it("fits only after an inbound PO arrives: moving the start to its arrival fixes it", () => {
    // 100 on hand: 30 left when it starts on day 7; day 7 sells 20, day 8 is 10 short, day 9
    // 20 short, then 600 arrive on day 10 (11 Mar).
    const check = checkPromotion(input({ series: [series({ available: 100, inbound: [po("2027-03-11", 600, "PO-1004")] })] }));
    expect(check.verdict).toBe("not_supportable");
    const tee = check.series[0]!;
    expect(tee.expected?.firstShortDate).toBe("2027-03-09");
    expect(tee.expected?.unitsShort).toBeCloseTo(30, 9);
    // Lost at the promotion price: 30 × 15.
    expect(tee.expected?.revenueLost).toBeCloseTo(450, 9);
    expect(tee.expected?.starves).toEqual([]);
    expect(tee.reason).toBe("Short from 9 Mar (day 2 of the promotion): 30 units short, 450.00 of sales lost; 100 on hand, 600 arriving 11 Mar (PO-1004) against 140 expected over 7 promotion days at ×2.");
    expect(check.reason).toBe("Not supportable: 1 of 1 variant runs short on the expected path (Tee from 9 Mar), 30 units short.");

    // Starting on day 9 still leaves day 9 10 short; from day 10 the 100 on hand have served
    // days 0–9 exactly and the PO carries the promotion.
    const move = check.options.find((o) => o.kind === "move_start");
    expect(move?.change).toEqual({ kind: "move_start", start: "2027-03-11", end: "2027-03-17", shiftDays: 3 });
    expect(move?.verdictAfter).toBe("supportable");
    expect(move?.description).toBe("Start on 11 Mar instead of 8 Mar (to 17 Mar), once PO-1004 arrives.");
    expect(move?.rank).toBe(1);
    // One variant: waves would move it whole (that is move_start); no cap lets a full day run;
    // an order placed today lands on day 14, after the shortage.
    expect(check.options.map((o) => o.kind)).toEqual(["move_start"]);

    const moved = checkPromotion(input({ promotion: promotion({ start: "2027-03-11", end: "2027-03-17" }), series: [series({ available: 100, inbound: [po("2027-03-11", 600)] })] }));
    expect(moved.verdict).toBe("supportable");
  });

  it("fits with caps: the largest cap per variant that stock carries", () => {
    // 200 on hand, 130 left when it starts. Uncapped it wants 140: day 13 is 10 short. With a
    // cap of c units the days sell 70 + c/2, so c = 120 (six days at ×2, then the baseline) fits
    // exactly; 1000 arrive the day after it ends.
    const stock = series({ available: 200, inbound: [po("2027-03-15", 1000)] });
    const check = checkPromotion(input({ series: [stock] }));
    expect(check.verdict).toBe("not_supportable");
    expect(check.series[0]?.expected?.firstShortDate).toBe("2027-03-14");
    expect(check.series[0]?.expected?.unitsShort).toBeCloseTo(10, 9);
    const cap = check.options.find((o) => o.kind === "cap");
    expect(cap?.change).toEqual({ kind: "cap", caps: [{ variantId: "tee", units: 120 }] });
    expect(cap?.verdictAfter).toBe("supportable");
    expect(cap?.description).toBe("Cap 1 variant: Tee at 120; the discount ends on a variant once its cap is sold.");

    const capped = checkPromotion(input({ promotion: promotion({ capUnits: 120 }), series: [stock] }));
    expect(capped.verdict).toBe("supportable");
    // The discount runs days 7–12 (120 sold) and ends with 10 left; day 13 sells the last 10 at full price.
    expect(capped.series[0]?.promotionUnits).toBeCloseTo(120, 9);
    expect(capped.series[0]?.promotionDays).toEqual({ start: "2027-03-08", end: "2027-03-14" });
    expect(capped.series[0]?.lowestStock).toEqual({ date: "2027-03-13", units: 10, safetyStock: 0 });
    // One more unit of cap ends the last day half a unit short: not supportable.
    expect(checkPromotion(input({ promotion: promotion({ capUnits: 121 }), series: [stock] })).verdict).toBe("not_supportable");
  });

  it("when every variant runs short, caps the ones a cap carries and leaves out the ones none can", () => {
    // The tee fits with a cap of 120, as above. The hoodie has nothing on hand and nothing
    // inbound in time: even a discount that ends at once leaves it short, so no cap carries it.
    // Leaving out every short variant is no promotion, so only the combination keeps one.
    const tee = series({ available: 200, inbound: [po("2027-03-15", 1000)] });
    const hoodie = series({ seriesId: "hoodie", variantId: "hoodie", variantLabel: "Hoodie", available: 0 });
    const check = checkPromotion(input({ promotion: promotion({ variantIds: ["tee", "hoodie"] }), series: [tee, hoodie] }));
    expect(check.verdict).toBe("not_supportable");
    expect(check.options.some((o) => o.kind === "drop_variants")).toBe(false);
    const both = check.options.find((o) => o.change.kind === "cap" && o.change.dropVariantIds !== undefined);
    expect(both?.change).toEqual({ kind: "cap", caps: [{ variantId: "tee", units: 120 }], dropVariantIds: ["hoodie"] });
    expect(both?.verdictAfter).toBe("supportable");
    expect(both?.description).toBe("Cap 1 variant (Tee at 120) and leave out 1 variant no cap can carry: Hoodie.");
    expect(both?.rank).toBe(1);
    // The cap alone still leaves the hoodie short.
    expect(check.options.find((o) => o.change.kind === "cap" && o.change.dropVariantIds === undefined)?.verdictAfter).toBe("not_supportable");
  });

  it("two overlapping promotions on the same variant compete for the same stock", () => {
    // 250 on hand, 1000 arrive on day 18; with a 28-day lead time nothing else can. The spring
    // drop (days 7–13, ×2) and a spring sale (days 10–16, ×1.5) overlap on days 10–13, which
    // sell 25 a day.
    const sale: PromotionPlan = { id: "sale", name: "Spring sale", start: "2027-03-11", end: "2027-03-17", lift: 1.5 };
    const stock = series({ available: 250, leadTimeDays: 28, inbound: [po("2027-03-19", 1000)] });
    // Alone, each fits: the drop leaves exactly 0 on day 17; the sale leaves 35.
    expect(checkPromotion(input({ series: [stock] })).verdict).toBe("supportable");
    expect(checkPromotion(input({ promotion: sale, series: [stock] })).verdict).toBe("supportable");

    // Together: 70 + 60 + 100 by day 13 leave 20; day 14 sells 15, then days 15 and 16 are 10
    // and 15 short (the sale's days) and day 17 is 10 short (baseline).
    const drop = checkPromotion(input({ series: [stock], otherPromotions: [sale] }));
    expect(drop.verdict).toBe("not_supportable");
    const shortfall = drop.series[0]!.expected!;
    expect(shortfall.firstShortDate).toBe("2027-03-16");
    expect(shortfall.unitsShort).toBeCloseTo(35, 9);
    expect(shortfall.starves).toEqual([
      { kind: "promotion", promotionId: "sale", name: "Spring sale", units: 25, from: "2027-03-16", to: "2027-03-17" },
      { kind: "baseline", promotionId: null, name: "baseline demand", units: 10, from: "2027-03-18", to: "2027-03-18" },
    ]);
    expect(shortfall.reason).toBe("35 short from 16 Mar (2 days after it ends), 700.00 of sales lost; it leaves 25 of Spring sale and 10 of the baseline demand of 18 Mar unserved.");

    // Checking the sale with the drop planned: 25 short on its own days 15–16, and it takes the
    // 10 units day 17 would have had with the drop alone.
    const saleCheck = checkPromotion(input({ promotion: sale, series: [stock], otherPromotions: [promotion()] }));
    expect(saleCheck.verdict).toBe("not_supportable");
    expect(saleCheck.series[0]?.expected?.firstShortDate).toBe("2027-03-16");
    expect(saleCheck.series[0]?.expected?.unitsShort).toBeCloseTo(35, 9);
    expect(saleCheck.series[0]?.expected?.starves).toEqual([{ kind: "baseline", promotionId: null, name: "baseline demand", units: 10, from: "2027-03-18", to: "2027-03-18" }]);
  });

  it("a promotion whose dip after it starves nothing", () => {
    // 245 on hand, 1000 arrive on day 21, a 28-day lead time. 35 are left when it ends on day
    // 13; the week after sells half the baseline (5 a day), exactly the 35.
    const stock = series({ available: 245, leadTimeDays: 28, inbound: [po("2027-03-22", 1000)] });
    const withDip = checkPromotion(input({ promotion: promotion({ dipByWeekAfter: [-0.5] }), series: [stock] }));
    expect(withDip.verdict).toBe("supportable");
    expect(withDip.series[0]?.expected).toBeNull();
    // Without the dip the same week wants 70: days 17–20 go short (5 + 10 + 10 + 10), baseline
    // demand the promotion took.
    const without = checkPromotion(input({ series: [stock] }));
    expect(without.verdict).toBe("not_supportable");
    expect(without.series[0]?.expected?.firstShortDate).toBe("2027-03-18");
    expect(without.series[0]?.expected?.starves).toEqual([{ kind: "baseline", promotionId: null, name: "baseline demand", units: 35, from: "2027-03-18", to: "2027-03-21" }]);
  });

  it("is at risk when only the high-demand path runs short", () => {
    // 215 on hand, 1000 on day 14: the expected 210 fit with 5 to spare. Daily sd 3 at 95%:
    // z·3·√k over k days, the promotion's days' share of it doubled by the lift.
    const z = 1.6448536269514722;
    const check = checkPromotion(input({ series: [series({ available: 215, inbound: [po("2027-03-15", 1000)], baseline: { kind: "daily", daily: Array(60).fill(10), dailySd: 3 } })] }));
    expect(check.verdict).toBe("at_risk");
    const tee = check.series[0]!;
    expect(tee.expected).toBeNull();
    const highBy = (k: number) => 10 * k + 10 * Math.max(0, k - 7) + z * 3 * (Math.sqrt(k) + Math.sqrt(k) - Math.sqrt(7));
    // Day 12 ends at 212.5, day 13 at 233.9 against 215.
    expect(highBy(13)).toBeLessThan(215);
    expect(tee.high?.firstShortDate).toBe("2027-03-14");
    expect(tee.high?.unitsShort).toBeCloseTo(highBy(14) - 215, 6);
    expect(tee.reason).toMatch(/^Carries the expected 140, but if demand comes in at the 95% level it runs 19 short from 14 Mar;/);
  });

  it("is at risk when a promotion day ends under the safety stock", () => {
    const check = checkPromotion(input({ series: [series({ available: 215, safetyStock: 10, inbound: [po("2027-03-15", 1000)] })] }));
    expect(check.verdict).toBe("at_risk");
    expect(check.series[0]?.reason).toBe("Carries the expected 140, but stock falls to 5 on 14 Mar, under the safety stock of 10; 215 on hand, 1,000 arriving 15 Mar (PO-1).");
  });

  it("proposes an order rounded to case packs, to arrive the day the promotion would run short", () => {
    // 250 on hand, nothing inbound, the promotion on days 21–27: 40 left when it starts, so days
    // 23–27 are 100 short. 100 arriving on day 23 carry it; in cases of 12 that is 108, ordered
    // by day 9 with a 14-day lead time.
    const check = checkPromotion(input({ promotion: promotion({ start: "2027-03-22", end: "2027-03-28" }), series: [series({ available: 250, casePack: 12 })] }));
    expect(check.verdict).toBe("not_supportable");
    expect(check.series[0]?.expected?.firstShortDate).toBe("2027-03-24");
    expect(check.series[0]?.expected?.unitsShort).toBeCloseTo(100, 9);
    expect(check.series[0]?.expected?.revenueLost).toBeCloseTo(1500, 9);
    // No later start, cap or drop helps: the baseline alone empties it during the promotion.
    expect(check.options.map((o) => o.kind)).toEqual(["order_more"]);
    const order = check.options[0]!;
    expect(order.verdictAfter).toBe("supportable");
    expect(order.change).toMatchObject({ kind: "order_more", totalUnits: 108, totalCost: 864 });
    const line = order.change.kind === "order_more" ? order.change.lines[0] : undefined;
    expect(line).toMatchObject({ quantity: 108, orderByDate: "2027-03-10", expectedArrivalDate: "2027-03-24", lineCost: 864, roundingNote: "100 needed, rounded up to 9 cases of 12" });
    expect(order.description).toBe("Order 108 more units for 864.00 by 10 Mar: Tee 108.");
  });

  it("does not fail a promotion for baseline it takes later than an order could land, but says when to order", () => {
    // 400 on hand, the promotion on days 21–27 leaves 50: the baseline runs out on day 33
    // instead of day 40. Both lie beyond the 14-day lead time, so an order by day 19 covers it.
    const check = checkPromotion(input({ promotion: promotion({ start: "2027-03-22", end: "2027-03-28" }), series: [series({ available: 400 })] }));
    expect(check.verdict).toBe("supportable");
    expect(check.series[0]?.stockoutBroughtForward).toEqual({ date: "2027-04-03", from: "2027-04-10", units: 70, orderBy: "2027-03-20" });
    expect(check.series[0]?.reason).toBe(
      "Carries it: 140 expected over 7 promotion days at ×2, stock stays at 50 or more; 400 on hand, nothing inbound in time; it brings the next stockout forward to 3 Apr (from 10 Apr), so order by 20 Mar.",
    );
    // With a 35-day lead time nothing can be ordered in before day 35: days 33 and 34 are starved.
    const slow = checkPromotion(input({ promotion: promotion({ start: "2027-03-22", end: "2027-03-28" }), series: [series({ available: 400, leadTimeDays: 35 })] }));
    expect(slow.verdict).toBe("not_supportable");
    expect(slow.series[0]?.expected?.starves).toEqual([{ kind: "baseline", promotionId: null, name: "baseline demand", units: 20, from: "2027-04-03", to: "2027-04-04" }]);
  });

  it("ranks options by verdict after, then sales kept, then fewest changes", () => {
    // The tee carries it; the hat runs short until its PO lands on day 10.
    const hat = series({ seriesId: "hat", variantId: "hat", variantLabel: "Hat", available: 100, inbound: [po("2027-03-11", 600, "PO-7")] });
    const check = checkPromotion(input({ series: [series({ available: 1000 }), hat] }));
    expect(check.verdict).toBe("not_supportable");
    expect(check.counts).toEqual({ supportable: 1, at_risk: 0, not_supportable: 1 });
    // Moving everyone three days and moving only the hat keep the same sales; one change each,
    // so the simpler one leads. Leaving the hat out sells less.
    expect(check.options.map((o) => o.kind)).toEqual(["move_start", "waves", "drop_variants"]);
    expect(check.options.map((o) => o.verdictAfter)).toEqual(["supportable", "supportable", "supportable"]);
    const waves = check.options[1]!;
    expect(waves.change).toEqual({
      kind: "waves",
      waves: [
        { start: "2027-03-08", end: "2027-03-14", variantIds: ["tee"] },
        { start: "2027-03-11", end: "2027-03-17", variantIds: ["hat"] },
      ],
    });
    expect(waves.description).toBe("Run 1 variant from 8 Mar as planned and 1 variant in a second wave from 11 Mar to 17 Mar (Hat), once their stock arrives.");
    expect(check.options[2]?.description).toBe("Leave out 1 variant that stock cannot carry: Hat.");
    expect(check.options[2]!.effect.revenue!.value).toBeLessThan(check.options[0]!.effect.revenue!.value);
    expect(check.ranking).toContain("verdict after");
  });

  it("counts a cap over all of a variant's locations", () => {
    const a = series({ seriesId: "tee@1", locationId: "1", locationLabel: "East", available: 1000 });
    const b = series({ seriesId: "tee@2", locationId: "2", locationLabel: "West", available: 1000 });
    const check = checkPromotion(input({ promotion: promotion({ capUnits: 140 }), series: [a, b] }));
    // Two locations at 20 a day each under the promotion: 120 sold over days 7–9, the last 20
    // half-way through day 10 (each location sells 10 at ×2 and 5 at the baseline that day).
    // From day 11 the discount is over everywhere.
    expect(check.series.map((s) => s.promotionUnits)).toEqual([expect.closeTo(75, 9), expect.closeTo(75, 9)]);
    expect(check.series.map((s) => s.promotionDays)).toEqual([{ start: "2027-03-08", end: "2027-03-14" }, { start: "2027-03-08", end: "2027-03-14" }]);
    expect(check.series[0]?.label).toBe("Tee at East");
  });

  it("splits a weekly forecast by the weekday index from the check date, and reads the high path off its distribution", () => {
    // Forecast weeks from Monday 1 Mar, checked on Wednesday 3 Mar; Saturdays sell three times a
    // weekday, so a week of 70 is 70/9 a weekday and 70/3 on Saturday. The promotion runs the
    // weekend: 2 × (70/3 + 70/9) = 560/9. Wednesday to Sunday want 3 × 70/9 + 560/9 = 770/9 = 85.6.
    const weekStarts = ["2027-03-01", "2027-03-08", "2027-03-15", "2027-03-22", "2027-03-29", "2027-04-05"];
    const weekly = weekStarts.map(() => 70);
    const distribution = { version: 1 as const, family: "normal" as const, mean: weekly, sd: weekly.map(() => 10), persistence: 0, levelShare: 0 };
    const weekend = promotion({ start: "2027-03-06", end: "2027-03-07" });
    const tee = (sd: boolean) =>
      series({
        available: 86,
        inbound: [po("2027-03-08", 1000)],
        baseline: { kind: "weekly", weekStarts, weekly, weekdayIndex: [1, 1, 1, 1, 1, 1, 3], ...(sd ? { distribution } : {}) },
      });
    const plain = checkPromotion({ asOf: "2027-03-03", promotion: weekend, series: [tee(false)] });
    expect(plain.series[0]?.promotionUnits).toBeCloseTo(560 / 9, 9);
    expect(plain.series[0]?.extraUnits).toBeCloseTo(280 / 9, 9);
    expect(plain.series[0]?.lowestStock?.units).toBeCloseTo(86 - 770 / 9, 9);
    expect(plain.verdict).toBe("supportable");
    // With forecast error (sd 10 a week) the 95% path wants a few units more than the 0.4 spare.
    const uncertain = checkPromotion({ asOf: "2027-03-03", promotion: weekend, series: [tee(true)] });
    expect(uncertain.verdict).toBe("at_risk");
    expect(uncertain.series[0]?.expected).toBeNull();
    expect(uncertain.series[0]?.high?.firstShortDate).toBe("2027-03-07");
  });

  it("lifts only the promotion's channel share, with a variant's own lift, and returns the daily stock when asked", () => {
    // Half the location's sales go through the promotion's channel, at ×3 for this variant:
    // 10 × (1 + 0.5 × 2) = 20 a day, three quarters of them at the discount (0.5 × 3 / 2).
    const check = checkPromotion(
      input({
        promotion: promotion({ liftByVariant: { tee: { lift: 3 } } }),
        series: [series({ channelShare: 0.5, available: 1000 })],
        settings: { daily: true, weeksAfter: 1 },
      }),
    );
    const tee = check.series[0]!;
    expect(tee.promotionUnits).toBeCloseTo(140, 9);
    expect(tee.reason).toContain("at ×3");
    // Days 0–20: 70 + 140 + 70 sold; revenue 105 at 15 and 35 at 20 on the promotion's days.
    expect(check.effect.revenue?.value).toBeCloseTo(140 * 20 + 105 * 15 + 35 * 20, 6);
    expect(tee.daily?.from).toBe(AS_OF);
    expect(tee.daily?.expected.slice(0, 8)).toEqual([990, 980, 970, 960, 950, 940, 930, 910]);
  });

  it("says what is wrong with bad input", () => {
    expect(() => checkPromotion(input({ promotion: promotion({ end: "2027-03-01" }) }))).toThrow('checkPromotion: promotion "Spring drop" ends (2027-03-01) before it starts (2027-03-08)');
    expect(() => checkPromotion(input({ series: [series({ serviceLevel: 95 })] }))).toThrow('checkPromotion: series "tee": serviceLevel must lie strictly between 0 and 1, got 95');
    expect(() => checkPromotion(input({ series: [series(), series()] }))).toThrow('checkPromotion: series "tee" is handed in twice');
    expect(() => checkPromotion(input({ promotion: promotion({ lift: 0 }) }))).toThrow("lift must be a positive multiplier");
  });
});
