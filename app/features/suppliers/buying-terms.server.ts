/** The shop's buying terms as the plan reads them: each supplier's terms, the supplier of each vendor, and per-variant overrides. */
import { suppliersByVendor, type SupplierTerms, type VariantTermsOverride } from "~/engine/proposals";
import { listSuppliers, listVariantTerms, toSupplierTerms, toTermsOverride } from "./queries/suppliers.server";

export interface ShopBuyingTerms {
  suppliers: Map<number, SupplierTerms>;
  vendorSuppliers: ReturnType<typeof suppliersByVendor>;
  termsByVariant: Map<string, VariantTermsOverride>;
}

export async function loadBuyingTerms(shopId: number): Promise<ShopBuyingTerms> {
  const [suppliers, terms] = await Promise.all([listSuppliers(shopId), listVariantTerms(shopId)]);
  const supplierTerms = new Map(suppliers.map((s) => [s.id, toSupplierTerms(s)]));
  return {
    suppliers: supplierTerms,
    vendorSuppliers: suppliersByVendor(supplierTerms.values()),
    termsByVariant: new Map(terms.map((t) => [t.variantId.toString(), toTermsOverride(t)])),
  };
}

/** Every supplier by name, for pickers and filters on other screens. */
export async function listSupplierChoices(shopId: number): Promise<{ id: number; name: string }[]> {
  return (await listSuppliers(shopId)).map((s) => ({ id: s.id, name: s.name }));
}
