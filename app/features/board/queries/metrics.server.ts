/** The board's headline metrics per week, as the full plan runs recorded them. Scoped by shopId. */
import prisma from "~/platform/db.server";
import type { ShopMetrics } from "~/engine/plan/shop-metrics";

export type { ShopMetrics };

export interface MetricsWeek {
  weekStart: string;
  metrics: ShopMetrics;
}

export async function listMetricsWeeks(shopId: number, fromWeek: string): Promise<MetricsWeek[]> {
  const rows = await prisma.shopMetricsWeek.findMany({ where: { shopId, weekStart: { gte: new Date(`${fromWeek}T00:00:00Z`) } }, orderBy: { weekStart: "asc" } });
  return rows.map((r) => ({ weekStart: r.weekStart.toISOString().slice(0, 10), metrics: r.metrics as ShopMetrics }));
}
