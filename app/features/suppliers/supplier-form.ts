/** A supplier form read by the same fields and rules as the suppliers file, so the two can never disagree. */
import { readFields, SUPPLIER_FIELDS, type SupplierFields } from "~/engine/proposals/terms-fields";

export function readSupplierForm(form: FormData): { ok: true; fields: SupplierFields } | { ok: false; errors: Record<string, string> } {
  const cells = Object.fromEntries(
    Object.values(SUPPLIER_FIELDS).map((f) => {
      const typed = String(form.get(f.column) ?? "").trim();
      return [f.column, f.fromForm ? f.fromForm(typed) : typed];
    }),
  );
  const { values, errors } = readFields(SUPPLIER_FIELDS, cells);
  if (errors.length > 0) return { ok: false, errors: Object.fromEntries(errors.map((e) => [e.column, e.message])) };
  return { ok: true, fields: values as SupplierFields };
}
