import { describe, expect, it } from "vitest";
import { readPromotionForm } from "~/features/promotions/promotion-form";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) data.append(k, value);
  return data;
}

describe("promotion form", () => {
  it("reads a good form, keeping only the selection rules used", () => {
    const result = readPromotionForm(form({ name: " Winter sale ", startsOn: "2026-12-10", endsOn: "2026-12-14", discountPct: "25", channel: "all", productTypes: ["Sweatshirts", "Outerwear"], upliftOverride: "" }));
    expect(result).toEqual({
      ok: true,
      fields: { name: "Winter sale", startsOn: "2026-12-10", endsOn: "2026-12-14", discountPct: 25, channel: null, selection: { productTypes: ["Sweatshirts", "Outerwear"] }, upliftOverride: null },
    });
  });

  it("names every bad field", () => {
    const result = readPromotionForm(form({ name: "", startsOn: "2026-12-10", endsOn: "2026-12-01", discountPct: "95", upliftOverride: "lots" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: "Give the promotion a name",
      discountPct: "Discount must be at most 90%",
      upliftOverride: "The multiplier must be a number",
    });
  });

  it("says an empty discount is required rather than not a number", () => {
    const result = readPromotionForm(form({ name: "X", startsOn: "2026-12-10", endsOn: "2026-12-12", discountPct: "", everything: "on" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ discountPct: "Discount is required" });
  });

  it("refuses an end before the start, and a promotion without products", () => {
    const result = readPromotionForm(form({ name: "X", startsOn: "2026-12-10", endsOn: "2026-12-01", discountPct: "20" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.endsOn).toBe("The promotion must end on or after its start");
    expect(result.errors.selection).toBe("Pick the products: every product, or by type, vendor, collection, tag or product");
  });
});
