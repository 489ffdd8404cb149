import { describe, expect, it } from "vitest";
import { capAlertChanges, promotionCapAlert, type CapProgress } from "~/engine/alerts/promotion-cap";

const progress: CapProgress = { promotionId: 7, promotionName: "Holiday Sale", discountId: "901", variantId: "4001", productTitle: "Linen shirt", variantTitle: "M / Sand", capUnits: 40, unitsSold: 41 };

describe("promotionCapAlert", () => {
  it("names the product, the variant and the promotion, with the cap and what sold", () => {
    expect(promotionCapAlert(progress)).toEqual({
      kind: "PROMOTION_CAP_REACHED",
      severity: "HIGH",
      reason: 'Linen shirt / M / Sand sold 41 units in "Holiday Sale", its cap of 40: end the discount on it to keep the rest of its stock for later demand.',
      facts: { promotionId: 7, promotionName: "Holiday Sale", discountId: "901", capUnits: 40, unitsSold: 41 },
      valueAtRisk: null,
      promotionId: 7,
      variantId: "4001",
    });
    expect(promotionCapAlert({ ...progress, variantTitle: "Default Title", capUnits: 1200, unitsSold: 1200 })?.reason).toMatch(/^Linen shirt sold 1,200 units in "Holiday Sale", its cap of 1,200:/);
    expect(promotionCapAlert({ ...progress, unitsSold: 39 })).toBeNull();
  });
});

describe("capAlertChanges", () => {
  const open = { id: 1, promotionId: 7, variantId: "4001", capUnits: 40 };

  it("opens a reached cap once, and refreshes it after", () => {
    expect(capAlertChanges([], [progress]).open.map((c) => [c.promotionId, c.variantId])).toEqual([[7, "4001"]]);
    const again = capAlertChanges([open], [{ ...progress, unitsSold: 45 }]);
    expect(again.open).toEqual([]);
    expect(again.refresh.map((r) => [r.id, r.candidate.facts.unitsSold])).toEqual([[1, 45]]);
    expect(again.resolve).toEqual([]);
  });

  it("keeps one alert per promotion: the same variant capped in another promotion opens its own", () => {
    expect(capAlertChanges([open], [progress, { ...progress, promotionId: 8 }]).open.map((c) => c.promotionId)).toEqual([8]);
  });

  it("resolves when the promotion is no longer live (or was deleted), or the cap is raised above what sold", () => {
    expect(capAlertChanges([open, { ...open, id: 2, promotionId: null }], []).resolve).toEqual([1, 2]);
    expect(capAlertChanges([open], [{ ...progress, capUnits: 60 }]).resolve).toEqual([1]);
  });

  it("stays open when a refund dips sales below the same cap, so Flow is not told twice", () => {
    const changes = capAlertChanges([open], [{ ...progress, unitsSold: 38 }]);
    expect(changes).toEqual({ open: [], refresh: [], resolve: [] });
  });
});
