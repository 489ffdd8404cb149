/** Promotions and their variants, and the selection rules that pick variants. Every query is scoped to its shop. */
import { Prisma, type Promotion, type PromotionStatus, type PromotionVariant } from "@prisma/client";
import prisma from "~/platform/db.server";

/** How marketing picks variants: any combination; a variant matching any rule is in. */
export interface PromotionSelection {
  /** Every live variant of the shop (a sitewide sale). */
  everything?: boolean;
  productIds?: string[];
  variantIds?: string[];
  collections?: string[];
  productTypes?: string[];
  vendors?: string[];
  tags?: string[];
}

export interface PromotionFields {
  name: string;
  startsOn: string;
  endsOn: string;
  discountPct: number;
  channel: string | null;
  selection: PromotionSelection;
  upliftOverride: number | null;
}

export type PromotionWithVariants = Promotion & { variants: PromotionVariant[] };

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/** Live variants (tracked, of products not archived) matching a selection. */
export async function resolveSelection(shopId: number, selection: PromotionSelection): Promise<bigint[]> {
  const list = (values: string[] | undefined) => (values && values.length > 0 ? values : null);
  const ids = (values: string[] | undefined) => list(values?.filter((v) => /^\d{1,19}$/.test(v)));
  const rows = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT v."id" FROM "Variant" v JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
    WHERE v."shopId" = ${shopId} AND v."deletedAt" IS NULL AND p."deletedAt" IS NULL AND p."status" <> 'ARCHIVED'
      AND (
        ${selection.everything === true}
        OR (${ids(selection.productIds)}::bigint[] IS NOT NULL AND p."id" = ANY(${ids(selection.productIds)}::bigint[]))
        OR (${ids(selection.variantIds)}::bigint[] IS NOT NULL AND v."id" = ANY(${ids(selection.variantIds)}::bigint[]))
        OR (${list(selection.productTypes)}::text[] IS NOT NULL AND p."productType" = ANY(${list(selection.productTypes)}::text[]))
        OR (${list(selection.vendors)}::text[] IS NOT NULL AND p."vendor" = ANY(${list(selection.vendors)}::text[]))
        OR (${list(selection.tags)}::text[] IS NOT NULL AND p."tags" && ${list(selection.tags)}::text[])
        OR (${list(selection.collections)}::text[] IS NOT NULL AND (p."collections" && ${list(selection.collections)}::text[]
            OR EXISTS (SELECT 1 FROM "Collection" c WHERE c."shopId" = v."shopId" AND c."deletedAt" IS NULL AND c."title" = ANY(${list(selection.collections)}::text[]) AND p."id" = ANY(c."productIds"))))
      )
    ORDER BY v."id"`;
  return rows.map((r) => r.id);
}

/** The choices a selection can make: the shop's product types, vendors, tags and collections, with counts. */
export async function selectionChoices(shopId: number) {
  const [types, vendors, tags, collections] = await Promise.all([
    prisma.$queryRaw<{ value: string; count: number }[]>`SELECT "productType" AS "value", COUNT(*)::int AS "count" FROM "Product" WHERE "shopId" = ${shopId} AND "deletedAt" IS NULL AND COALESCE("productType", '') <> '' GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<{ value: string; count: number }[]>`SELECT "vendor" AS "value", COUNT(*)::int AS "count" FROM "Product" WHERE "shopId" = ${shopId} AND "deletedAt" IS NULL AND COALESCE("vendor", '') <> '' GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<{ value: string; count: number }[]>`SELECT t AS "value", COUNT(*)::int AS "count" FROM "Product", unnest("tags") AS t WHERE "shopId" = ${shopId} AND "deletedAt" IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200`,
    prisma.$queryRaw<{ value: string; count: number }[]>`
      SELECT "title" AS "value", cardinality("productIds")::int AS "count" FROM "Collection" WHERE "shopId" = ${shopId} AND "deletedAt" IS NULL
      UNION
      SELECT c AS "value", COUNT(*)::int AS "count" FROM "Product", unnest("collections") AS c WHERE "shopId" = ${shopId} AND "deletedAt" IS NULL GROUP BY 1
      ORDER BY 1`,
  ]);
  const unique = (rows: { value: string; count: number }[]) => [...new Map(rows.map((r) => [r.value, r])).values()];
  return { productTypes: types, vendors, tags, collections: unique(collections) };
}

export interface ProductChoice {
  id: string;
  title: string;
  variants: number;
}

/** Products whose title, vendor or a variant's SKU contains the text, for picking single products. */
export async function searchProducts(shopId: number, text: string, limit = 20): Promise<ProductChoice[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await prisma.$queryRaw<{ id: bigint; title: string; variants: number }[]>`
    SELECT p."id", p."title", (SELECT COUNT(*)::int FROM "Variant" v WHERE v."shopId" = p."shopId" AND v."productId" = p."id" AND v."deletedAt" IS NULL) AS "variants"
    FROM "Product" p
    WHERE p."shopId" = ${shopId} AND p."deletedAt" IS NULL AND p."status" <> 'ARCHIVED'
      AND (p."title" ILIKE ${pattern} OR p."vendor" ILIKE ${pattern}
           OR EXISTS (SELECT 1 FROM "Variant" v WHERE v."shopId" = p."shopId" AND v."productId" = p."id" AND v."sku" ILIKE ${pattern}))
    ORDER BY p."title", p."id"
    LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id.toString(), title: r.title, variants: r.variants }));
}

/** The named products, for showing a selection's picks by title. */
export async function productChoices(shopId: number, ids: readonly string[]): Promise<ProductChoice[]> {
  const numeric = ids.filter((id) => /^\d{1,19}$/.test(id)).map(BigInt);
  if (numeric.length === 0) return [];
  const rows = await prisma.$queryRaw<{ id: bigint; title: string; variants: number }[]>`
    SELECT p."id", p."title", (SELECT COUNT(*)::int FROM "Variant" v WHERE v."shopId" = p."shopId" AND v."productId" = p."id" AND v."deletedAt" IS NULL) AS "variants"
    FROM "Product" p WHERE p."shopId" = ${shopId} AND p."id" = ANY(${numeric}::bigint[]) ORDER BY p."title"`;
  return rows.map((r) => ({ id: r.id.toString(), title: r.title, variants: r.variants }));
}

/** "Product / Variant" labels (the product alone for a single-variant product), by variant id. */
export async function variantLabels(shopId: number, variantIds: readonly bigint[]): Promise<Map<string, string>> {
  if (variantIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ id: bigint; productTitle: string; variantTitle: string | null }[]>`
    SELECT v."id", COALESCE(p."title", '') AS "productTitle", v."title" AS "variantTitle"
    FROM "Variant" v LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
    WHERE v."shopId" = ${shopId} AND v."id" = ANY(${[...variantIds]}::bigint[])`;
  return new Map(rows.map((r) => [r.id.toString(), r.variantTitle && r.variantTitle !== "Default Title" ? `${r.productTitle} / ${r.variantTitle}` : r.productTitle]));
}

export async function listPromotions(shopId: number, range?: { from: string; to: string }): Promise<PromotionWithVariants[]> {
  return prisma.promotion.findMany({
    where: { shopId, ...(range ? { endsOn: { gte: day(range.from) }, startsOn: { lte: day(range.to) } } : {}) },
    include: { variants: true },
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
  });
}

/** Promotion ids by the Shopify discount each was made from. */
export async function promotionsByDiscount(shopId: number): Promise<Map<string, number>> {
  const rows = await prisma.promotion.findMany({ where: { shopId, shopifyDiscountId: { not: null } }, select: { id: true, shopifyDiscountId: true }, orderBy: { id: "asc" } });
  return new Map(rows.map((r) => [String(r.shopifyDiscountId), r.id]));
}

export async function getPromotion(shopId: number, id: number): Promise<PromotionWithVariants | null> {
  return prisma.promotion.findFirst({ where: { shopId, id }, include: { variants: true } });
}

type Db = Prisma.TransactionClient;

export async function createPromotion(db: Db, shopId: number, fields: PromotionFields, createdBy: string, extra: { shopifyDiscountId?: bigint | null } = {}): Promise<Promotion> {
  return db.promotion.create({
    data: {
      shopId,
      name: fields.name,
      startsOn: day(fields.startsOn),
      endsOn: day(fields.endsOn),
      discountPct: fields.discountPct,
      channel: fields.channel,
      selection: fields.selection as Prisma.InputJsonValue,
      upliftOverride: fields.upliftOverride,
      createdBy,
      shopifyDiscountId: extra.shopifyDiscountId ?? null,
    },
  });
}

export async function updatePromotion(db: Db, shopId: number, id: number, fields: Partial<PromotionFields> & { status?: PromotionStatus; capPerVariant?: number | null; waves?: unknown }): Promise<boolean> {
  const result = await db.promotion.updateMany({
    where: { shopId, id },
    data: {
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.startsOn !== undefined ? { startsOn: day(fields.startsOn) } : {}),
      ...(fields.endsOn !== undefined ? { endsOn: day(fields.endsOn) } : {}),
      ...(fields.discountPct !== undefined ? { discountPct: fields.discountPct } : {}),
      ...(fields.channel !== undefined ? { channel: fields.channel } : {}),
      ...(fields.selection !== undefined ? { selection: fields.selection as Prisma.InputJsonValue } : {}),
      ...(fields.upliftOverride !== undefined ? { upliftOverride: fields.upliftOverride } : {}),
      ...(fields.status !== undefined ? { status: fields.status } : {}),
      ...(fields.capPerVariant !== undefined ? { capPerVariant: fields.capPerVariant } : {}),
      ...(fields.waves !== undefined ? { waves: fields.waves === null ? Prisma.DbNull : (fields.waves as Prisma.InputJsonValue) } : {}),
    },
  });
  return result.count > 0;
}

/** Replaces a promotion's variants, keeping the exclusions and caps of variants that stay. */
export async function setPromotionVariants(db: Db, shopId: number, promotionId: number, variantIds: readonly bigint[]): Promise<void> {
  await db.promotionVariant.deleteMany({ where: { shopId, promotionId, variantId: { notIn: [...variantIds] } } });
  await db.promotionVariant.createMany({ data: variantIds.map((variantId) => ({ shopId, promotionId, variantId })), skipDuplicates: true });
}

export async function excludePromotionVariants(db: Db, shopId: number, promotionId: number, variantIds: readonly bigint[], excluded: boolean): Promise<void> {
  await db.promotionVariant.updateMany({ where: { shopId, promotionId, variantId: { in: [...variantIds] } }, data: { excluded } });
}

export async function saveCheck(shopId: number, id: number, check: { verdict: string; reason: string; details: unknown }): Promise<void> {
  await prisma.promotion.updateMany({ where: { shopId, id }, data: { verdict: check.verdict, verdictReason: check.reason, check: check.details as Prisma.InputJsonValue, checkedAt: new Date() } });
}

export async function deletePromotion(shopId: number, id: number): Promise<boolean> {
  return (await prisma.promotion.deleteMany({ where: { shopId, id } })).count > 0;
}

/** Planned and live promotions still running on or after `from`: the demand the plan must carry. */
export async function plannedPromotions(shopId: number, from: string): Promise<PromotionWithVariants[]> {
  return prisma.promotion.findMany({ where: { shopId, status: { in: ["PLANNED", "LIVE"] }, endsOn: { gte: day(from) } }, include: { variants: true }, orderBy: { startsOn: "asc" } });
}

/** Tempo promotions that ran (live or done) and started before `before`, with their variants. */
export async function pastPromotions(shopId: number, before: string): Promise<PromotionWithVariants[]> {
  return prisma.promotion.findMany({ where: { shopId, status: { in: ["LIVE", "DONE"] }, startsOn: { lt: day(before) } }, include: { variants: true }, orderBy: { startsOn: "asc" } });
}

/** Planned promotions become live on their first day and done after their last (shop calendar). */
/** Moves promotions on to LIVE and DONE as of `today`; returns the ids that just became DONE (to measure). */
export async function advancePromotionStatuses(shopId: number, today: string): Promise<number[]> {
  await prisma.promotion.updateMany({ where: { shopId, status: "PLANNED", startsOn: { lte: day(today) }, endsOn: { gte: day(today) } }, data: { status: "LIVE" } });
  const ending = await prisma.promotion.findMany({ where: { shopId, status: { in: ["PLANNED", "LIVE"] }, endsOn: { lt: day(today) } }, select: { id: true } });
  if (ending.length === 0) return [];
  const ids = ending.map((p) => p.id);
  await prisma.promotion.updateMany({ where: { shopId, id: { in: ids } }, data: { status: "DONE" } });
  return ids;
}

export interface MeasuredActual {
  plannedUplift: number | null;
  actualUplift: number | null;
  note: string;
  units: number;
  baselineUnits: number;
}

export async function saveActualUplift(shopId: number, id: number, actual: MeasuredActual): Promise<void> {
  await prisma.promotion.updateMany({
    where: { shopId, id },
    data: { plannedUplift: actual.plannedUplift, actualUplift: actual.actualUplift, actualUpliftNote: actual.note, actualUnits: actual.units, actualBaselineUnits: actual.baselineUnits, actualMeasuredAt: new Date() },
  });
}

/** Finished promotions with a measured lift, for blending into the uplift model. */
export async function measuredPromotions(shopId: number): Promise<PromotionWithVariants[]> {
  return prisma.promotion.findMany({ where: { shopId, status: "DONE", actualBaselineUnits: { gt: 0 } }, include: { variants: true }, orderBy: { startsOn: "asc" } });
}

export interface PromotionStockWeek {
  promotionId: number;
  week: number;
  projected: number;
  demand: number;
}

/** Per promotion and forecast week: projected stock and demand (with promotions) summed over its included variants, from the active run. */
export async function promotionStockByWeek(shopId: number, runId: number, promotionIds: readonly number[], weeks: number): Promise<PromotionStockWeek[]> {
  if (promotionIds.length === 0) return [];
  return prisma.$queryRaw<PromotionStockWeek[]>`
    SELECT pv."promotionId", u.i::int AS "week", SUM(COALESCE(u.proj, 0))::float8 AS "projected", SUM(COALESCE(u.m, 0) + COALESCE(u.pu, 0))::float8 AS "demand"
    FROM "PromotionVariant" pv
    JOIN "StockPlan" s ON s."shopId" = pv."shopId" AND s."planRunId" = ${runId} AND s."variantId" = pv."variantId"
    JOIN "Forecast" f ON f."shopId" = s."shopId" AND f."planRunId" = s."planRunId" AND f."variantId" = s."variantId" AND f."locationId" = s."locationId",
    unnest(s."projected"[1:${weeks}], f."mean"[1:${weeks}], f."promoUnits"[1:${weeks}]) WITH ORDINALITY AS u(proj, m, pu, i)
    WHERE pv."shopId" = ${shopId} AND pv."promotionId" = ANY(${[...promotionIds]}::int[]) AND NOT pv."excluded"
    GROUP BY pv."promotionId", u.i`;
}

export interface PromotionCheckRow {
  variantId: string;
  locationId: string;
  productTitle: string;
  variantTitle: string;
  productType: string | null;
  productId: string;
  locationName: string;
  fulfillsOnlineOrders: boolean;
  firstWeek: string;
  mean: number[];
  weekdayIndex: number[] | null;
  distribution: unknown;
  available: number;
  leadTimeDays: number;
  safetyStock: number;
  serviceLevel: number;
  unitPrice: number | null;
  unitCost: number | null;
  casePack: number;
  moqUnits: number;
  incoming: number;
}

/** What checking a promotion reads for its variants at every location: the active run's forecast and stock plan, and buying terms. */
export async function loadPromotionCheckRows(shopId: number, runId: number, variantIds: readonly bigint[]): Promise<PromotionCheckRow[]> {
  if (variantIds.length === 0) return [];
  return prisma.$queryRaw<PromotionCheckRow[]>`
    SELECT s."variantId"::text AS "variantId", s."locationId"::text AS "locationId", COALESCE(p."title", '') AS "productTitle", COALESCE(v."title", '') AS "variantTitle",
           p."productType", v."productId"::text AS "productId", COALESCE(l."name", '') AS "locationName", COALESCE(l."fulfillsOnlineOrders", true) AS "fulfillsOnlineOrders",
           to_char(f."firstWeek", 'YYYY-MM-DD') AS "firstWeek", f."mean", f."weekdayIndex", f."distribution",
           s."available", s."leadTimeDays", s."safetyStock", s."serviceLevel", s."unitPrice"::float8 AS "unitPrice", s."unitCost"::float8 AS "unitCost",
           COALESCE(t."casePack", su."casePack", 1)::int AS "casePack", COALESCE(t."moqUnits", su."moqUnits", 0)::int AS "moqUnits",
           COALESCE(il."incoming", 0)::int AS "incoming"
    FROM "StockPlan" s
    JOIN "Forecast" f ON f."shopId" = s."shopId" AND f."planRunId" = s."planRunId" AND f."variantId" = s."variantId" AND f."locationId" = s."locationId"
    LEFT JOIN "Variant" v ON v."shopId" = s."shopId" AND v."id" = s."variantId"
    LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
    LEFT JOIN "Location" l ON l."shopId" = s."shopId" AND l."id" = s."locationId"
    LEFT JOIN "VariantBuyingTerms" t ON t."shopId" = s."shopId" AND t."variantId" = s."variantId"
    LEFT JOIN "Supplier" su ON su."shopId" = s."shopId" AND su."id" = s."supplierId"
    LEFT JOIN "InventoryLevel" il ON il."shopId" = s."shopId" AND il."variantId" = s."variantId" AND il."locationId" = s."locationId"
    WHERE s."shopId" = ${shopId} AND s."planRunId" = ${runId} AND s."variantId" = ANY(${variantIds.map(String)}::bigint[])
    ORDER BY s."variantId", s."locationId"`;
}
