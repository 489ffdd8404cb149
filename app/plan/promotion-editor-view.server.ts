/** The promotion editor: the promotion (or a new one's defaults), what variants can be picked by, and its check as saved. */
import type { Shop } from "@prisma/client";
import { addDays } from "~/planning/calendar";
import { getPromotion, selectionChoices, type PromotionFields } from "~/persistence/promotions.server";
import { checkPromotionDraft, draftOfPromotion, type PromotionCheckView } from "./promotion-check.server";
import { getPlanStatus, type PlanStatus } from "./plan-status.server";
import { shopToday } from "./plan-support";

export interface PromotionEditorView {
  plan: PlanStatus;
  id: number | null;
  status: string;
  fields: PromotionFields;
  capPerVariant: number | null;
  phasing: { excluded: number; capped: number; waves: number };
  fromShopify: boolean;
  choices: Awaited<ReturnType<typeof selectionChoices>>;
  channels: string[];
  check: PromotionCheckView;
  actual: { uplift: number | null; note: string | null };
}



export async function getPromotionEditorView(shop: Shop, id: number | null, _params: URLSearchParams): Promise<PromotionEditorView | null> {
  const [plan, choices, promotion] = await Promise.all([getPlanStatus(shop.id), selectionChoices(shop.id), id === null ? Promise.resolve(null) : getPromotion(shop.id, id)]);
  if (id !== null && !promotion) return null;
  const today = shopToday(shop.ianaTimezone ?? "UTC");
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
    fromShopify: promotion?.shopifyDiscountId != null,
    choices,
    channels: ["Online Store", "Point of Sale"],
    check,
    actual: { uplift: promotion?.actualUplift ?? null, note: promotion?.actualUpliftNote ?? null },
  };
}

