/**
 * Applying a phasing option to a saved promotion: the check is made again on the promotion as
 * stored, the option picked by rank from it (never trusted from the browser), and its change
 * written — new dates, waves, caps per variant, dropped variants, or reorder lines that order
 * more now. Audited; a planned promotion re-plans its variants.
 */
import type { PhasingOption } from "~/engine/promotions";
import { recordAudit } from "~/platform/audit.server";
import { markVariantsDirtyInTransaction } from "~/platform/plan-dirty.server";
import { excludePromotionVariants, getPromotion, updatePromotion } from "~/features/promotions/queries/promotions.server";
import { findShopById } from "~/platform/shops.server";
import { inTransaction } from "~/platform/transaction.server";
import { orderForPromotion } from "~/features/proposals/promotion-lines.server";
import { enqueueDirtyReplan } from "~/platform/queue/enqueue.server";
import { checkPromotionDraft, draftOfPromotion } from "./check.server";
import type { ShopActor } from "~/platform/shop-actor";

export type PhasingOutcome = { ok: true; message: string } | { ok: false; errors: Record<string, string> };

export async function applyPhasingOption(who: ShopActor, promotionId: number, rank: number): Promise<PhasingOutcome> {
  const [shop, promotion] = await Promise.all([findShopById(who.shopId), getPromotion(who.shopId, promotionId)]);
  if (!shop || !promotion) return { ok: false, errors: { form: "This promotion no longer exists." } };
  if (promotion.status === "DONE" || promotion.status === "CANCELLED") return { ok: false, errors: { form: "A finished or cancelled promotion cannot change." } };
  const { check } = await checkPromotionDraft(shop, draftOfPromotion(promotion));
  const option: PhasingOption | undefined = check?.options.find((o) => o.rank === rank);
  if (!option) return { ok: false, errors: { form: "That option is no longer on offer: the plan moved since. Look at the options again." } };
  const change = option.change;
  const touched = promotion.variants.map((v) => v.variantId);
  await inTransaction(async (db) => {
    if (change.kind === "move_start") await updatePromotion(db, who.shopId, promotionId, { startsOn: change.start, endsOn: change.end });
    else if (change.kind === "waves") await updatePromotion(db, who.shopId, promotionId, { waves: change.waves.map((w) => ({ startsOn: w.start, endsOn: w.end, variantIds: w.variantIds })) });
    else if (change.kind === "drop_variants") await excludePromotionVariants(db, who.shopId, promotionId, change.variantIds.map(BigInt), true);
    else if (change.kind === "cap") {
      for (const cap of change.caps) {
        await db.promotionVariant.updateMany({ where: { shopId: who.shopId, promotionId, variantId: BigInt(cap.variantId) }, data: { capUnits: cap.units } });
      }
      if (change.dropVariantIds?.length) await excludePromotionVariants(db, who.shopId, promotionId, change.dropVariantIds.map(BigInt), true);
    } else if (change.kind === "order_more") {
      await orderForPromotion(db, who.shopId, promotion.name, change.lines);
    }
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "promotion", entityId: String(promotionId), action: `phasing_${option.kind}`, changes: JSON.parse(JSON.stringify({ description: option.description, change })) }], db);
    if (promotion.status === "PLANNED" || promotion.status === "LIVE") await markVariantsDirtyInTransaction(db, who.shopId, touched);
  });
  if (promotion.status === "PLANNED" || promotion.status === "LIVE" || change.kind === "order_more") {
    await enqueueDirtyReplan(who);
  }
  if (change.kind === "order_more") {
    return { ok: true, message: `${change.lines.length} reorder line${change.lines.length === 1 ? "" : "s"} added to the proposals: the verdict turns once they are approved and ordered.` };
  }
  return { ok: true, message: `Applied: ${option.description}` };
}
