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

  it("accepts the defaults", () => {
    expect(validatePlanSettings(DEFAULT_PLAN_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_PLAN_SETTINGS });
  });
});
