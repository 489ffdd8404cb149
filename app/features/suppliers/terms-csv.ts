/**
 * The two buying-terms files a merchant can import: suppliers, and per-variant overrides.
 * Their columns, rules and messages are the fields of engine/proposals/terms-fields.ts.
 * Reading validates every row against the shop's catalogue and suppliers and collects every
 * problem; writing is the importer's, and happens only when nothing was wrong.
 */
import { stringify } from "csv-stringify/sync";
import { fieldColumns, readFields, SUPPLIER_FIELDS, VARIANT_TERMS_FIELDS, VARIANT_TERMS_KEYS, type FieldError, type SupplierFields, type VariantTermsValues } from "~/engine/proposals/terms-fields";
import { readCsvTable, type CsvCellError } from "~/platform/csv-table";

export const SUPPLIER_COLUMNS = fieldColumns(SUPPLIER_FIELDS);
export const VARIANT_TERMS_COLUMNS = fieldColumns(VARIANT_TERMS_KEYS, VARIANT_TERMS_FIELDS);

export type SupplierRow = { line: number } & SupplierFields;
export type VariantTermsRow = { line: number; variantId: bigint; supplierName: string | null } & VariantTermsValues;

export type ReadResult<T> = { ok: true; rows: T[] } | { ok: false; errors: CsvCellError[] };

/** A line's problems in the order of its columns, each with the line. */
function lineErrors(line: number, errors: FieldError[], columns: { required: readonly string[]; optional: readonly string[] }): CsvCellError[] {
  const order = [...columns.required, ...columns.optional];
  return [...errors].sort((a, b) => order.indexOf(a.column) - order.indexOf(b.column)).map((e) => ({ line, ...e }));
}

export function readSuppliersCsv(text: string): ReadResult<SupplierRow> {
  const table = readCsvTable(text, SUPPLIER_COLUMNS);
  if (!table.ok) return table;
  const errors: CsvCellError[] = [];
  const seen = new Map<string, number>();
  const rows: SupplierRow[] = [];
  for (const row of table.rows) {
    const read = readFields(SUPPLIER_FIELDS, row.cells);
    const name = read.values.name;
    if (name) {
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) read.errors.push({ column: SUPPLIER_FIELDS.name.column, value: name, message: `"${name}" is already on line ${first}.` });
      else seen.set(name.toLowerCase(), row.line);
    }
    if (read.errors.length > 0) errors.push(...lineErrors(row.line, read.errors, SUPPLIER_COLUMNS));
    else rows.push({ line: row.line, ...(read.values as SupplierFields) });
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
    const keys = readFields(VARIANT_TERMS_KEYS, row.cells);
    const terms = readFields(VARIANT_TERMS_FIELDS, row.cells);
    const problems = [...keys.errors, ...terms.errors];
    const variantId = resolveVariant(row.cells, keys.values, lookup, problems);
    if (variantId !== null) {
      const first = seen.get(variantId);
      const column = row.cells.variant_id ? VARIANT_TERMS_KEYS.variantId.column : VARIANT_TERMS_KEYS.sku.column;
      if (first !== undefined) problems.push({ column, value: row.cells[column] ?? "", message: `This variant is already on line ${first}.` });
      else seen.set(variantId, row.line);
    }
    const supplierName = keys.values.supplierName ?? null;
    if (supplierName !== null && !lookup.supplierIds.has(supplierName.toLowerCase())) {
      problems.push({ column: VARIANT_TERMS_KEYS.supplierName.column, value: supplierName, message: `No supplier named "${supplierName}": import it in the suppliers file first, or fix the spelling.` });
    }
    if (problems.length > 0) errors.push(...lineErrors(row.line, problems, VARIANT_TERMS_COLUMNS));
    else if (variantId !== null) rows.push({ line: row.line, variantId, supplierName, ...(terms.values as VariantTermsValues) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/** The row's variant by id, else by SKU; null (with the problem noted) when neither names one of this shop's. */
function resolveVariant(cells: Record<string, string>, keys: { sku?: string | null; variantId?: string | null }, lookup: CatalogueLookup, problems: FieldError[]): bigint | null {
  const fail = (column: string, message: string) => (problems.push({ column, value: cells[column] ?? "", message }), null);
  const idColumn = VARIANT_TERMS_KEYS.variantId.column;
  const skuColumn = VARIANT_TERMS_KEYS.sku.column;
  if ((cells[idColumn] ?? "") !== "") {
    // A malformed id is already among the problems.
    if (!keys.variantId) return null;
    const id = BigInt(keys.variantId);
    return lookup.variantIds.has(id) ? id : fail(idColumn, `No variant ${keys.variantId} in this shop.`);
  }
  const sku = keys.sku;
  if (sku === undefined) return null;
  if (sku === null) return fail(skuColumn, `Each row needs a ${skuColumn} or a ${idColumn}.`);
  const matches = lookup.variantsBySku.get(sku.toLowerCase()) ?? [];
  if (matches.length === 0) return fail(skuColumn, `No variant with SKU "${sku}" in this shop.`);
  if (matches.length > 1) return fail(skuColumn, `${matches.length} variants share SKU "${sku}": use ${idColumn} instead.`);
  return matches[0]!;
}

const template = (...lists: Record<string, { column: string; example: string }>[]) => {
  const fields = lists.flatMap((fields) => Object.values(fields));
  return stringify([fields.map((f) => f.column), fields.map((f) => f.example)]);
};

/** The downloadable templates: the header and one example row each. */
export const suppliersTemplate = (): string => template(SUPPLIER_FIELDS);
export const variantTermsTemplate = (): string => template(VARIANT_TERMS_KEYS, VARIANT_TERMS_FIELDS);
