import { describe, expect, it } from "vitest";
import { DEFAULT_PLAN_SETTINGS, readPlanSettings, validatePlanSettings } from "../../../../app/engine/plan/plan-settings";

describe("plan settings", () => {
  it("reads missing or broken stored settings as the defaults, group by group", () => {
    expect(readPlanSettings(null)).toEqual(DEFAULT_PLAN_SETTINGS);
    const stored = readPlanSettings({ serviceLevels: { A: 99, B: 96, C: 91 }, horizonWeeks: "soon", reviewDays: 14 });
    expect(stored.serviceLevels).toEqual({ A: 99, B: 96, C: 91 });
    expect(stored.horizonWeeks).toBe(26);
    expect(stored.reviewDays).toBe(14);
  });

  it("names each invalid field with a message a merchant understands", () => {
    const result = validatePlanSettings({
      ...DEFAULT_PLAN_SETTINGS,
      serviceLevels: { A: 120, B: 95, C: 30 },
      abcCutoffs: { a: 96, b: 95 },
      defaultLeadTimeDays: 2.5,
      openToBuy: { "2026-13": 100, "2027-01": -5 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors["serviceLevels.A"]).toBe("Service level for A items must be at most 99.9%");
    expect(result.errors["serviceLevels.C"]).toBe("Service level for C items must be at least 50%");
    expect(result.errors["abcCutoffs.b"]).toBe("The A cut-off must be below the B cut-off");
    expect(result.errors["defaultLeadTimeDays"]).toBe("Default lead time must be a whole number of days");
    expect(result.errors["openToBuy.2027-01"]).toBe("A budget cannot be negative");
    expect(Object.keys(result.errors).some((key) => key.startsWith("openToBuy"))).toBe(true);
  });

  it("says an empty or non-numeric field is needed by the field's name, never the validator's words", () => {
    const result = validatePlanSettings({ ...DEFAULT_PLAN_SETTINGS, horizonWeeks: "", reviewDays: "soon", abcCutoffs: { a: "", b: 95 }, overstockWeeks: 2, defaultLeadTimeDays: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      horizonWeeks: "The planning horizon is required",
      reviewDays: "Review period must be a number",
      "abcCutoffs.a": "The A cut-off is required",
      overstockWeeks: "The overstock limit must be at least 4 weeks",
      defaultLeadTimeDays: "Default lead time must be at least 1 day",
    });
    expect(Object.values(result.errors).join(" ")).not.toMatch(/Invalid input|expected/);
  });

  it("lists alerts from an amount of money at risk that cannot be negative", () => {
    expect(DEFAULT_PLAN_SETTINGS.alertSummaryBelow).toBe(25);
    expect(validatePlanSettings({ ...DEFAULT_PLAN_SETTINGS, alertSummaryBelow: 0 })).toMatchObject({ ok: true, settings: { alertSummaryBelow: 0 } });
    expect(validatePlanSettings({ ...DEFAULT_PLAN_SETTINGS, alertSummaryBelow: -5 })).toEqual({ ok: false, errors: { alertSummaryBelow: "The amount alerts are listed from cannot be negative" } });
    expect(validatePlanSettings({ ...DEFAULT_PLAN_SETTINGS, alertSummaryBelow: "" })).toEqual({ ok: false, errors: { alertSummaryBelow: "The amount alerts are listed from is required" } });
    // A stored row from before the setting existed reads the default.
    expect(readPlanSettings({ deadStockDays: 60 }).alertSummaryBelow).toBe(25);
  });

  it("accepts the defaults", () => {
    expect(validatePlanSettings(DEFAULT_PLAN_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_PLAN_SETTINGS });
  });
});
