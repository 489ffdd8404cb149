/** A supplier form read with the same rules as the suppliers file, so the two can never disagree. */
import type { SupplierFields } from "~/features/suppliers/queries/suppliers.server";
import { RowReader, type CsvCellError } from "~/platform/csv-table";

export const SUPPLIER_FORM_FIELDS = ["name", "contact_email", "currency", "lead_time_days", "lead_time_sd_days", "order_cycle_days", "moq_units", "moq_value", "case_pack", "vendors"] as const;

export function readSupplierForm(form: FormData): { ok: true; fields: SupplierFields } | { ok: false; errors: Record<string, string> } {
  const cells = Object.fromEntries(SUPPLIER_FORM_FIELDS.map((name) => [name, String(form.get(name) ?? "").trim()]));
  // Vendors are typed as a comma-separated list in the form; the reader takes "|".
  cells.vendors = (cells.vendors ?? "").replace(/,/g, "|");
  const problems: CsvCellError[] = [];
  const read = new RowReader({ line: 0, cells }, problems);
  const fields: SupplierFields = {
    name: read.text("name", { required: true, maxLength: 120 }) ?? "",
    contactEmail: read.email("contact_email"),
    currencyCode: read.currency("currency"),
    leadTimeDays: read.integer("lead_time_days", 1, 365),
    leadTimeSdDays: read.decimal("lead_time_sd_days", 0, 180),
    orderCycleDays: read.integer("order_cycle_days", 1, 180),
    moqUnits: read.integer("moq_units", 0, 1_000_000),
    moqValue: read.decimal("moq_value", 0, 1e12),
    casePack: read.integer("case_pack", 1, 100_000),
    vendorNames: read.list("vendors"),
  };
  if (problems.length > 0) return { ok: false, errors: Object.fromEntries(problems.map((p) => [p.column ?? "form", p.message.replace(/^name is required\.$/, "Give the supplier a name.")])) };
  return { ok: true, fields };
}
