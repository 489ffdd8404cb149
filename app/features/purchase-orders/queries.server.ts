/** Purchase orders and their lines. Every query is scoped to its shop. */
import { Prisma, type PurchaseOrderStatus } from "@prisma/client";
import prisma from "~/platform/db.server";

import { costedTotal } from "~/engine/purchase-orders/order-total";

type Db = Prisma.TransactionClient;

const orderTotalOf = (lines: readonly { quantityOrdered: number; unitCost: number | null }[]) => {
  const { total, uncosted } = costedTotal(lines);
  return { total, uncostedLines: uncosted };
};

export interface NewPurchaseOrder {
  supplierId: number | null;
  locationId: bigint;
  currencyCode: string | null;
  expectedAt: string | null;
  createdBy: string;
  lines: { variantId: bigint; quantityOrdered: number; unitCost: number | null }[];
}

/** Creates an order numbered from the shop's own sequence (PO-1001, PO-1002, ...). */
export async function createPurchaseOrder(db: Db, shopId: number, order: NewPurchaseOrder): Promise<{ id: number; number: number }> {
  const shop = await db.shop.update({ where: { id: shopId }, data: { nextPurchaseOrderNumber: { increment: 1 } }, select: { nextPurchaseOrderNumber: true } });
  const number = shop.nextPurchaseOrderNumber - 1;
  const created = await db.purchaseOrder.create({
    data: {
      shopId,
      number,
      supplierId: order.supplierId,
      locationId: order.locationId,
      currencyCode: order.currencyCode,
      expectedAt: order.expectedAt ? new Date(`${order.expectedAt}T00:00:00Z`) : null,
      createdBy: order.createdBy,
      lines: {
        create: order.lines.map((line) => ({
          shopId,
          variantId: line.variantId,
          quantityOrdered: line.quantityOrdered,
          unitCost: line.unitCost === null ? null : new Prisma.Decimal(line.unitCost),
        })),
      },
    },
  });
  return { id: created.id, number };
}

export interface PurchaseOrderSummary {
  id: number;
  number: number;
  status: PurchaseOrderStatus;
  supplierName: string | null;
  locationName: string;
  currencyCode: string | null;
  expectedAt: string | null;
  createdAt: string;
  lines: number;
  unitsOrdered: number;
  unitsReceived: number;
  total: number | null;
  /** Lines without a unit cost, left out of `total`. */
  uncostedLines: number;
}

export async function listPurchaseOrders(shopId: number, statuses?: readonly PurchaseOrderStatus[]): Promise<PurchaseOrderSummary[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT o."id", o."number", o."status", s."name" AS "supplierName", COALESCE(l."name", '') AS "locationName", o."currencyCode",
           to_char(o."expectedAt", 'YYYY-MM-DD') AS "expectedAt", o."createdAt",
           count(li."id")::int AS "lines", COALESCE(sum(li."quantityOrdered"), 0)::int AS "unitsOrdered", COALESCE(sum(li."quantityReceived"), 0)::int AS "unitsReceived",
           sum(li."quantityOrdered" * li."unitCost")::float8 AS "total", count(li."id") FILTER (WHERE li."unitCost" IS NULL)::int AS "uncostedLines"
    FROM "PurchaseOrder" o
    LEFT JOIN "Supplier" s ON s."shopId" = o."shopId" AND s."id" = o."supplierId"
    LEFT JOIN "Location" l ON l."shopId" = o."shopId" AND l."id" = o."locationId"
    LEFT JOIN "PurchaseOrderLine" li ON li."shopId" = o."shopId" AND li."purchaseOrderId" = o."id"
    WHERE o."shopId" = ${shopId} AND (${statuses ? [...statuses] : null}::text[] IS NULL OR o."status"::text = ANY(${statuses ? [...statuses] : null}::text[]))
    GROUP BY o."id", s."name", l."name"
    ORDER BY o."number" DESC
    LIMIT 500`;
  return rows.map((r) => ({ ...r, createdAt: (r.createdAt as Date).toISOString() }) as unknown as PurchaseOrderSummary);
}

export interface PurchaseOrderLineView {
  id: number;
  variantId: string;
  /** Shopify's inventory item of the variant, where received units go; null for a deleted variant. */
  inventoryItemId: string | null;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  quantityOrdered: number;
  quantityReceived: number;
  unitCost: number | null;
}

export interface PurchaseOrderView extends Omit<PurchaseOrderSummary, "lines"> {
  locationId: string;
  supplierId: number | null;
  supplierEmail: string | null;
  note: string | null;
  createdBy: string | null;
  sentAt: string | null;
  receivedAt: string | null;
  cancelledAt: string | null;
  lines: PurchaseOrderLineView[];
}

export async function getPurchaseOrder(shopId: number, id: number): Promise<PurchaseOrderView | null> {
  const order = await prisma.purchaseOrder.findFirst({ where: { shopId, id }, include: { supplier: true, lines: { orderBy: { id: "asc" } } } });
  if (!order) return null;
  const variantIds = order.lines.map((l) => l.variantId);
  const [variants, location] = await Promise.all([
    prisma.variant.findMany({ where: { shopId, id: { in: variantIds } } }),
    prisma.location.findFirst({ where: { shopId, id: order.locationId } }),
  ]);
  const products = await prisma.product.findMany({ where: { shopId, id: { in: [...new Set(variants.map((v) => v.productId))] } } });
  const variantById = new Map(variants.map((v) => [v.id, v]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const lines = order.lines.map((line) => {
    const variant = variantById.get(line.variantId);
    return {
      id: line.id,
      variantId: line.variantId.toString(),
      inventoryItemId: variant?.inventoryItemId?.toString() ?? null,
      productTitle: (variant && productById.get(variant.productId)?.title) ?? "Deleted product",
      variantTitle: variant?.title ?? "",
      sku: variant?.sku ?? null,
      quantityOrdered: line.quantityOrdered,
      quantityReceived: line.quantityReceived,
      unitCost: line.unitCost === null ? null : Number(line.unitCost),
    };
  });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    supplierId: order.supplierId,
    supplierName: order.supplier?.name ?? null,
    supplierEmail: order.supplier?.contactEmail ?? null,
    locationId: order.locationId.toString(),
    locationName: location?.name ?? "",
    currencyCode: order.currencyCode,
    expectedAt: order.expectedAt?.toISOString().slice(0, 10) ?? null,
    createdAt: order.createdAt.toISOString(),
    note: order.note,
    createdBy: order.createdBy,
    sentAt: iso(order.sentAt),
    receivedAt: iso(order.receivedAt),
    cancelledAt: iso(order.cancelledAt),
    unitsOrdered: lines.reduce((a, l) => a + l.quantityOrdered, 0),
    unitsReceived: lines.reduce((a, l) => a + l.quantityReceived, 0),
    ...orderTotalOf(lines),
    lines,
  };
}

/** Moves an order from `from` to `to`; false when it is no longer in `from` (someone else moved it). */
export async function movePurchaseOrder(db: Db, shopId: number, id: number, from: PurchaseOrderStatus, to: PurchaseOrderStatus): Promise<boolean> {
  const now = new Date();
  const stamps = to === "SENT" ? { sentAt: now } : to === "RECEIVED" ? { receivedAt: now } : to === "CANCELLED" ? { cancelledAt: now } : {};
  const result = await db.purchaseOrder.updateMany({ where: { shopId, id, status: from }, data: { status: to, ...stamps } });
  return result.count > 0;
}

export async function addReceivedUnits(db: Db, shopId: number, purchaseOrderId: number, receipts: readonly { lineId: number; units: number }[]): Promise<void> {
  for (const receipt of receipts) {
    await db.purchaseOrderLine.updateMany({
      where: { shopId, purchaseOrderId, id: receipt.lineId },
      data: { quantityReceived: { increment: receipt.units } },
    });
  }
}

export async function setPurchaseOrderExpected(db: Db, shopId: number, id: number, expectedAt: string | null, note: string | null): Promise<void> {
  await db.purchaseOrder.updateMany({ where: { shopId, id }, data: { expectedAt: expectedAt ? new Date(`${expectedAt}T00:00:00Z`) : null, note } });
}
