import { describe, expect, expectTypeOf, it } from "vitest";
import type { ProductStockOutlook } from "~/features/product-outlook/outlook.server";
import { appHref, failureView, formatDay, outlookView, productNumericId, type LocationReply, type OutlookReply, type VariantReply } from "../../../extensions/product-stock-outlook/src/outlook-view";

function location(overrides: Partial<LocationReply> = {}): LocationReply {
  return { locationName: "Warehouse", weeksOfSupply: 6.04, projectedStockoutDate: "2027-01-20", orderByDate: "2026-12-20", leadTimeDays: 21, proposal: null, ...overrides };
}

function variant(overrides: Partial<VariantReply> & { locations?: LocationReply[] } = {}): VariantReply {
  const locations = overrides.locations ?? [location()];
  const first = [...locations].filter((l) => l.projectedStockoutDate).sort((a, b) => (a.projectedStockoutDate ?? "").localeCompare(b.projectedStockoutDate ?? ""))[0];
  return {
    variantId: "4001",
    title: "M / Sand",
    sku: "LIN-M-SND",
    link: "/app/variants/4001",
    planned: locations.length > 0,
    total: {
      available: 38,
      inbound: 1200,
      weeksOfSupply: locations.some((l) => l.weeksOfSupply !== null) ? Math.min(...locations.flatMap((l) => (l.weeksOfSupply === null ? [] : [l.weeksOfSupply]))) : null,
      projectedStockoutDate: first?.projectedStockoutDate ?? null,
      stockoutLocationName: first?.locationName ?? null,
      proposedUnits: 0,
    },
    ...overrides,
    locations,
  };
}

const ready = (variants: VariantReply[]): OutlookReply => ({ state: "ready", productId: "3001", productTitle: "Linen shirt", asOf: "2026-12-01", variants });

describe("the block's view of Tempo's answer", () => {
  it("matches what the backend sends (a compile-time contract)", () => {
    expectTypeOf<ProductStockOutlook>().toExtend<OutlookReply>();
  });

  it("shows weeks of supply, the stockout date and a link into the variant page", () => {
    const view = outlookView(ready([variant()]));
    expect(view).toEqual({
      kind: "table",
      asOf: "From Tempo's plan of Dec 1, 2026",
      summary: "1 variant · first stockout Jan 20, 2027 (M / Sand)",
      rows: [
        {
          variantId: "4001",
          title: "M / Sand",
          sku: "LIN-M-SND",
          available: "38",
          inbound: "+1,200 inbound",
          weeks: "6.0 weeks",
          stockout: "Jan 20, 2027",
          stockoutTone: "neutral",
          stockoutWhere: "",
          proposals: [],
          href: "app:app/variants/4001",
        },
      ],
    });
  });

  it("marks a stockout before an order placed today could arrive as critical, a passed order-by date as a warning", () => {
    const critical = outlookView(ready([variant({ locations: [location({ projectedStockoutDate: "2026-12-15", leadTimeDays: 21 })] })]));
    const warning = outlookView(ready([variant({ locations: [location({ projectedStockoutDate: "2027-01-10", orderByDate: "2026-11-28" })] })]));
    const safe = outlookView(ready([variant({ locations: [location({ projectedStockoutDate: null, weeksOfSupply: 30 })] })]));
    expect(critical.kind === "table" && critical.rows[0]?.stockoutTone).toBe("critical");
    expect(critical.kind === "table" && critical.summary).toBe("1 variant · first stockout Dec 15, 2026 (M / Sand) · 1 sells out before a new order could arrive");
    expect(warning.kind === "table" && warning.rows[0]?.stockoutTone).toBe("warning");
    expect(safe.kind === "table" && [safe.rows[0]?.stockout, safe.rows[0]?.stockoutTone, safe.summary]).toEqual(["None projected", "success", "1 variant · no stockout projected"]);
  });

  it("names the location of the first stockout and of each proposal when several are planned", () => {
    const view = outlookView(
      ready([
        variant({
          locations: [
            location({ locationName: "Flagship store", projectedStockoutDate: "2026-12-24", proposal: { status: "APPROVED", quantity: 1500, orderByDate: "2026-12-03", expectedArrivalDate: "2026-12-24" } }),
            location({ locationName: "Warehouse", proposal: { status: "PROPOSED", quantity: 80, orderByDate: "2026-12-20", expectedArrivalDate: "2027-01-10" } }),
          ],
        }),
      ]),
    );
    const row = view.kind === "table" ? view.rows[0] : undefined;
    expect(row?.stockoutWhere).toBe("at Flagship store");
    expect(row?.proposals).toEqual([
      { status: "Approved", tone: "success", detail: "1,500 units, order by Dec 3", where: "Flagship store" },
      { status: "Proposed", tone: "info", detail: "80 units, order by Dec 20", where: "Warehouse" },
    ]);
  });

  it("says when a variant does not sell or is not in the plan", () => {
    const view = outlookView(
      ready([
        variant({ variantId: "1", locations: [location({ weeksOfSupply: null, projectedStockoutDate: null })] }),
        variant({ variantId: "2", sku: null, locations: [] }),
      ]),
    );
    const rows = view.kind === "table" ? view.rows : [];
    expect(rows.map((r) => [r.weeks, r.stockout, r.sku, r.available, r.inbound])).toEqual([
      ["Not selling", "None projected", "LIN-M-SND", "38", "+1,200 inbound"],
      ["Not planned", "None projected", "", "—", ""],
    ]);
  });

  it("explains the empty states", () => {
    expect(outlookView({ state: "no-plan", productId: "1" })).toMatchObject({ kind: "message", title: "Tempo is still building the first plan" });
    expect(outlookView({ state: "unknown-product", productId: "1" })).toMatchObject({ kind: "message", title: "Tempo has not imported this product yet" });
    expect(outlookView(ready([]))).toMatchObject({ kind: "message", title: "No variants to plan" });
  });

  it("words failures for a merchant", () => {
    expect(failureView(401, "")).toMatchObject({ tone: "warning", title: "Open Tempo once to connect it" });
    expect(failureView(500, "database down")).toEqual({ kind: "message", tone: "critical", title: "Stock outlook unavailable", body: "Tempo answered 500: database down" });
    expect(failureView(null, "Failed to fetch")).toMatchObject({ body: "Tempo could not be reached: Failed to fetch" });
  });
});

describe("small helpers", () => {
  it("formats calendar days without a time zone shift", () => {
    expect(formatDay("2026-01-01")).toBe("Jan 1, 2026");
    expect(formatDay("2026-12-31")).toBe("Dec 31, 2026");
    expect(formatDay("2026-12-31", false)).toBe("Dec 31");
    expect(formatDay("not a day")).toBe("not a day");
  });

  it("reads the product id from the selected gid only", () => {
    expect(productNumericId("gid://shopify/Product/3001")).toBe("3001");
    expect(productNumericId("gid://shopify/ProductVariant/3001")).toBeNull();
    expect(productNumericId(undefined)).toBeNull();
  });

  it("links app pages with the app: protocol", () => {
    expect(appHref("/app/variants/4001")).toBe("app:app/variants/4001");
  });
});
