/**
 * Checking a promotion against stock, as marketing edits it: its variants at every location its
 * channel sells from, each with the active plan's baseline forecast, stock, dated inbound and
 * safety stock; the lift learned from the shop's past promotions (or marketing's own); and the
 * other planned promotions competing for the same stock. The planning core's checkPromotion
 * gives the verdict and the ranked phasings.
 */
import type { Shop } from "@prisma/client";
import { addDays } from "~/engine/calendar";
import { bucketOf, DEFAULT_DEPTH_BUCKETS, mergePromotionSpans, promotionCount, type UpliftModel } from "~/engine/forecast/uplift";
import type { DemandDistribution } from "~/engine/forecast";
import { checkPromotion, type PromotionCheck, type PromotionPlan, type SeriesInput } from "~/engine/promotions";
import { loadOpenOrderUnits } from "~/platform/plan-inputs.server";
import { findActivePlan } from "~/platform/plan-status.server";
import { loadPromotionCheckRows, plannedPromotions, resolveSelection, type PromotionFields, type PromotionWithVariants } from "~/features/promotions/queries/promotions.server";
import { moneyFormatter } from "~/engine/plan/compute-plans";
import { shopToday } from "~/engine/plan/open-orders";
import { PRIOR_UPLIFT_MODEL, upliftGroupKey } from "~/engine/promotions/promotion-demand";
import { channelReaches, channelShareOf, POINT_OF_SALE, readWaves, type PromotionWave } from "~/engine/promotions/planned-promotions";
import { onlineChannelMix } from "~/features/promotions/queries/channel-mix.server";
import { CHANNEL_MIX_DAYS } from "./channel-shares.server";
import { shopTimezone } from "~/platform/shop-actor";

export interface LearnedLift {
  lift: number;
  /** Where it comes from, in words: how many past promotions, how sure. */
  reason: string;
  /** Distinct past promotions it rests on (a sale over many variants counts once). */
  events: number;
  confidence: "none" | "thin" | "fair" | "strong";
}

export interface PromotionDraft {
  id: number | null;
  fields: PromotionFields;
  capPerVariant: number | null;
  /** Caps a phasing set on single variants. */
  capByVariant: Readonly<Record<string, number>>;
  waves: PromotionWave[] | null;
  excludedVariantIds: readonly string[];
  /** Units a live promotion already sold toward each capped variant's cap. */
  soldByVariant?: Readonly<Record<string, number>>;
}

/** A saved promotion as a draft to check (its phasing included). */
export function draftOfPromotion(promotion: PromotionWithVariants): PromotionDraft {
  return {
    id: promotion.id,
    fields: {
      name: promotion.name,
      startsOn: day(promotion.startsOn),
      endsOn: day(promotion.endsOn),
      discountPct: promotion.discountPct,
      channel: promotion.channel,
      selection: promotion.selection as PromotionFields["selection"],
      upliftOverride: promotion.upliftOverride,
    },
    capPerVariant: promotion.capPerVariant,
    capByVariant: Object.fromEntries(promotion.variants.filter((v) => v.capUnits !== null).map((v) => [v.variantId.toString(), v.capUnits!])),
    waves: readWaves(promotion.waves),
    excludedVariantIds: promotion.variants.filter((v) => v.excluded).map((v) => v.variantId.toString()),
    soldByVariant: Object.fromEntries(promotion.variants.filter((v) => v.unitsSold !== null).map((v) => [v.variantId.toString(), v.unitsSold!])),
  };
}

export interface PromotionCheckView {
  check: PromotionCheck | null;
  lift: LearnedLift;
  variants: number;
  /** Why there is no check (no plan yet, nothing selected). */
  unavailable: string | null;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The lift for a depth across the promotion's product groups: their learned figures weighted by baseline units. */
export function learnedLift(model: UpliftModel | null, discountPct: number, groups: readonly string[]): LearnedLift {
  const used = model ?? PRIOR_UPLIFT_MODEL;
  const bucket = bucketOf(discountPct, used.buckets ?? DEFAULT_DEPTH_BUCKETS);
  const estimates = [...new Set(groups)].map((g) => used.groups[g]?.byBucket[bucket] ?? used.shop.byBucket[bucket]).filter((e) => e !== undefined);
  const shop = used.shop.byBucket[bucket];
  const pool = estimates.length > 0 ? estimates : shop ? [shop] : [];
  const units = pool.reduce((a, e) => a + Math.max(1, e.baselineUnits), 0);
  const lift = pool.length === 0 ? 1 : Math.exp(pool.reduce((a, e) => a + Math.max(1, e.baselineUnits) * Math.log(e.lift), 0) / units);
  // A sitewide sale shows up in every group: count each promotion once across them.
  const spans = pool.flatMap((e) => e.promotionSpans ?? []);
  const events = pool.every((e) => e.promotionSpans) ? mergePromotionSpans(spans).length : Math.max(0, ...pool.map(promotionCount));
  const weight = pool.length === 0 ? 0 : pool.reduce((a, e) => a + e.weight * Math.max(1, e.baselineUnits), 0) / units;
  const label = used.buckets[bucket]?.label ?? `${discountPct}%`;
  const confidence = !model || events === 0 ? "none" : weight >= 0.8 ? "strong" : weight >= 0.5 ? "fair" : "thin";
  const how =
    confidence === "none"
      ? `no past promotions at ${label} off to learn from: a default assumption`
      : `learned from ${events} past promotion${events === 1 ? "" : "s"} of these products at ${label} off (${confidence === "strong" ? "well established" : confidence === "fair" ? "fairly sure" : "thin data, leaning on the shop's average"})`;
  return { lift, events, confidence, reason: `Sales ×${lift.toFixed(1)}, ${how}.` };
}

function wavesOf(waves: readonly PromotionWave[] | null) {
  return waves ? waves.map((w) => ({ start: w.startsOn, end: w.endsOn, variantIds: w.variantIds })) : null;
}

function otherPlan(promotion: PromotionWithVariants, model: UpliftModel | null, groupOf: (variantId: string) => string): PromotionPlan {
  const included = promotion.variants.filter((v) => !v.excluded).map((v) => v.variantId.toString());
  return {
    id: String(promotion.id),
    name: promotion.name,
    start: day(promotion.startsOn),
    end: day(promotion.endsOn),
    lift: promotion.upliftOverride ?? learnedLift(model, promotion.discountPct, included.map(groupOf)).lift,
    discountPct: promotion.discountPct,
    variantIds: included,
    capUnits: promotion.capPerVariant,
    capByVariant: Object.fromEntries(promotion.variants.filter((v) => v.capUnits !== null).map((v) => [v.variantId.toString(), v.capUnits!])),
    waves: wavesOf(readWaves(promotion.waves)),
  };
}

export async function checkPromotionDraft(shop: Shop, draft: PromotionDraft): Promise<PromotionCheckView> {
  const model = (shop.upliftModel as UpliftModel | null) ?? null;
  const selected = await resolveSelection(shop.id, draft.fields.selection);
  const excluded = new Set(draft.excludedVariantIds);
  const variantIds = selected.filter((id) => !excluded.has(id.toString()));
  const active = await findActivePlan(shop.id);
  if (!active) return { check: null, lift: learnedLift(model, draft.fields.discountPct, []), variants: variantIds.length, unavailable: "Tempo checks promotions against its plan, and the first plan is not ready yet." };
  if (variantIds.length === 0) return { check: null, lift: learnedLift(model, draft.fields.discountPct, []), variants: 0, unavailable: "Pick the products the promotion covers." };

  const asOf = shopToday(shopTimezone(shop));
  const channel = draft.fields.channel;
  const [rows, openOrders, others, mix] = await Promise.all([
    loadPromotionCheckRows(shop.id, active.run.id, variantIds),
    loadOpenOrderUnits(shop.id, variantIds.map(String)),
    plannedPromotions(shop.id, asOf),
    // One online channel reaches only its share of what online locations sell; the stores' channel all of what stores sell.
    channel !== null && channel !== POINT_OF_SALE ? onlineChannelMix(shop.id, channel, POINT_OF_SALE, variantIds, new Date(Date.now() - CHANNEL_MIX_DAYS * 86_400_000)) : null,
  ]);
  const reached = rows.filter((r) => channelReaches(draft.fields.channel, r));
  const groupByVariant = new Map(rows.map((r) => [r.variantId, upliftGroupKey(r)]));
  const groupOf = (variantId: string) => groupByVariant.get(variantId) ?? "";
  const lift = learnedLift(model, draft.fields.discountPct, reached.map((r) => groupOf(r.variantId)));
  const upliftFor = (variantId: string) => learnedLift(model, draft.fields.discountPct, [groupOf(variantId)]).lift;
  const dip = (model ?? PRIOR_UPLIFT_MODEL).shop.dip.map((d) => d.change);
  const multiLocation = new Set(reached.map((r) => r.locationId)).size > 1;

  const series: SeriesInput[] = reached.map((row) => ({
    seriesId: `${row.variantId}:${row.locationId}`,
    variantId: row.variantId,
    locationId: row.locationId,
    variantLabel: row.variantTitle && row.variantTitle !== "Default Title" ? `${row.productTitle} / ${row.variantTitle}` : row.productTitle,
    ...(multiLocation ? { locationLabel: row.locationName } : {}),
    baseline: { kind: "weekly", weekStarts: row.mean.map((_, w) => addDays(row.firstWeek, 7 * w)), weekly: row.mean, weekdayIndex: row.weekdayIndex?.length === 7 ? row.weekdayIndex : undefined, distribution: row.distribution as DemandDistribution },
    available: row.available,
    inbound: [
      ...openOrders
        .filter((o) => o.variantId === row.variantId && o.locationId === row.locationId)
        .map((o) => ({ date: o.expectedDate ?? addDays(asOf, row.leadTimeDays), units: o.units, source: "purchase_order" as const, label: o.label })),
      ...(row.incoming > 0 ? [{ date: addDays(asOf, row.leadTimeDays), units: row.incoming, source: "shopify_incoming" as const, label: "Shopify incoming, date assumed" }] : []),
    ],
    ...(mix ? { channelShare: channelShareOf(mix.byVariant.get(row.variantId), mix.shop) } : {}),
    leadTimeDays: row.leadTimeDays,
    safetyStock: row.safetyStock,
    serviceLevel: row.serviceLevel,
    unitPrice: row.unitPrice,
    unitCost: row.unitCost,
    casePack: row.casePack,
    moqUnits: row.moqUnits,
  }));

  const promotion: PromotionPlan = {
    id: String(draft.id ?? "draft"),
    name: draft.fields.name || "This promotion",
    start: draft.fields.startsOn,
    end: draft.fields.endsOn,
    lift: draft.fields.upliftOverride ?? lift.lift,
    ...(draft.fields.upliftOverride === null ? { liftByVariant: Object.fromEntries(reached.map((r) => [r.variantId, { lift: upliftFor(r.variantId) }])) } : {}),
    discountPct: draft.fields.discountPct,
    dipByWeekAfter: dip,
    variantIds: variantIds.map(String),
    capUnits: draft.capPerVariant,
    ...(Object.keys(draft.capByVariant).length > 0 ? { capByVariant: draft.capByVariant } : {}),
    ...(draft.soldByVariant && Object.keys(draft.soldByVariant).length > 0 ? { soldByVariant: draft.soldByVariant } : {}),
    waves: wavesOf(draft.waves),
  };
  const check = checkPromotion({
    asOf,
    promotion,
    series,
    otherPromotions: others.filter((p) => p.id !== draft.id && channelsOverlap(p.channel, draft.fields.channel)).map((p) => otherPlan(p, model, groupOf)),
    formatMoney: moneyFormatter(shop.currencyCode ?? "USD"),
  });
  return { check, lift, variants: variantIds.length, unavailable: null };
}

function channelsOverlap(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}
