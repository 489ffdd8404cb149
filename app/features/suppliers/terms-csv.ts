/**
 * The two buying-terms files a merchant can import: suppliers, and per-variant overrides.
 * Reading validates every row against the shop's catalogue and suppliers and collects every
 * problem; writing is the importer's, and happens only when nothing was wrong.
 */
import { stringify } from "csv-stringify/sync";
import { readCsvTable, RowReader, type CsvCellError } from "~/platform/csv-table";

export const SUPPLIER_COLUMNS = {
  required: ["name"],
  optional: ["contact_email", "currency", "lead_time_days", "lead_time_sd_days", "order_cycle_days", "moq_units", "moq_value", "case_pack", "vendors"],
} as const;

export const VARIANT_TERMS_COLUMNS = {
  required: [],
  optional: ["sku", "variant_id", "supplier", "unit_cost", "lead_time_days", "moq_units", "case_pack"],
} as const;

export interface SupplierRow {
  line: number;
  name: string;
  contactEmail: string | null;
  currencyCode: string | null;
  leadTimeDays: number | null;
  leadTimeSdDays: number | null;
  orderCycleDays: number | null;
  moqUnits: number | null;
  moqValue: number | null;
  casePack: number | null;
  vendorNames: string[];
}

export interface VariantTermsRow {
  line: number;
  variantId: bigint;
  supplierName: string | null;
  unitCost: number | null;
  leadTimeDays: number | null;
  moqUnits: number | null;
  casePack: number | null;
}

export type ReadResult<T> = { ok: true; rows: T[] } | { ok: false; errors: CsvCellError[] };

export function readSuppliersCsv(text: string): ReadResult<SupplierRow> {
  const table = readCsvTable(text, SUPPLIER_COLUMNS);
  if (!table.ok) return table;
  const errors: CsvCellError[] = [];
  const seen = new Map<string, number>();
  const rows: SupplierRow[] = [];
  for (const row of table.rows) {
    const read = new RowReader(row, errors);
    const name = read.text("name", { required: true, maxLength: 120 });
    if (name !== null) {
      const key = name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) read.reject("name", `"${name}" is already on line ${first}.`);
      else seen.set(key, row.line);
    }
    const supplier = {
      line: row.line,
      name: name ?? "",
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
    rows.push(supplier);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

export interface CatalogueLookup {
  /** SKU (as stored, case-insensitive match) -> variant ids carrying it. */
  variantsBySku: ReadonlyMap<string, readonly bigint[]>;
  variantIds: ReadonlySet<bigint>;
  /** Supplier name (lower case) -> id. */
  supplierIds: ReadonlyMap<string, number>;
}

export function readVariantTermsCsv(text: string, lookup: CatalogueLookup): ReadResult<VariantTermsRow> {
  const table = readCsvTable(text, VARIANT_TERMS_COLUMNS);
  if (!table.ok) return table;
  const errors: CsvCellError[] = [];
  const rows: VariantTermsRow[] = [];
  const seen = new Map<bigint, number>();
  for (const row of table.rows) {
    const read = new RowReader(row, errors);
    const variantId = resolveVariant(read, row.cells, lookup);
    if (variantId !== null) {
      const first = seen.get(variantId);
      if (first !== undefined) read.reject(row.cells.variant_id ? "variant_id" : "sku", `This variant is already on line ${first}.`);
      else seen.set(variantId, row.line);
    }
    const supplierName = read.text("supplier", { maxLength: 120 });
    if (supplierName !== null && !lookup.supplierIds.has(supplierName.toLowerCase())) {
      read.reject("supplier", `No supplier named "${supplierName}": import it in the suppliers file first, or fix the spelling.`);
    }
    const terms = {
      unitCost: read.decimal("unit_cost", 0, 1e9),
      leadTimeDays: read.integer("lead_time_days", 1, 365),
      moqUnits: read.integer("moq_units", 0, 1_000_000),
      casePack: read.integer("case_pack", 1, 100_000),
    };
    if (variantId !== null) rows.push({ line: row.line, variantId, supplierName, ...terms });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

function resolveVariant(read: RowReader, cells: Record<string, string>, lookup: CatalogueLookup): bigint | null {
  const idText = cells.variant_id ?? "";
  const sku = cells.sku ?? "";
  if (idText !== "") {
    const numeric = /^\d+$/.test(idText) ? idText : /^gid:\/\/shopify\/ProductVariant\/(\d+)$/.exec(idText)?.[1];
    if (!numeric) return read.reject("variant_id", `"${idText}" is not a variant id (a number, or gid://shopify/ProductVariant/...).`);
    const id = BigInt(numeric);
    return lookup.variantIds.has(id) ? id : read.reject("variant_id", `No variant ${numeric} in this shop.`);
  }
  if (sku === "") return read.reject("sku", "Each row needs a sku or a variant_id.");
  const matches = lookup.variantsBySku.get(sku.toLowerCase()) ?? [];
  if (matches.length === 0) return read.reject("sku", `No variant with SKU "${sku}" in this shop.`);
  if (matches.length > 1) return read.reject("sku", `${matches.length} variants share SKU "${sku}": use variant_id instead.`);
  return matches[0]!;
}

/** The downloadable templates: the header and one example row each. */
export function suppliersTemplate(): string {
  return stringify([
    [...SUPPLIER_COLUMNS.required, ...SUPPLIER_COLUMNS.optional],
    ["Pacific Mills", "orders@pacificmills.example", "USD", "35", "5", "14", "24", "500", "6", "Pacific Mills|PM Textiles"],
  ]);
}

export function variantTermsTemplate(): string {
  return stringify([
    [...VARIANT_TERMS_COLUMNS.optional],
    ["TS-EVERYDAY-BLK-M", "", "Pacific Mills", "9.40", "", "", "12"],
  ]);
}
