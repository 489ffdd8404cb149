/** The suppliers screens: the list with how many variants name each, and one supplier's form. */
import type { SupplierFields } from "~/engine/proposals/terms-fields";
import { findSupplier, listSuppliersWithCounts, supplierFieldsOf } from "./queries/suppliers.server";

export type SupplierView = { id: number } & SupplierFields;

export async function listSuppliersView(shopId: number): Promise<(SupplierView & { variantCount: number })[]> {
  return (await listSuppliersWithCounts(shopId)).map((s) => ({ id: s.id, ...supplierFieldsOf(s), variantCount: s.variantCount }));
}

/** One supplier as its form shows it, or null when the shop has no such supplier. */
export async function getSupplierView(shopId: number, id: number): Promise<SupplierView | null> {
  const supplier = await findSupplier(shopId, id);
  return supplier && { id: supplier.id, ...supplierFieldsOf(supplier) };
}
