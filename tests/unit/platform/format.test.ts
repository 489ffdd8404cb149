import { describe, expect, it } from "vitest";
import { formatCount, formatDay, formatMoment, formatMoney, formatWeeksOfSupply } from "~/platform/format";

describe("shop formatting", () => {
  it("writes money in the shop's currency with that currency's decimals, in the merchant's locale", () => {
    expect(formatMoney(1234.5, { locale: "en-US", currencyCode: "USD", timezone: "UTC" })).toBe("$1,234.50");
    expect(formatMoney(1234.5, { locale: "de-DE", currencyCode: "EUR", timezone: "UTC" })).toBe("1.234,50\u00a0€");
    expect(formatMoney(12.345, { locale: "en-US", currencyCode: "KWD", timezone: "UTC" })).toBe("KWD\u00a012.345");
    expect(formatMoney(1234, { locale: "ja-JP", currencyCode: "JPY", timezone: "UTC" })).toBe("￥1,234");
    expect(formatMoney(null, { locale: "en-US", currencyCode: "USD", timezone: "UTC" })).toBe("—");
  });

  it("writes plan days without shifting them, and moments in the shop's time zone", () => {
    expect(formatDay("2027-01-12", { locale: "en-US" })).toBe("Jan 12");
    expect(formatDay("2027-01-12", { locale: "en-GB" }, { year: true })).toBe("12 Jan 2027");
    // 23:30 UTC on 1 Dec is already 2 Dec in Sydney.
    expect(formatMoment("2026-12-01T23:30:00Z", { locale: "en-GB", currencyCode: "AUD", timezone: "Australia/Sydney" })).toBe("2 Dec, 10:30");
  });

  it("rounds weeks of supply for reading", () => {
    expect(formatWeeksOfSupply(3.14, { locale: "en-US" })).toBe("3.1 wk");
    expect(formatWeeksOfSupply(14.6, { locale: "en-US" })).toBe("15 wk");
    expect(formatWeeksOfSupply(80, { locale: "en-US" })).toBe("52+ wk");
    expect(formatWeeksOfSupply(null, { locale: "en-US" })).toBe("—");
  });

  it("counts with the noun's singular only for exactly one", () => {
    expect(formatCount(1, "variant", { locale: "en-US" })).toBe("1 variant");
    expect(formatCount(0, "variant", { locale: "en-US" })).toBe("0 variants");
    expect(formatCount(2310, "variant", { locale: "en-US" })).toBe("2,310 variants");
    expect(formatCount(3, "wave", { locale: "de-DE" }, "waves")).toBe("3 waves");
  });
});
