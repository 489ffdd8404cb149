/** The promotion editor: the promotion (or a new one's defaults), what variants can be picked by, and its check as saved. */
import type { Shop } from "@prisma/client";
import { addDays } from "~/engine/calendar";
import { plannedAgainstActual } from "~/engine/promotions";
import { getShopifyDiscountForPlanning } from "~/features/promotions/queries/discounts.server";
import { getPromotion, productChoices, selectionChoices, variantLabels, type ProductChoice, type PromotionFields, type PromotionWithVariants } from "~/features/promotions/queries/promotions.server";
import { discountDays, shopifyEditsFor, type ShopifyEdit } from "./discount-promotion";
import { POINT_OF_SALE, readWaves } from "~/engine/promotions/planned-promotions";
import { checkPromotionDraft, draftOfPromotion, type PromotionCheckView } from "./check.server";
import { CHANNEL_MIX_DAYS } from "./channel-shares.server";
import { salesChannels } from "~/features/promotions/queries/channel-mix.server";
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";
import { shopToday } from "~/engine/plan/open-orders";
import { shopTimezone } from "~/platform/shop-actor";

export interface PromotionEditorView {
  plan: PlanStatus;
  id: number | null;
  status: string;
  fields: PromotionFields;
  capPerVariant: number | null;
  phasing: { excluded: number; capped: number; waves: number };
  /** The Shopify discount it was made from: where to edit it, and what to change so it runs as planned. */
  shopify: { discountId: string; adminUrl: string; title: string | null; missing: boolean; amountOff: boolean; edits: ShopifyEdit[] } | null;
  pickedProducts: ProductChoice[];
  choices: Awaited<ReturnType<typeof selectionChoices>>;
  channels: string[];
  check: PromotionCheckView;
  /** After it ended: "Planned ×a, actual ×b" and what the actual was measured from; null until measured. */
  actual: { headline: string; note: string } | null;
  /** The lift it was planned with once it ran (marketing's or the learned one then); the learned one today may differ. */
  plannedUplift: number | null;
}


/** A day as the edit instructions write it ("Dec 20"): the shop's locale is applied on screen, these read as plain text. */
const plainDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

async function shopifyDiscountOf(shop: Shop, promotion: PromotionWithVariants): Promise<PromotionEditorView["shopify"]> {
  if (promotion.shopifyDiscountId === null) return null;
  const discountId = promotion.shopifyDiscountId.toString();
  const adminUrl = `shopify:admin/discounts/${discountId}`;
  const discount = await getShopifyDiscountForPlanning(shop.id, promotion.shopifyDiscountId);
  if (!discount) return { discountId, adminUrl, title: null, missing: true, amountOff: false, edits: [] };
  const excluded = promotion.variants.filter((v) => v.excluded).map((v) => v.variantId);
  const labels = await variantLabels(shop.id, excluded);
  const edits = shopifyEditsFor(
    {
      startsOn: promotion.startsOn.toISOString().slice(0, 10),
      endsOn: promotion.endsOn.toISOString().slice(0, 10),
      discountPct: promotion.discountPct,
      waves: readWaves(promotion.waves),
      droppedProducts: excluded.map((id) => labels.get(id.toString()) ?? id.toString()),
      cappedVariants: promotion.variants.filter((v) => !v.excluded && (v.capUnits ?? promotion.capPerVariant) !== null).length,
    },
    { ...discountDays(discount, shopTimezone(shop)), percentage: discount.percentage },
    plainDay,
  );
  return { discountId, adminUrl, title: discount.title, missing: false, amountOff: discount.percentage === null, edits };
}

export async function getPromotionEditorView(shop: Shop, id: number | null, _params: URLSearchParams): Promise<PromotionEditorView | null> {
  const [plan, choices, promotion] = await Promise.all([getPlanStatus(shop.id), selectionChoices(shop.id), id === null ? Promise.resolve(null) : getPromotion(shop.id, id)]);
  if (id !== null && !promotion) return null;
  const today = shopToday(shopTimezone(shop));
  const fields: PromotionFields = promotion
    ? draftOfPromotion(promotion).fields
    : { name: "", startsOn: addDays(today, 14), endsOn: addDays(today, 20), discountPct: 20, channel: null, selection: {}, upliftOverride: null };
  const draft = promotion ? draftOfPromotion(promotion) : { id: null, fields, capPerVariant: null, capByVariant: {}, waves: null, excludedVariantIds: [] };
  const check = await checkPromotionDraft(shop, draft);
  return {
    plan,
    id,
    status: promotion?.status ?? "DRAFT",
    fields,
    capPerVariant: promotion?.capPerVariant ?? null,
    phasing: {
      excluded: promotion?.variants.filter((v) => v.excluded).length ?? 0,
      capped: promotion?.variants.filter((v) => v.capUnits !== null).length ?? 0,
      waves: Array.isArray(promotion?.waves) ? (promotion.waves as unknown[]).length : 0,
    },
    shopify: promotion ? await shopifyDiscountOf(shop, promotion) : null,
    pickedProducts: await productChoices(shop.id, fields.selection.productIds ?? []),
    choices,
    channels: await channelChoices(shop.id, fields.channel),
    check,
    actual: promotion?.actualMeasuredAt ? { headline: plannedAgainstActual(promotion.plannedUplift, promotion.actualUplift), note: promotion.actualUpliftNote ?? "" } : null,
    plannedUplift: promotion?.plannedUplift ?? null,
  };
}


/** The channels the shop sold on in the last year, most units first, and the promotion's own if it sold nothing since. */
async function channelChoices(shopId: number, current: string | null): Promise<string[]> {
  const sold = (await salesChannels(shopId, new Date(Date.now() - CHANNEL_MIX_DAYS * 86_400_000))).map((c) => c.channel);
  const channels = sold.length > 0 ? sold : ["Online Store", POINT_OF_SALE];
  return current !== null && !channels.includes(current) ? [...channels, current] : channels;
}
