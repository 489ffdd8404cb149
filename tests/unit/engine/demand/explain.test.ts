import { describe, expect, it } from "vitest";
import type { CleaningSummary } from "~/engine/forecast/cleaning";
import { explainForecast, formatUnits, modelDisplayName } from "~/engine/forecast/explain";

const cleaning: CleaningSummary = {
  stockoutDaysImputed: 12,
  promoDaysAdjusted: 9,
  promoDaysFromWindows: 5,
  promoDaysFromDiscountShare: 4,
  postPromoDaysExcluded: 14,
  mostlyOutWeeks: 1,
  unitsImputed: 61.4,
  promoExcessUnits: 88,
  daysWithoutReference: 0,
  discountShareIgnored: false,
};

describe("number formatting", () => {
  it("rounds for reading", () => {
    expect([0.44, 2.5, 9.96, 41.6, 999.4, 1234, 56789].map(formatUnits)).toEqual(["0.4", "2.5", "10", "42", "999", "1,230", "56,800"]);
  });

  it("names models in plain English", () => {
    expect(modelDisplayName("ets", "ETS(A,Ad,M)")).toBe("seasonal ETS");
    expect(modelDisplayName("ets", "ETS(A,A,N)")).toBe("ETS");
    expect(modelDisplayName("theta")).toBe("Theta");
  });
});

describe("explainForecast", () => {
  it("names the model, the runner-up with both errors, the history and the cleaned days", () => {
    const explanation = explainForecast({
      source: "own_history",
      model: "ets",
      modelLabel: "ETS(M,N,M)",
      demandClass: "smooth",
      adi: 1,
      cv2: 0.12,
      backtest: { metric: "mase", origins: 3, ranking: [{ model: "ets", score: 0.714 }, { model: "theta", score: 0.8349 }, { model: "ses", score: 0.9 }] },
      historyWeeks: 96,
      mean: [40, 42, 44, 42],
      p10: [29, 30, 31, 30],
      p90: [56, 58, 60, 58],
      cleaning,
    });
    expect(explanation.sentence).toBe(
      "Forecast 42 units/week (P10 30, P90 58) by seasonal ETS, chosen over Theta (error 0.71 vs 0.83) on 96 weeks; 12 stockout days imputed and 9 promo days set aside.",
    );
    expect(explanation.runnerUp?.model).toBe("theta");
    expect(explanation.reasons.join(" ")).toContain("Demand is smooth");
    expect(explanation.reasons.join(" ")).toContain("MASE over 3 origins");
  });

  it("leaves out what did not happen and says when a new variant borrowed from siblings", () => {
    const explanation = explainForecast({
      source: "analog",
      model: "analog",
      historyWeeks: 2,
      mean: [5.04],
      p10: [2],
      p90: [9],
      cleaning: { ...cleaning, stockoutDaysImputed: 0, promoDaysAdjusted: 1 },
      analog: { tier: "product", tierValue: "tee", analogCount: 3, scaleSource: "run_rate", earlyWeeks: 2.1 },
    });
    expect(explanation.sentence).toBe(
      "Forecast 5 units/week (P10 2, P90 9) from 3 similar variants of the same product, scaled by its first 2 weeks of sales (new variant); 1 promo day set aside.",
    );
  });

  it("explains a top-down forecast by the group pattern", () => {
    const explanation = explainForecast({
      source: "top_down",
      model: "top_down_profile",
      historyWeeks: 40,
      mean: [1.26],
      p10: [0],
      p90: [3],
      cleaning: null,
      topDown: { groupName: "Tees", groupHistoryWeeks: 150, profileWeight: 0.8 },
    });
    expect(explanation.sentence).toBe("Forecast 1.3 units/week (P10 0, P90 3) from its own level and the Tees group's seasonal pattern (40 weeks of its own history).");
    expect(explanation.reasons.join(" ")).toContain("80% trusted");
  });
});

describe("explainForecast without analogs", () => {
  it("says plainly when there is nothing to borrow from", () => {
    const explanation = explainForecast({
      source: "analog",
      model: "analog",
      historyWeeks: 0,
      mean: [0],
      p10: [0],
      p90: [0],
      analog: { tier: "none", tierValue: "", analogCount: 0, scaleSource: "none", earlyWeeks: 0 },
    });
    expect(explanation.sentence).toBe("Forecast 0 units/week (P10 0, P90 0) with no sales history and no similar variants yet.");
  });
});

describe("explainForecast for a variant that never sold", () => {
  const zeros = [0, 0, 0, 0];
  const input = {
    source: "own_history" as const,
    model: "croston",
    demandClass: "intermittent",
    adi: Infinity,
    cv2: 0,
    backtest: { metric: "mase" as const, origins: 6, ranking: [{ model: "croston", score: 0 }, { model: "sba", score: 0 }] },
    historyWeeks: 52,
    historyUnits: 0,
    mean: zeros,
    p10: zeros,
    p90: zeros,
    cleaning: { ...cleaning, stockoutDaysImputed: 0, promoDaysAdjusted: 0 },
  };

  it("says there were no sales and the forecast is zero instead of comparing 0.00 errors", () => {
    const explanation = explainForecast(input);
    expect(explanation.sentence).toBe("No sales in 52 weeks, so the forecast is zero.");
    expect(explanation.runnerUp).toBeNull();
    expect(explanation.chosenScore).toBeNull();
    expect(explanation.reasons.join(" ")).not.toContain("0.00");
  });

  it("keeps the model comparison when the history had sales", () => {
    expect(explainForecast({ ...input, historyUnits: 3 }).sentence).toContain("chosen over Croston-SBA (error 0.00 vs 0.00)");
  });
});
