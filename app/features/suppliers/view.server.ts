/** The suppliers screens: the list with how many variants name each, and one supplier's form. */
import { findSupplier, listSuppliersWithCounts } from "./queries/suppliers.server";

export async function listSuppliersView(shopId: number) {
  return (await listSuppliersWithCounts(shopId)).map((s) => ({ ...s, moqValue: s.moqValue === null ? null : Number(s.moqValue) }));
}

/** One supplier as its form shows it, or null when the shop has no such supplier. */
export async function getSupplierView(shopId: number, id: number) {
  const supplier = await findSupplier(shopId, id);
  return supplier && { ...supplier, moqValue: supplier.moqValue === null ? null : Number(supplier.moqValue) };
}
