/**
 * Imports of the suppliers file and the variant-terms file: read and validate everything
 * first, then write every row, the audit trail and the re-plan marks in one transaction.
 * A file with any bad row writes nothing and returns every problem found.
 */
import { recordAudit } from "~/platform/audit.server";
import { variantIdsAndSkus } from "~/features/suppliers/queries/catalogue.server";
import { markVariantsDirtyInTransaction } from "~/platform/plan-dirty.server";
import { listSuppliers, saveVariantTerms, upsertSuppliersByName } from "~/features/suppliers/queries/suppliers.server";
import { inTransaction } from "~/platform/transaction.server";
import { enqueueDirtyReplan } from "~/platform/queue/enqueue.server";
import { readSuppliersCsv, readVariantTermsCsv } from "./terms-csv";
import type { CsvCellError } from "~/platform/csv-table";
import type { ShopActor } from "~/platform/shop-actor";

export type ImportOutcome = { ok: true; summary: string } | { ok: false; errors: CsvCellError[] };

export async function importSuppliersFile(who: ShopActor, text: string): Promise<ImportOutcome> {
  const read = readSuppliersCsv(text);
  if (!read.ok) return read;
  const result = await inTransaction(async (db) => {
    const counts = await upsertSuppliersByName(who.shopId, read.rows.map(({ line: _line, ...fields }) => fields), db);
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "supplier", entityId: "import", action: "imported", changes: { rows: read.rows.length, ...counts } }], db);
    // A supplier's terms reach every variant bought from it or its vendors.
    await markVariantsDirtyInTransaction(db, who.shopId, "all");
    return counts;
  });
  await enqueueDirtyReplan(who);
  return { ok: true, summary: `${read.rows.length} supplier${read.rows.length === 1 ? "" : "s"} imported: ${result.created} new, ${result.updated} updated.` };
}

export async function importVariantTermsFile(who: ShopActor, text: string): Promise<ImportOutcome> {
  const [catalogue, suppliers] = await Promise.all([variantIdsAndSkus(who.shopId), listSuppliers(who.shopId)]);
  const supplierIds = new Map(suppliers.map((s) => [s.name.toLowerCase(), s.id]));
  const read = readVariantTermsCsv(text, { ...catalogue, supplierIds });
  if (!read.ok) return read;
  await inTransaction(async (db) => {
    for (const { line: _line, supplierName, ...terms } of read.rows) {
      await saveVariantTerms(who.shopId, { ...terms, supplierId: supplierName === null ? null : (supplierIds.get(supplierName.toLowerCase()) ?? null) }, db);
    }
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "variant_terms", entityId: "import", action: "imported", changes: { rows: read.rows.length } }], db);
    await markVariantsDirtyInTransaction(db, who.shopId, read.rows.map((r) => r.variantId));
  });
  await enqueueDirtyReplan(who);
  return { ok: true, summary: `Buying terms of ${read.rows.length} variant${read.rows.length === 1 ? "" : "s"} imported.` };
}
