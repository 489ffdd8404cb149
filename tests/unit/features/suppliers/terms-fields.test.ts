import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { fieldCells, readFields, SUPPLIER_FIELDS, VARIANT_TERMS_FIELDS, VARIANT_TERMS_KEYS, type SupplierFields } from "~/engine/proposals/terms-fields";
import { readSupplierForm } from "~/features/suppliers/supplier-form";
import { readSuppliersCsv, readVariantTermsCsv, suppliersTemplate, variantTermsTemplate } from "~/features/suppliers/terms-csv";

const columns = (fields: Record<string, { column: string }>) => Object.values(fields).map((f) => f.column);
const header = (csv: string) => (parse(csv) as string[][])[0];
const formOf = (cells: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(cells)) data.set(k, v);
  return data;
};

const pacific: SupplierFields = { name: "Pacific Mills", contactEmail: "orders@pm.example", currencyCode: "EUR", leadTimeDays: 35, leadTimeSdDays: 4.5, orderCycleDays: 14, moqUnits: 24, moqValue: 500.5, casePack: 6, vendorNames: ["Pacific Mills", "PM Textiles"] };

describe("one list of supplier fields drives the form, the file and the template", () => {
  it("the templates' headers are the fields' columns, in order", () => {
    expect(header(suppliersTemplate())).toEqual(columns(SUPPLIER_FIELDS));
    expect(header(variantTermsTemplate())).toEqual([...columns(VARIANT_TERMS_KEYS), ...columns(VARIANT_TERMS_FIELDS)]);
  });

  it("the form and the file read exactly the fields, to the same values", () => {
    const form = readSupplierForm(formOf(fieldCells(SUPPLIER_FIELDS, pacific, "form")));
    expect(form).toEqual({ ok: true, fields: pacific });
    expect(Object.keys(form.ok ? form.fields : {}).sort()).toEqual(Object.keys(SUPPLIER_FIELDS).sort());

    const cells = fieldCells(SUPPLIER_FIELDS, pacific);
    const file = readSuppliersCsv(`${Object.keys(cells).join(",")}\n${Object.values(cells).map((v) => `"${v}"`).join(",")}\n`);
    expect(file).toEqual({ ok: true, rows: [{ line: 2, ...pacific }] });

    // A column the fields do not name is refused, and the message lists the fields' columns.
    const extra = readSuppliersCsv("name,colour\nA,red\n");
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.errors[0]?.message).toBe(`Unknown column "colour". Expected: ${columns(SUPPLIER_FIELDS).join(", ")}.`);
  });

  it("a variant-terms row reads the fields' values", () => {
    const lookup = { variantIds: new Set([7n]), variantsBySku: new Map([["a-1", [7n]]]), supplierIds: new Map([["pacific mills", 1]]) };
    const result = readVariantTermsCsv(`${columns(VARIANT_TERMS_KEYS).join(",")},${columns(VARIANT_TERMS_FIELDS).join(",")}\nA-1,,Pacific Mills,2.5,10,3,4\n`, lookup);
    expect(result).toEqual({ ok: true, rows: [{ line: 2, variantId: 7n, supplierName: "Pacific Mills", unitCost: 2.5, leadTimeDays: 10, moqUnits: 3, casePack: 4 }] });
  });

  it("the form and the file give the same message for the same bad value", () => {
    const bad = { lead_time_days: "ten", moq_value: "$5", contact_email: "nope", currency: "ZZZ", case_pack: "0" };
    const form = readSupplierForm(formOf({ name: "A", ...bad }));
    const file = readSuppliersCsv(`name,${Object.keys(bad).join(",")}\nA,${Object.values(bad).join(",")}\n`);
    expect(form.ok || file.ok).toBe(false);
    if (form.ok || file.ok) return;
    expect(Object.fromEntries(file.errors.map((e) => [e.column, e.message]))).toEqual(form.errors);
    expect(Object.keys(form.errors).sort()).toEqual(Object.keys(bad).sort());
  });

  it("never hands a merchant zod's own wording, whatever is typed", () => {
    const junk = ["x", "-1", "1e999", "1.5.2", "99999999999999999999", "gid://shopify/Product/1", "a".repeat(300), "NaN", "Infinity", "0x10", " | | "];
    for (const fields of [SUPPLIER_FIELDS, VARIANT_TERMS_KEYS, VARIANT_TERMS_FIELDS]) {
      for (const f of Object.values(fields)) {
        for (const value of junk) {
          for (const error of readFields(fields, { [f.column]: value }).errors) {
            expect(error.message, `${f.column}=${value}`).not.toMatch(/Invalid input|expected|received|Too (big|small)/i);
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
        // Not even text (a bug upstream): still a sentence about the field.
        const odd = readFields(fields, { [f.column]: 5 as unknown as string }).errors.find((e) => e.column === f.column);
        expect(odd?.message, f.column).toMatch(/^"5" is not a valid |^Give the supplier a name\.$/);
      }
    }
  });
});
