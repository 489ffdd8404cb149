/** The reads behind "How the plan did": the active run's stored check, location names and the variants' collections. Scoped by shop. */
import prisma from "~/platform/db.server";
import { findActivePlan } from "~/platform/plan-status.server";
import { readPlanCalibration, type PlanCalibration } from "~/engine/plan/plan-calibration";

export interface StoredHistoryCheck {
  asOf: string;
  calibration: PlanCalibration | null;
  locationNames: Map<string, string>;
  /** variant id -> its product's collections (empty: none) */
  collections: Map<string, string[]>;
}

export async function loadStoredHistoryCheck(shopId: number): Promise<StoredHistoryCheck | null> {
  const active = await findActivePlan(shopId);
  if (!active) return null;
  const calibration = readPlanCalibration(active.run.calibration);
  const variantIds = [...new Set((calibration?.locations ?? []).flatMap((l) => (l.accuracy?.variants ?? []).map((v) => v.variantId)))];
  const [locations, variants] = await Promise.all([
    prisma.location.findMany({ where: { shopId }, select: { id: true, name: true } }),
    variantIds.length === 0
      ? Promise.resolve([])
      : prisma.$queryRaw<{ id: bigint; collections: string[] }[]>`
          SELECT v."id", p."collections" FROM "Variant" v JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
          WHERE v."shopId" = ${shopId} AND v."id" = ANY(${variantIds.map((id) => BigInt(id))}::bigint[])`,
  ]);
  return {
    asOf: active.asOf,
    calibration,
    locationNames: new Map(locations.map((l) => [String(l.id), l.name])),
    collections: new Map(variants.map((v) => [String(v.id), v.collections])),
  };
}
