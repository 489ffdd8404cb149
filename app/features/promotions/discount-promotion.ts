/**
 * A Shopify discount as a promotion plan, and what to change in Shopify when Tempo's phasing
 * moves away from it. Tempo never writes discounts: it says what to edit, and where.
 */
import type { PromotionFields, PromotionSelection } from "~/features/promotions/queries/promotions.server";
import { shopToday } from "~/engine/plan/open-orders";
import type { PromotionWave } from "~/engine/promotions/planned-promotions";

/** The depth Tempo assumes for an amount-off discount until marketing enters what it amounts to. */
export const AMOUNT_OFF_ASSUMED_PCT = 15;

export interface DiscountForPlanning {
  id: bigint;
  title: string;
  startsAt: Date;
  endsAt: Date;
  percentage: number | null;
  appliesToAll: boolean;
  productIds: readonly bigint[];
  variantIds: readonly bigint[];
  collectionIds: readonly bigint[];
}

/** The discount's first and last day in the shop's calendar (an end at midnight belongs to the day before). */
export function discountDays(discount: Pick<DiscountForPlanning, "startsAt" | "endsAt">, timezone: string): { startsOn: string; endsOn: string } {
  const startsOn = shopToday(timezone, discount.startsAt);
  const endsOn = shopToday(timezone, new Date(Math.max(discount.startsAt.getTime(), discount.endsAt.getTime() - 1)));
  return { startsOn, endsOn };
}

/** The promotion plan a discount amounts to: its dates, depth and items, on every channel it is redeemed on. */
export function promotionFieldsFromDiscount(discount: DiscountForPlanning, timezone: string, collectionTitles: ReadonlyMap<string, string>): PromotionFields {
  const selection: PromotionSelection = discount.appliesToAll
    ? { everything: true }
    : {
        ...(discount.productIds.length > 0 ? { productIds: discount.productIds.map(String) } : {}),
        ...(discount.variantIds.length > 0 ? { variantIds: discount.variantIds.map(String) } : {}),
        ...(discount.collectionIds.length > 0 ? { collections: discount.collectionIds.map((id) => collectionTitles.get(String(id))).filter((t): t is string => t !== undefined) } : {}),
      };
  return {
    name: discount.title.slice(0, 120),
    ...discountDays(discount, timezone),
    discountPct: discount.percentage === null ? AMOUNT_OFF_ASSUMED_PCT : Math.min(90, Math.max(1, Math.round(discount.percentage))),
    channel: null,
    selection,
    upliftOverride: null,
  };
}

export interface ShopifyEdit {
  /** What to change, in one line a marketer follows in Shopify's discount page. */
  instruction: string;
}

/**
 * What to edit in the Shopify discount so it runs as Tempo plans the promotion now: dates,
 * products a phasing dropped, waves (one discount per wave), caps (Flow tells when to end one).
 * Empty when the discount already matches.
 */
export function shopifyEditsFor(
  promotion: { startsOn: string; endsOn: string; discountPct: number; waves: readonly PromotionWave[] | null; droppedProducts: readonly string[]; cappedVariants: number },
  discount: { startsOn: string; endsOn: string; percentage: number | null },
  formatDay: (day: string) => string,
): ShopifyEdit[] {
  const edits: ShopifyEdit[] = [];
  if (promotion.waves && promotion.waves.length > 1) {
    const spans = promotion.waves.map((w) => `${formatDay(w.startsOn)}–${formatDay(w.endsOn)}${w.variantIds ? ` (${w.variantIds.length} variant${w.variantIds.length === 1 ? "" : "s"})` : ""}`);
    edits.push({ instruction: `Run it in ${promotion.waves.length} waves: set this discount to the first (${spans[0]}) and duplicate it for the others: ${spans.slice(1).join(", ")}.` });
  } else if (promotion.startsOn !== discount.startsOn || promotion.endsOn !== discount.endsOn) {
    edits.push({ instruction: `Change its dates to start ${formatDay(promotion.startsOn)} and end ${formatDay(promotion.endsOn)} (Shopify has ${formatDay(discount.startsOn)}–${formatDay(discount.endsOn)}).` });
  }
  if (promotion.droppedProducts.length > 0) {
    const names = promotion.droppedProducts.slice(0, 5).join(", ");
    const more = promotion.droppedProducts.length > 5 ? ` and ${promotion.droppedProducts.length - 5} more` : "";
    edits.push({ instruction: `Remove ${promotion.droppedProducts.length === 1 ? "this product" : "these products"} from it: ${names}${more}.` });
  }
  if (discount.percentage !== null && Math.round(discount.percentage) !== Math.round(promotion.discountPct)) {
    edits.push({ instruction: `Set its value to ${Math.round(promotion.discountPct)}% off (Shopify has ${Math.round(discount.percentage)}%).` });
  }
  if (promotion.cappedVariants > 0) {
    edits.push({
      instruction: `Shopify discounts have no cap per product: Tempo's Flow trigger "Promotion cap reached" fires when one of the ${promotion.cappedVariants} capped variants sells its cap, so you can take it out of the discount then.`,
    });
  }
  return edits;
}
