/** The settings page: the shop's planning settings, and its calendar day (the budget months start from it). */
import type { Shop } from "@prisma/client";
import type { PlanSettings } from "~/engine/plan/plan-settings";
import { shopToday } from "~/engine/plan/open-orders";
import { shopTimezone } from "~/platform/shop-actor";
import { getPlanSettings } from "./queries.server";

export async function getSettingsView(shop: Pick<Shop, "id" | "ianaTimezone">): Promise<{ settings: PlanSettings; today: string }> {
  return { settings: await getPlanSettings(shop.id), today: shopToday(shopTimezone(shop)) };
}
