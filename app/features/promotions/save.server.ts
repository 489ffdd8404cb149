/**
 * Marketing's steps on a promotion: save it (its selection resolved to variants), plan it,
 * cancel it, delete a draft. Each is audited, and a planned or live promotion re-plans the
 * variants it touches (before and after the change), so its demand reaches proposals and alerts.
 */
import type { PromotionStatus } from "@prisma/client";
import { recordAudit } from "~/platform/audit.server";
import { markVariantsDirtyInTransaction } from "~/platform/plan-dirty.server";
import { createPromotion, deletePromotion, getPromotion, resolveSelection, setPromotionVariants, updatePromotion, type PromotionFields } from "~/features/promotions/queries/promotions.server";
import { inTransaction } from "~/platform/transaction.server";
import { enqueueDirtyReplan } from "~/platform/queue/enqueue.server";
import type { ShopActor } from "~/platform/shop-actor";

export type PromotionOutcome = { ok: true; id: number; message: string } | { ok: false; errors: Record<string, string> };

/** A promotion over more variants than this is more than one plan. */
export const MAX_PROMOTION_VARIANTS = 5_000;

const ACTIVE: readonly PromotionStatus[] = ["PLANNED", "LIVE"];


export async function savePromotion(who: ShopActor, id: number | null, fields: PromotionFields, options: { shopifyDiscountId?: bigint | null } = {}): Promise<PromotionOutcome> {
  const variantIds = await resolveSelection(who.shopId, fields.selection);
  if (variantIds.length === 0) return { ok: false, errors: { selection: "No live variant matches this selection." } };
  if (variantIds.length > MAX_PROMOTION_VARIANTS) return { ok: false, errors: { selection: `This selection covers ${variantIds.length} variants; a promotion can cover at most ${MAX_PROMOTION_VARIANTS}.` } };
  const before = id === null ? null : await getPromotion(who.shopId, id);
  if (id !== null && !before) return { ok: false, errors: { form: "This promotion no longer exists." } };
  if (before && (before.status === "DONE" || before.status === "CANCELLED")) return { ok: false, errors: { form: "A finished or cancelled promotion cannot change." } };
  const saved = await inTransaction(async (db) => {
    const promotion = id === null ? await createPromotion(db, who.shopId, fields, who.actor, options) : (await updatePromotion(db, who.shopId, id, fields), { id });
    await setPromotionVariants(db, who.shopId, promotion.id, variantIds);
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "promotion", entityId: String(promotion.id), action: id === null ? "created" : "updated", changes: JSON.parse(JSON.stringify({ ...fields, variants: variantIds.length })) }], db);
    if (before && ACTIVE.includes(before.status)) {
      await markVariantsDirtyInTransaction(db, who.shopId, [...new Set([...before.variants.map((v) => v.variantId), ...variantIds])]);
    }
    return promotion;
  });
  if (before && ACTIVE.includes(before.status)) await enqueueDirtyReplan(who);
  return { ok: true, id: saved.id, message: `${fields.name} saved: ${variantIds.length} variant${variantIds.length === 1 ? "" : "s"}.` };
}

export async function setPromotionStatus(who: ShopActor, id: number, status: "PLANNED" | "CANCELLED" | "DRAFT"): Promise<PromotionOutcome> {
  const promotion = await getPromotion(who.shopId, id);
  if (!promotion) return { ok: false, errors: { form: "This promotion no longer exists." } };
  if (promotion.status === "DONE" || promotion.status === "CANCELLED") return { ok: false, errors: { form: "A finished or cancelled promotion cannot change." } };
  if (status === "DRAFT" && promotion.status === "LIVE") return { ok: false, errors: { form: "A live promotion can be cancelled, not turned back into a draft." } };
  await inTransaction(async (db) => {
    await updatePromotion(db, who.shopId, id, { status });
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "promotion", entityId: String(id), action: `status_${status.toLowerCase()}`, changes: { from: promotion.status, to: status } }], db);
    await markVariantsDirtyInTransaction(db, who.shopId, promotion.variants.map((v) => v.variantId));
  });
  await enqueueDirtyReplan(who);
  const words = { PLANNED: "is planned: its demand is in the plan", CANCELLED: "is cancelled", DRAFT: "is a draft again: its demand left the plan" } as const;
  return { ok: true, id, message: `${promotion.name} ${words[status]}.` };
}

export async function removeDraftPromotion(who: ShopActor, id: number): Promise<PromotionOutcome> {
  const promotion = await getPromotion(who.shopId, id);
  if (!promotion) return { ok: false, errors: { form: "This promotion no longer exists." } };
  if (promotion.status !== "DRAFT") return { ok: false, errors: { form: "Only a draft can be deleted; cancel a planned promotion instead." } };
  await deletePromotion(who.shopId, id);
  await recordAudit(who.shopId, [{ actor: who.actor, entity: "promotion", entityId: String(id), action: "deleted" }]);
  return { ok: true, id, message: `${promotion.name} deleted.` };
}
