import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_THRESHOLDS, evaluateAlerts, type AlertInput } from "../../../../app/engine/alerts";

function input(overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    asOf: "2026-12-01",
    available: 40,
    onHand: 42,
    onOrder: 0,
    unitCost: 10,
    unitPrice: 30,
    reorderPoint: 20,
    leadTimeDays: 28,
    reviewDays: 7,
    weeklyRate: 10,
    weeksOfSupply: 4,
    stockoutDate: null,
    orderByDate: null,
    nextInbound: null,
    unitsShort: 0,
    unitsShortWithinProtection: 0,
    unitsBeyondOverstockWeeks: 0,
    lastSaleDate: "2026-11-30",
    sellingSince: "2025-01-01",
    horizonWeeks: 26,
    thresholds: DEFAULT_ALERT_THRESHOLDS,
    formatMoney: (amount) => `$${Math.round(amount)}`,
    ...overrides,
  };
}

describe("evaluateAlerts", () => {
  it("raises nothing for a healthy variant", () => {
    expect(evaluateAlerts(input())).toEqual([]);
  });

  it("raises stockout risk when stock runs out before the next delivery, with revenue at risk", () => {
    const [alert, ...rest] = evaluateAlerts(
      input({ stockoutDate: "2026-12-29", orderByDate: "2026-12-01", unitsShort: 300, unitsShortWithinProtection: 120, nextInbound: { date: "2027-01-10", units: 50, label: "PO-1002" } }),
    );
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: "STOCKOUT_RISK", severity: "HIGH", valueAtRisk: 3600 });
    expect(alert!.reason).toBe("Runs out on 29 Dec, before the next delivery (PO-1002, 10 Jan): ~120 units ($3600) of demand unmet in the next 5 weeks. An order placed today arrives 29 Dec.");
    expect(alert!.facts).toMatchObject({ stockoutDate: "2026-12-29", daysToStockout: 28, nextInboundDate: "2027-01-10" });
  });

  it("raises no stockout risk when a delivery lands first, and grades severity by how soon", () => {
    expect(evaluateAlerts(input({ stockoutDate: "2026-12-29", nextInbound: { date: "2026-12-20", units: 50, label: "PO-1" } }))).toEqual([]);
    expect(evaluateAlerts(input({ stockoutDate: "2026-12-05", orderByDate: "2026-11-07" }))[0]?.severity).toBe("CRITICAL");
    expect(evaluateAlerts(input({ stockoutDate: "2027-01-10", orderByDate: "2026-12-13" }))[0]?.severity).toBe("MEDIUM");
    // Months away, with time to order: the normal reorder cycle, not an alert.
    expect(evaluateAlerts(input({ stockoutDate: "2027-04-10", orderByDate: "2027-03-13" }))).toEqual([]);
  });

  it("raises below reorder point only when no stockout risk already covers it", () => {
    expect(evaluateAlerts(input({ available: 15 })).map((a) => a.kind)).toEqual(["BELOW_REORDER_POINT"]);
    expect(evaluateAlerts(input({ available: 15, stockoutDate: "2026-12-20", orderByDate: "2026-11-22" })).map((a) => a.kind)).toEqual(["STOCKOUT_RISK"]);
    expect(evaluateAlerts(input({ available: 15, onOrder: 10 })).map((a) => a.kind)).toEqual([]);
  });

  it("flags overstock beyond the limit with its value at cost", () => {
    const [alert] = evaluateAlerts(input({ available: 500, onHand: 500, weeksOfSupply: 50, unitsBeyondOverstockWeeks: 240 }));
    expect(alert).toMatchObject({ kind: "OVERSTOCK", severity: "LOW", valueAtRisk: 2400 });
    expect(alert!.reason).toBe("500 available lasts 50 weeks, over the 26-week limit: ~240 units ($2400 at cost) beyond it.");
  });

  it("flags dead stock instead of overstock when nothing sold for the threshold", () => {
    const alerts = evaluateAlerts(input({ available: 30, onHand: 30, weeklyRate: 0, weeksOfSupply: null, unitsBeyondOverstockWeeks: 30, lastSaleDate: "2026-07-01" }));
    expect(alerts.map((a) => a.kind)).toEqual(["DEAD_STOCK"]);
    expect(alerts[0]!.reason).toBe("No sale in 153 days (last on 1 Jul) with 30 on hand, $300 at cost.");
    // A variant that is new is not dead stock yet.
    expect(evaluateAlerts(input({ onHand: 30, lastSaleDate: null, sellingSince: "2026-11-01", weeklyRate: 0, weeksOfSupply: null })).map((a) => a.kind)).toEqual([]);
  });

  it("stays quiet below the reorder point when the plan already proposes the reorder", () => {
    expect(evaluateAlerts(input({ available: 15 })).map((a) => a.kind)).toEqual(["BELOW_REORDER_POINT"]);
    expect(evaluateAlerts(input({ available: 15, reorderProposed: true }))).toEqual([]);
    // A stockout is still news beside a proposal: the proposal may not land in time.
    expect(evaluateAlerts(input({ available: 15, stockoutDate: "2026-12-05", orderByDate: "2026-11-22", reorderProposed: true })).map((a) => a.kind)).toEqual(["STOCKOUT_RISK"]);
  });

  it("raises one alert per variant-location, the most severe, where two conditions hold", () => {
    // Runs out within the week (critical) and, from a stale sale date, dead stock (low): one line.
    const both = evaluateAlerts(input({ available: 3, onHand: 3, stockoutDate: "2026-12-04", orderByDate: "2026-11-10", lastSaleDate: "2026-08-01" }));
    expect(both.map((a) => [a.kind, a.severity])).toEqual([["STOCKOUT_RISK", "CRITICAL"]]);
    // Below the reorder point (medium) and long unsold (medium after twice the dead-stock days): the money at risk decides.
    const tie = evaluateAlerts(input({ available: 15, onHand: 15, lastSaleDate: "2026-05-01" }));
    expect(tie.map((a) => a.kind)).toEqual(["DEAD_STOCK"]);
  });
});
