/** Lookups that imports and forms validate against: the shop's live variants by id and SKU. */
import prisma from "~/platform/db.server";

export async function variantIdsAndSkus(shopId: number): Promise<{ variantIds: Set<bigint>; variantsBySku: Map<string, bigint[]> }> {
  const variants = await prisma.variant.findMany({ where: { shopId, deletedAt: null }, select: { id: true, sku: true } });
  const variantsBySku = new Map<string, bigint[]>();
  for (const variant of variants) {
    if (!variant.sku) continue;
    const key = variant.sku.toLowerCase();
    const list = variantsBySku.get(key);
    if (list) list.push(variant.id);
    else variantsBySku.set(key, [variant.id]);
  }
  return { variantIds: new Set(variants.map((v) => v.id)), variantsBySku };
}
