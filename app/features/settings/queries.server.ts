/** A shop's planning settings, stored as JSON on its row and read through the planning core's schema. */
import type { Prisma } from "@prisma/client";
import prisma from "~/platform/db.server";
import { readPlanSettings, type PlanSettings } from "~/engine/plan/plan-settings";

export async function getPlanSettings(shopId: number): Promise<PlanSettings> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { planSettings: true } });
  return readPlanSettings(shop?.planSettings);
}

export async function savePlanSettings(db: Prisma.TransactionClient, shopId: number, settings: PlanSettings): Promise<void> {
  await db.shop.update({ where: { id: shopId }, data: { planSettings: settings as unknown as Prisma.InputJsonValue } });
}
