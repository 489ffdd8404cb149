import { describe, expect, it } from "vitest";
import { readSuppliersCsv, readVariantTermsCsv, suppliersTemplate, variantTermsTemplate, type CatalogueLookup } from "~/features/suppliers/terms-csv";

describe("readSuppliersCsv", () => {
  it("reads a good file, with blank lines, spaced headers and vendor lists", () => {
    const text = "Name,Contact Email,currency,lead_time_days,case_pack,vendors\n\nPacific Mills,orders@pm.example,usd,35,6,Pacific Mills|PM Textiles\nAtlas,,,,,\n";
    const result = readSuppliersCsv(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toEqual([
      { line: 3, name: "Pacific Mills", contactEmail: "orders@pm.example", currencyCode: "USD", leadTimeDays: 35, leadTimeSdDays: null, orderCycleDays: null, moqUnits: null, moqValue: null, casePack: 6, vendorNames: ["Pacific Mills", "PM Textiles"] },
      { line: 4, name: "Atlas", contactEmail: null, currencyCode: null, leadTimeDays: null, leadTimeSdDays: null, orderCycleDays: null, moqUnits: null, moqValue: null, casePack: null, vendorNames: [] },
    ]);
  });

  it("names the line, the column and the value of every bad cell", () => {
    const text = "name,lead_time_days,currency,contact_email,moq_value\nGood,10,EUR,a@b.example,12.5\nBad,ten,XYZ,not-an-email,$500\n,5,,,\ngood,3,,,\n";
    const result = readSuppliersCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { line: 3, column: "contact_email", value: "not-an-email", message: '"not-an-email" is not an e-mail address.' },
      { line: 3, column: "currency", value: "XYZ", message: '"XYZ" is not an ISO 4217 currency code (e.g. USD, EUR, KWD).' },
      { line: 3, column: "lead_time_days", value: "ten", message: '"ten" is not a whole number.' },
      { line: 3, column: "moq_value", value: "$500", message: '"$500" is not a number (use a dot for decimals, no currency sign).' },
      // The form's message: one rule, one message, wherever the name is typed.
      { line: 4, column: "name", value: "", message: "Give the supplier a name." },
      { line: 5, column: "name", value: "good", message: '"good" is already on line 2.' },
    ]);
  });

  it("refuses a file that is not CSV, has no name column, or has unknown columns", () => {
    const broken = readSuppliersCsv('name,vendors\n"Pacific Mills,unterminated\n');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]?.message).toMatch(/^The file is not valid CSV: /);
    const noName = readSuppliersCsv("supplier,lead_time_days\nA,3\n");
    expect(noName.ok).toBe(false);
    if (!noName.ok) expect(noName.errors.map((e) => e.message)).toEqual(['The header has no "name" column.', expect.stringMatching(/^Unknown column "supplier"/)]);
    const empty = readSuppliersCsv("");
    expect(empty.ok).toBe(false);
  });

  it("the template reads back cleanly", () => {
    expect(readSuppliersCsv(suppliersTemplate()).ok).toBe(true);
  });
});

describe("readVariantTermsCsv", () => {
  const lookup: CatalogueLookup = {
    variantIds: new Set([101n, 102n, 103n]),
    variantsBySku: new Map([
      ["ts-blk-m", [101n]],
      ["dup", [102n, 103n]],
    ]),
    supplierIds: new Map([["pacific mills", 7]]),
  };

  it("finds variants by SKU (any case) or by id or GID, and suppliers by name", () => {
    const result = readVariantTermsCsv("sku,variant_id,supplier,unit_cost,case_pack\nTS-BLK-M,,Pacific Mills,9.40,12\n,gid://shopify/ProductVariant/102,,3,\n", lookup);
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, variantId: 101n, supplierName: "Pacific Mills", unitCost: 9.4, leadTimeDays: null, moqUnits: null, casePack: 12 },
        { line: 3, variantId: 102n, supplierName: null, unitCost: 3, leadTimeDays: null, moqUnits: null, casePack: null },
      ],
    });
  });

  it("reports unknown, ambiguous and repeated variants and unknown suppliers", () => {
    const result = readVariantTermsCsv("sku,variant_id,supplier,case_pack\nnope,,,\ndup,,,\n,999,,\nTS-BLK-M,,Nobody,0\n,101,,\n", lookup);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, "sku", 'No variant with SKU "nope" in this shop.'],
      [3, "sku", '2 variants share SKU "dup": use variant_id instead.'],
      [4, "variant_id", "No variant 999 in this shop."],
      [5, "supplier", 'No supplier named "Nobody": import it in the suppliers file first, or fix the spelling.'],
      [5, "case_pack", "0 is outside 1–100000."],
      [6, "variant_id", "This variant is already on line 5."],
    ]);
  });

  it("the template names a SKU the lookup may not know, but parses", () => {
    const result = readVariantTermsCsv(variantTermsTemplate(), { ...lookup, variantsBySku: new Map([["ts-everyday-blk-m", [101n]]]) });
    expect(result.ok).toBe(true);
  });
});
