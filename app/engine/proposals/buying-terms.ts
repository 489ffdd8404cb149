/**
 * Which supplier a variant is bought from and on what terms. The variant's own supplier wins;
 * a variant with none falls back to the supplier standing for its product's vendor, then to
 * the shop's defaults. Field by field, the variant's overrides beat the supplier's terms. The
 * result says where its terms came from, because a proposal built on defaults deserves a look.
 */
import type { SupplierFields, VariantTermsValues } from "./terms-fields";

/** A supplier's terms as the plan reads them: its fields (terms-fields.ts) less the contact. */
export interface SupplierTerms extends Omit<SupplierFields, "contactEmail" | "vendorNames"> {
  id: number;
  /** Product vendors this supplier stands for (its own name always counts). */
  vendorNames: readonly string[];
}

/** A variant's own terms (terms-fields.ts) and the supplier it names. */
export interface VariantTermsOverride extends VariantTermsValues {
  supplierId: number | null;
}

export interface ShopTermsDefaults {
  leadTimeDays: number;
  reviewDays: number;
}

export type TermsSource = "variant" | "vendor" | "shop";

export interface ResolvedTerms {
  supplierId: number | null;
  supplierName: string | null;
  leadTimeDays: number;
  leadTimeSdDays: number | null;
  reviewDays: number;
  casePack: number;
  moqUnits: number;
  /** Supplier minimum per order in money; checked per purchase order, not per line. */
  moqValue: number | null;
  unitCost: number | null;
  currencyCode: string | null;
  source: TermsSource;
  note: string;
}

export interface TermsInput {
  override: VariantTermsOverride | null;
  /** Suppliers by id. */
  suppliers: ReadonlyMap<number, SupplierTerms>;
  /** The product's vendor as Shopify names it. */
  vendor: string | null;
  /** The inventory item's cost in Shopify, when the merchant set one. */
  shopifyUnitCost: number | null;
  defaults: ShopTermsDefaults;
}

const normalise = (name: string): string => name.trim().toLowerCase();

/** Vendor name (normalised) -> supplier, for the vendor fallback. First supplier wins on a clash. */
export function suppliersByVendor(suppliers: Iterable<SupplierTerms>): Map<string, SupplierTerms> {
  const byVendor = new Map<string, SupplierTerms>();
  for (const supplier of suppliers) {
    for (const name of [supplier.name, ...supplier.vendorNames]) {
      const key = normalise(name);
      if (key && !byVendor.has(key)) byVendor.set(key, supplier);
    }
  }
  return byVendor;
}

export function resolveBuyingTerms(input: TermsInput, byVendor: ReadonlyMap<string, SupplierTerms> = suppliersByVendor(input.suppliers.values())): ResolvedTerms {
  const override = input.override;
  const named = override?.supplierId != null ? input.suppliers.get(override.supplierId) ?? null : null;
  const byVendorMatch = !named && input.vendor ? byVendor.get(normalise(input.vendor)) ?? null : null;
  const supplier = named ?? byVendorMatch;
  const source: TermsSource = named ? "variant" : byVendorMatch ? "vendor" : "shop";

  const leadTimeDays = override?.leadTimeDays ?? supplier?.leadTimeDays ?? input.defaults.leadTimeDays;
  const casePack = Math.max(1, override?.casePack ?? supplier?.casePack ?? 1);
  const moqUnits = Math.max(0, override?.moqUnits ?? supplier?.moqUnits ?? 0);
  const unitCost = override?.unitCost ?? input.shopifyUnitCost;
  const fromDefaults = override?.leadTimeDays == null && supplier?.leadTimeDays == null;

  let note: string;
  if (source === "variant") note = `Bought from ${supplier!.name} (set on this variant)`;
  else if (source === "vendor") note = `Bought from ${supplier!.name}, matched by the product's vendor; no supplier set on the variant`;
  else note = `No supplier for this variant or its vendor${input.vendor ? ` (${input.vendor})` : ""}: shop defaults apply`;
  if (fromDefaults && source !== "shop") note += `; its lead time is the shop default (${leadTimeDays} days)`;
  if (unitCost === null) note += "; no unit cost known";

  return {
    supplierId: supplier?.id ?? null,
    supplierName: supplier?.name ?? null,
    leadTimeDays,
    leadTimeSdDays: override?.leadTimeDays != null ? null : (supplier?.leadTimeSdDays ?? null),
    reviewDays: supplier?.orderCycleDays ?? input.defaults.reviewDays,
    casePack,
    moqUnits,
    moqValue: supplier?.moqValue ?? null,
    unitCost,
    currencyCode: supplier?.currencyCode ?? null,
    source,
    note: `${note}.`,
  };
}
