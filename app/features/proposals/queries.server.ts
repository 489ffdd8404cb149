/**
 * Reorder proposals as the operations lead sees and decides them: the list with everything a
 * line needs on screen (product, location, supplier, stock, the forecast that recomputes weeks
 * of supply as a quantity is edited), and the merchant's edits and decisions. Scoped by shopId.
 */
import type { Prisma, ProposalStatus } from "@prisma/client";
import prisma from "~/platform/db.server";
import { demandForecastOf, type DemandForecast } from "~/engine/projection";

export interface ProposalLine {
  id: number;
  status: ProposalStatus;
  variantId: string;
  locationId: string;
  locationName: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  supplierId: number | null;
  supplierName: string | null;
  quantity: number;
  suggestedQuantity: number;
  edited: boolean;
  needed: boolean;
  unitCost: number | null;
  currencyCode: string | null;
  orderByDate: string;
  expectedArrivalDate: string;
  reason: string;
  termsSource: string;
  termsNote: string;
  budgetCut: boolean;
  budgetReason: string | null;
  marginAtRisk: number | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  purchaseOrderId: number | null;
  available: number;
  inbound: number;
  /** The stock plan's forecast from its plan date: weeks of supply follow edits with it. Null when the line has no stock plan. */
  forecast: DemandForecast | null;
  casePack: number;
  moqUnits: number;
}

export type ProposalSort = "order_by" | "line_cost" | "margin_at_risk" | "product";
export interface ProposalFilters {
  statuses: ProposalStatus[];
  supplierId?: number | "none";
  query?: string;
  budgetCutOnly?: boolean;
  sort?: ProposalSort;
  limit?: number;
}

const SORT_SQL: Record<ProposalSort, string> = {
  order_by: `r."orderByDate" ASC, r."id" ASC`,
  line_cost: `(r."quantity" * COALESCE(r."unitCost", 0)) DESC, r."id" ASC`,
  margin_at_risk: `r."marginAtRisk" DESC NULLS LAST, r."id" ASC`,
  product: `p."title" ASC, v."title" ASC, r."id" ASC`,
};

/** What the filters and sorts read: the line, its product and variant (search, product sort) and supplier. */
const PROPOSAL_FROM = `
     FROM "ReorderProposal" r
     LEFT JOIN "Variant" v ON v."shopId" = r."shopId" AND v."id" = r."variantId"
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     LEFT JOIN "Supplier" s ON s."shopId" = r."shopId" AND s."id" = r."supplierId"`;

/** $1 shop, $2 statuses, $3 supplier (−1: none), $4 search pattern, $5 budget-cut only. */
const PROPOSAL_WHERE = `WHERE r."shopId" = $1 AND r."status"::text = ANY($2::text[])
       AND ($3::int IS NULL OR ($3 = -1 AND r."supplierId" IS NULL) OR r."supplierId" = $3)
       AND ($4::text IS NULL OR p."title" ILIKE $4 OR v."title" ILIKE $4 OR v."sku" ILIKE $4 OR s."name" ILIKE $4)
       AND (NOT $5::boolean OR r."budgetCut")`;

function filterParameters(shopId: number, filters: ProposalFilters): [number, ProposalStatus[], number | null, string | null, boolean] {
  const query = filters.query?.trim() ? `%${filters.query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const supplier = filters.supplierId === "none" ? -1 : (filters.supplierId ?? null);
  return [shopId, filters.statuses, supplier, query, filters.budgetCutOnly ?? false];
}

/**
 * One page of lines, grouped by supplier then sorted; `offset` lines are skipped. The page is
 * found on the narrow columns first; only its lines are joined to stock and forecast arrays
 * (joining them for every line before the limit made a 5,000-line list take most of a second).
 */
export async function listProposals(shopId: number, filters: ProposalFilters & { offset?: number }): Promise<ProposalLine[]> {
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH page AS (
       SELECT r."id", row_number() OVER (ORDER BY s."name" ASC NULLS LAST, ${SORT_SQL[filters.sort ?? "order_by"]}) AS "position"
       ${PROPOSAL_FROM}
       ${PROPOSAL_WHERE}
       ORDER BY "position"
       LIMIT $6 OFFSET $7
     )
     SELECT r."id", r."status", r."variantId"::text AS "variantId", r."locationId"::text AS "locationId", COALESCE(l."name", '') AS "locationName",
            v."productId"::text AS "productId", COALESCE(p."title", '') AS "productTitle", v."title" AS "variantTitle", v."sku",
            r."supplierId", s."name" AS "supplierName", r."quantity", r."suggestedQuantity", r."edited", r."needed",
            r."unitCost"::float8 AS "unitCost", r."currencyCode", to_char(r."orderByDate", 'YYYY-MM-DD') AS "orderByDate",
            to_char(r."expectedArrivalDate", 'YYYY-MM-DD') AS "expectedArrivalDate", r."reason", r."termsSource", r."termsNote",
            r."budgetCut", r."budgetReason", r."marginAtRisk"::float8 AS "marginAtRisk", r."decisionReason", r."decidedBy", r."decidedAt", r."purchaseOrderId",
            COALESCE(sp."available", 0) AS "available", COALESCE(sp."inbound", 0) AS "inbound",
            to_char(sp."asOf", 'YYYY-MM-DD') AS "planDate", to_char(f."firstWeek", 'YYYY-MM-DD') AS "firstWeek", f."mean", f."promoUnits", f."weekdayIndex",
            COALESCE(t."casePack", s."casePack", 1) AS "casePack", COALESCE(t."moqUnits", s."moqUnits", 0) AS "moqUnits"
     FROM page
     JOIN "ReorderProposal" r ON r."shopId" = $1 AND r."id" = page."id"
     JOIN "Shop" sh ON sh."id" = r."shopId"
     LEFT JOIN "Variant" v ON v."shopId" = r."shopId" AND v."id" = r."variantId"
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     LEFT JOIN "Location" l ON l."shopId" = r."shopId" AND l."id" = r."locationId"
     LEFT JOIN "Supplier" s ON s."shopId" = r."shopId" AND s."id" = r."supplierId"
     LEFT JOIN "VariantBuyingTerms" t ON t."shopId" = r."shopId" AND t."variantId" = r."variantId"
     LEFT JOIN "StockPlan" sp ON sp."shopId" = r."shopId" AND sp."planRunId" = sh."activePlanRunId" AND sp."variantId" = r."variantId" AND sp."locationId" = r."locationId"
     LEFT JOIN "Forecast" f ON f."shopId" = r."shopId" AND f."planRunId" = sh."activePlanRunId" AND f."variantId" = r."variantId" AND f."locationId" = r."locationId"
     ORDER BY page."position"`,
    ...filterParameters(shopId, filters),
    filters.limit ?? 500,
    filters.offset ?? 0,
  );
  return rows.map((r) => {
    const { planDate, firstWeek, mean, promoUnits, weekdayIndex, ...line } = r as Record<string, unknown> & StoredForecastColumns;
    const forecast = planDate !== null && firstWeek !== null && mean !== null ? demandForecastOf({ firstWeek, mean, promoUnits: promoUnits ?? [], weekdayIndex: weekdayIndex ?? [] }, planDate) : null;
    return { ...line, forecast, decidedAt: r.decidedAt instanceof Date ? r.decidedAt.toISOString() : null } as unknown as ProposalLine;
  });
}

/** The forecast columns a line's weeks of supply is recomputed from (null without a stock plan). */
interface StoredForecastColumns {
  planDate: string | null;
  firstWeek: string | null;
  mean: number[] | null;
  promoUnits: number[] | null;
  weekdayIndex: number[] | null;
}

export interface ProposalSummary {
  /** lines matching the filters */
  lines: number;
  /** of those, still to order (proposed or approved), their cost and how many the budget cut */
  openLines: number;
  openCost: number;
  budgetCut: number;
  /** per supplier id ("none": no supplier), every matching line and their cost: the table's subheaders */
  bySupplier: Record<string, { lines: number; cost: number }>;
}

/** Totals over every line the filters match, not just the page on screen. */
export async function summarizeProposals(shopId: number, filters: ProposalFilters): Promise<ProposalSummary> {
  const parameters = filterParameters(shopId, filters);
  const [[row], suppliers] = await Promise.all([
    prisma.$queryRawUnsafe<Omit<ProposalSummary, "bySupplier">[]>(
      `SELECT count(*)::int AS "lines",
              count(*) FILTER (WHERE r."status" IN ('PROPOSED', 'APPROVED'))::int AS "openLines",
              COALESCE(sum(r."quantity" * COALESCE(r."unitCost", 0)) FILTER (WHERE r."status" IN ('PROPOSED', 'APPROVED')), 0)::float8 AS "openCost",
              count(*) FILTER (WHERE r."status" IN ('PROPOSED', 'APPROVED') AND r."budgetCut")::int AS "budgetCut"
       ${PROPOSAL_FROM}
       ${PROPOSAL_WHERE}`,
      ...parameters,
    ),
    prisma.$queryRawUnsafe<{ supplierId: number | null; lines: number; cost: number }[]>(
      `SELECT r."supplierId", count(*)::int AS "lines", COALESCE(sum(r."quantity" * COALESCE(r."unitCost", 0)), 0)::float8 AS "cost"
       ${PROPOSAL_FROM}
       ${PROPOSAL_WHERE}
       GROUP BY r."supplierId"`,
      ...parameters,
    ),
  ]);
  const bySupplier = Object.fromEntries(suppliers.map((g) => [g.supplierId === null ? "none" : String(g.supplierId), { lines: g.lines, cost: g.cost }]));
  return { ...(row ?? { lines: 0, openLines: 0, openCost: 0, budgetCut: 0 }), bySupplier };
}

/** Ids of the approved lines the filters match, whatever page or tab is open: what "Create purchase orders" orders. */
export async function approvedProposalIds(shopId: number, filters: Omit<ProposalFilters, "statuses">): Promise<number[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
    `SELECT r."id" ${PROPOSAL_FROM} ${PROPOSAL_WHERE} ORDER BY r."id" LIMIT $6`,
    ...filterParameters(shopId, { ...filters, statuses: ["APPROVED"] }),
    filters.limit ?? 5000,
  );
  return rows.map((r) => r.id);
}

export async function countProposalsByStatus(shopId: number): Promise<Record<ProposalStatus, number>> {
  const groups = await prisma.reorderProposal.groupBy({ by: ["status"], where: { shopId }, _count: { _all: true } });
  const counts: Record<ProposalStatus, number> = { PROPOSED: 0, APPROVED: 0, REJECTED: 0, ORDERED: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

export async function findProposals(shopId: number, ids: readonly number[]) {
  return prisma.reorderProposal.findMany({ where: { shopId, id: { in: [...ids] } } });
}

export type Db = Prisma.TransactionClient;

export async function setProposalQuantity(db: Db, shopId: number, id: number, quantity: number): Promise<void> {
  await db.reorderProposal.updateMany({ where: { shopId, id, status: { in: ["PROPOSED", "APPROVED"] } }, data: { quantity, edited: true } });
}

export async function decideProposals(db: Db, shopId: number, ids: readonly number[], decision: { status: "APPROVED" | "REJECTED" | "PROPOSED"; reason: string | null; actor: string }): Promise<number> {
  const from: ProposalStatus[] = decision.status === "PROPOSED" ? ["APPROVED", "REJECTED"] : decision.status === "APPROVED" ? ["PROPOSED"] : ["PROPOSED", "APPROVED"];
  const result = await db.reorderProposal.updateMany({
    where: { shopId, id: { in: [...ids] }, status: { in: from } },
    data: { status: decision.status, decisionReason: decision.reason, decidedBy: decision.actor, decidedAt: new Date() },
  });
  return result.count;
}

export async function markProposalsOrdered(db: Db, shopId: number, ids: readonly number[], purchaseOrderId: number): Promise<void> {
  await db.reorderProposal.updateMany({ where: { shopId, id: { in: [...ids] }, status: "APPROVED" }, data: { status: "ORDERED", purchaseOrderId } });
}

/** Approved lines still to be ordered, for turning into purchase orders. */
/** Of these ids, the shop's approved lines: inside the ordering transaction, or read alone for its confirmation. */
export async function approvedProposals(shopId: number, ids: readonly number[], db: Db = prisma) {
  return db.reorderProposal.findMany({ where: { shopId, id: { in: [...ids] }, status: "APPROVED" }, orderBy: { id: "asc" } });
}

/** The names a purchase-order confirmation shows: the shop's suppliers and locations among these ids. */
export async function supplierAndLocationNames(shopId: number, supplierIds: readonly number[], locationIds: readonly bigint[]) {
  const [suppliers, locations] = await Promise.all([
    prisma.supplier.findMany({ where: { shopId, id: { in: [...supplierIds] } }, select: { id: true, name: true } }),
    prisma.location.findMany({ where: { shopId, id: { in: [...locationIds] } }, select: { id: true, name: true } }),
  ]);
  return { suppliers: new Map(suppliers.map((s) => [s.id, s.name])), locations: new Map(locations.map((l) => [l.id.toString(), l.name])) };
}


/** The case pack and MOQ an edited quantity must respect: the variant's terms, else its supplier's. */
export async function findProposalRules(shopId: number, id: number): Promise<{ casePack: number; moqUnits: number } | null> {
  const rows = await prisma.$queryRaw<{ casePack: number; moqUnits: number }[]>`
    SELECT COALESCE(t."casePack", s."casePack", 1)::int AS "casePack", COALESCE(t."moqUnits", s."moqUnits", 0)::int AS "moqUnits"
    FROM "ReorderProposal" r
    LEFT JOIN "VariantBuyingTerms" t ON t."shopId" = r."shopId" AND t."variantId" = r."variantId"
    LEFT JOIN "Supplier" s ON s."shopId" = r."shopId" AND s."id" = r."supplierId"
    WHERE r."shopId" = ${shopId} AND r."id" = ${id}`;
  return rows[0] ?? null;
}

/**
 * Reorder lines a promotion's "order more" option asks for: a variant's live line grows to at
 * least the quantity (marked edited, so the next plan keeps it), or a new proposed line opens.
 */
export async function addPromotionOrderLines(
  db: Db,
  shopId: number,
  promotionName: string,
  lines: readonly { variantId: string; locationId: string | null; quantity: number; orderByDate: string; expectedArrivalDate: string; lineCost: number | null; reason: string }[],
): Promise<void> {
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { activePlanRunId: true, currencyCode: true } });
  for (const line of lines) {
    if (line.locationId === null) continue;
    const variantId = BigInt(line.variantId);
    const locationId = BigInt(line.locationId);
    const live = await db.reorderProposal.findFirst({ where: { shopId, variantId, locationId, status: { in: ["PROPOSED", "APPROVED"] } } });
    const reason = `For the promotion "${promotionName}": ${line.reason}`;
    if (live) {
      await db.reorderProposal.update({ where: { id: live.id }, data: { quantity: Math.max(live.quantity, line.quantity), edited: true, reason } });
      continue;
    }
    const unitCost = line.lineCost !== null && line.quantity > 0 ? line.lineCost / line.quantity : null;
    await db.reorderProposal.create({
      data: {
        shopId,
        variantId,
        locationId,
        suggestedQuantity: line.quantity,
        quantity: line.quantity,
        edited: true,
        unitCost,
        currencyCode: shop.currencyCode,
        orderByDate: new Date(`${line.orderByDate}T00:00:00Z`),
        expectedArrivalDate: new Date(`${line.expectedArrivalDate}T00:00:00Z`),
        reason,
        termsSource: "shop",
        termsNote: "Ordered for a promotion.",
        planRunId: shop.activePlanRunId ?? 0,
      },
    });
  }
}
