/** Suppliers and per-variant buying terms. Every query is scoped to its shop. */
import { Prisma, type Supplier, type VariantBuyingTerms } from "@prisma/client";
import prisma from "~/platform/db.server";
import type { SupplierTerms, VariantTermsOverride } from "~/engine/proposals";

export interface SupplierFields {
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

export interface VariantTermsFields {
  variantId: bigint;
  supplierId: number | null;
  unitCost: number | null;
  leadTimeDays: number | null;
  moqUnits: number | null;
  casePack: number | null;
}

export type TransactionClient = Prisma.TransactionClient;

export function toSupplierTerms(supplier: Supplier): SupplierTerms {
  return {
    id: supplier.id,
    name: supplier.name,
    leadTimeDays: supplier.leadTimeDays,
    leadTimeSdDays: supplier.leadTimeSdDays,
    orderCycleDays: supplier.orderCycleDays,
    moqUnits: supplier.moqUnits,
    moqValue: supplier.moqValue === null ? null : Number(supplier.moqValue),
    casePack: supplier.casePack,
    currencyCode: supplier.currencyCode,
    vendorNames: supplier.vendorNames,
  };
}

export function toTermsOverride(terms: VariantBuyingTerms): VariantTermsOverride {
  return {
    supplierId: terms.supplierId,
    unitCost: terms.unitCost === null ? null : Number(terms.unitCost),
    leadTimeDays: terms.leadTimeDays,
    moqUnits: terms.moqUnits,
    casePack: terms.casePack,
  };
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

function supplierData(fields: SupplierFields) {
  return { ...fields, moqValue: fields.moqValue === null ? null : new Prisma.Decimal(fields.moqValue) };
}

export async function createSupplier(shopId: number, fields: SupplierFields, db: TransactionClient = prisma): Promise<Supplier> {
  return db.supplier.create({ data: { shopId, ...supplierData(fields) } });
}

/** Updates a supplier of this shop; null when it is not the shop's. */
export async function updateSupplier(shopId: number, id: number, fields: SupplierFields, db: TransactionClient = prisma): Promise<Supplier | null> {
  const updated = await db.supplier.updateMany({ where: { shopId, id }, data: supplierData(fields) });
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
      await db.supplier.update({ where: { id: existing.id }, data: supplierData({ ...row, name: existing.name }) });
      updated++;
    } else {
      await db.supplier.create({ data: { shopId, ...supplierData(row) } });
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
  const data = { ...rest, unitCost: rest.unitCost === null ? null : new Prisma.Decimal(rest.unitCost) };
  await db.variantBuyingTerms.upsert({
    where: { shopId_variantId: { shopId, variantId } },
    create: { shopId, variantId, ...data },
    update: data,
  });
}

/** Runs `work` in one Prisma transaction, so an import writes all of its rows or none. */
