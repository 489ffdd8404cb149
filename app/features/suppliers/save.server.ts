/**
 * Suppliers as the operations lead edits them: create, change, delete, each audited, each
 * re-planning the variants whose terms it can change (a supplier's terms reach its variants
 * and, through the vendor fallback, variants that name no supplier).
 */
import { Prisma } from "@prisma/client";
import { recordAudit } from "~/platform/audit.server";
import { markVariantsDirtyInTransaction } from "~/platform/plan-dirty.server";
import { createSupplier, deleteSupplier, updateSupplier, type SupplierFields } from "~/features/suppliers/queries/suppliers.server";
import { inTransaction } from "~/platform/transaction.server";
import { enqueueDirtyReplan } from "~/platform/queue/enqueue.server";
import type { ShopActor } from "~/platform/shop-actor";

export type SupplierOutcome = { ok: true; id: number; message: string } | { ok: false; errors: Record<string, string> };


export async function saveSupplier(who: ShopActor, id: number | null, fields: SupplierFields): Promise<SupplierOutcome> {
  try {
    const saved = await inTransaction(async (db) => {
      const supplier = id === null ? await createSupplier(who.shopId, fields, db) : await updateSupplier(who.shopId, id, fields, db);
      if (!supplier) return null;
      await recordAudit(who.shopId, [{ actor: who.actor, entity: "supplier", entityId: String(supplier.id), action: id === null ? "created" : "updated", changes: JSON.parse(JSON.stringify(fields)) }], db);
      await markVariantsDirtyInTransaction(db, who.shopId, "all");
      return supplier;
    });
    if (!saved) return { ok: false, errors: { form: "This supplier no longer exists." } };
    await enqueueDirtyReplan(who);
    return { ok: true, id: saved.id, message: `${saved.name} saved. Proposals update in a few seconds.` };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, errors: { name: `A supplier named "${fields.name}" already exists.` } };
    throw error;
  }
}

export async function removeSupplier(who: ShopActor, id: number): Promise<SupplierOutcome> {
  const removed = await deleteSupplier(who.shopId, id);
  if (!removed) return { ok: false, errors: { form: "This supplier no longer exists." } };
  await inTransaction(async (db) => {
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "supplier", entityId: String(id), action: "deleted" }], db);
    await markVariantsDirtyInTransaction(db, who.shopId, "all");
  });
  await enqueueDirtyReplan(who);
  return { ok: true, id, message: "Supplier deleted. Its variants fall back to their vendor's supplier or the shop defaults." };
}
