import { describe, expect, it } from "vitest";
import { formatDay, formatMonth, formatRate, formatWeeks } from "../../../app/engine/wording";

describe("the core's wording", () => {
  it("writes days without the year when it is near the plan date", () => {
    expect(formatDay("2027-01-12", "2026-12-01")).toBe("12 Jan");
    expect(formatDay("2028-01-12", "2026-12-01")).toBe("12 Jan 2028");
    expect(formatMonth("2026-12")).toBe("Dec 2026");
  });

  it("writes spans and rates a merchant reads at a glance", () => {
    expect(formatWeeks(3.14)).toBe("3.1 weeks");
    expect(formatWeeks(1)).toBe("1 week");
    expect(formatWeeks(60)).toBe("over 52 weeks");
    expect(formatRate(14.2)).toBe("~14/wk");
    expect(formatRate(0.2)).toBe("~1 every 5 weeks");
    expect(formatRate(0.001)).toBe("under 1 a year");
    expect(formatRate(0)).toBe("no sales forecast");
  });
});
