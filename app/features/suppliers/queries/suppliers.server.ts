/** Suppliers and per-variant buying terms. Every query is scoped to its shop. */
import { Prisma, type Supplier, type VariantBuyingTerms } from "@prisma/client";
import prisma from "~/platform/db.server";
import type { SupplierTerms, VariantTermsOverride } from "~/engine/proposals";
import { SUPPLIER_FIELDS, VARIANT_TERMS_FIELDS, type SupplierFields, type VariantTermsValues } from "~/engine/proposals/terms-fields";

export type { SupplierFields };

/** What an import or form writes for a variant: its own terms and the supplier it names. */
export interface VariantTermsFields extends VariantTermsValues {
  variantId: bigint;
  supplierId: number | null;
}

export type TransactionClient = Prisma.TransactionClient;

/** A stored row's values of these fields, named as the schema names them; decimals become numbers. */
function valuesOf<T>(fields: object, row: object): T {
  const stored = row as Record<string, unknown>;
  return Object.fromEntries(Object.keys(fields).map((key) => [key, stored[key] instanceof Prisma.Decimal ? (stored[key] as Prisma.Decimal).toNumber() : stored[key]])) as T;
}

export const supplierFieldsOf = (supplier: Supplier): SupplierFields => valuesOf(SUPPLIER_FIELDS, supplier);

export function toSupplierTerms(supplier: Supplier): SupplierTerms {
  const { contactEmail: _contact, ...terms } = supplierFieldsOf(supplier);
  return { id: supplier.id, ...terms };
}

export function toTermsOverride(terms: VariantBuyingTerms): VariantTermsOverride {
  return { supplierId: terms.supplierId, ...valuesOf<VariantTermsValues>(VARIANT_TERMS_FIELDS, terms) };
}

export async function listSuppliers(shopId: number): Promise<Supplier[]> {
  return prisma.supplier.findMany({ where: { shopId }, orderBy: { name: "asc" } });
}

export async function findSupplier(shopId: number, id: number): Promise<Supplier | null> {
  return prisma.supplier.findFirst({ where: { shopId, id } });
}

/** Suppliers with how many variants name each. */
export async function listSuppliersWithCounts(shopId: number): Promise<(Supplier & { variantCount: number })[]> {
  const [suppliers, counts] = await Promise.all([
    listSuppliers(shopId),
    prisma.variantBuyingTerms.groupBy({ by: ["supplierId"], where: { shopId, supplierId: { not: null } }, _count: { _all: true } }),
  ]);
  const byId = new Map(counts.map((c) => [c.supplierId, c._count._all]));
  return suppliers.map((s) => ({ ...s, variantCount: byId.get(s.id) ?? 0 }));
}

export async function createSupplier(shopId: number, fields: SupplierFields, db: TransactionClient = prisma): Promise<Supplier> {
  return db.supplier.create({ data: { shopId, ...fields } });
}

/** Updates a supplier of this shop; null when it is not the shop's. */
export async function updateSupplier(shopId: number, id: number, fields: SupplierFields, db: TransactionClient = prisma): Promise<Supplier | null> {
  const updated = await db.supplier.updateMany({ where: { shopId, id }, data: fields });
  return updated.count > 0 ? db.supplier.findFirst({ where: { shopId, id } }) : null;
}

export async function deleteSupplier(shopId: number, id: number): Promise<boolean> {
  const deleted = await prisma.supplier.deleteMany({ where: { shopId, id } });
  return deleted.count > 0;
}

/** Creates or updates suppliers by name (case as given); one transaction for the whole list. */
export async function upsertSuppliersByName(shopId: number, rows: readonly SupplierFields[], db: TransactionClient): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (const row of rows) {
    const existing = await db.supplier.findFirst({ where: { shopId, name: { equals: row.name, mode: "insensitive" } } });
    if (existing) {
      await db.supplier.update({ where: { id: existing.id }, data: { ...row, name: existing.name } });
      updated++;
    } else {
      await db.supplier.create({ data: { shopId, ...row } });
      created++;
    }
  }
  return { created, updated };
}

export async function listVariantTerms(shopId: number): Promise<VariantBuyingTerms[]> {
  return prisma.variantBuyingTerms.findMany({ where: { shopId } });
}

export async function findVariantTerms(shopId: number, variantId: bigint): Promise<VariantBuyingTerms | null> {
  return prisma.variantBuyingTerms.findUnique({ where: { shopId_variantId: { shopId, variantId } } });
}

/** Writes a variant's overrides; a row whose fields are all empty is removed (the variant falls back again). */
export async function saveVariantTerms(shopId: number, fields: VariantTermsFields, db: TransactionClient = prisma): Promise<void> {
  const { variantId, ...rest } = fields;
  const empty = Object.values(rest).every((value) => value === null);
  if (empty) {
    await db.variantBuyingTerms.deleteMany({ where: { shopId, variantId } });
    return;
  }
  await db.variantBuyingTerms.upsert({
    where: { shopId_variantId: { shopId, variantId } },
    create: { shopId, variantId, ...rest },
    update: rest,
  });
}

