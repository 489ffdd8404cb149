/** What each sales channel sold, from the shop's own orders: the channels a promotion can target, and its share of a variant's demand. */
import prisma from "~/platform/db.server";

export interface ChannelUnits {
  channel: string;
  units: number;
}

/** The channels that sold since `since`, most units first. */
export async function salesChannels(shopId: number, since: Date): Promise<ChannelUnits[]> {
  return prisma.$queryRaw<ChannelUnits[]>`
    SELECT o."channel", SUM(l."quantity")::int AS "units"
    FROM "Order" o JOIN "OrderLine" l ON l."shopId" = o."shopId" AND l."orderId" = o."id"
    WHERE o."shopId" = ${shopId} AND o."processedAt" >= ${since} AND o."cancelledAt" IS NULL AND o."deletedAt" IS NULL AND NOT o."test" AND o."channel" IS NOT NULL
    GROUP BY o."channel" ORDER BY 2 DESC, 1`;
}

export interface OnlineChannelMix {
  /** Units the channel sold and units every channel but the point of sale sold, per variant. */
  byVariant: Map<string, { channel: number; online: number }>;
  shop: { channel: number; online: number };
}

/** One channel's units beside those of every channel but the stores' (`storeChannel`), for the variants and the whole shop since `since`. */
export async function onlineChannelMix(shopId: number, channel: string, storeChannel: string, variantIds: readonly bigint[], since: Date): Promise<OnlineChannelMix> {
  const rows = await prisma.$queryRaw<{ variantId: bigint | null; channel: number; online: number }[]>`
    SELECT CASE WHEN l."variantId" = ANY(${[...variantIds]}::bigint[]) THEN l."variantId" END AS "variantId",
      COALESCE(SUM(l."quantity") FILTER (WHERE o."channel" = ${channel}), 0)::int AS "channel", COALESCE(SUM(l."quantity"), 0)::int AS "online"
    FROM "Order" o JOIN "OrderLine" l ON l."shopId" = o."shopId" AND l."orderId" = o."id"
    WHERE o."shopId" = ${shopId} AND o."processedAt" >= ${since} AND o."cancelledAt" IS NULL AND o."deletedAt" IS NULL AND NOT o."test"
      AND o."channel" IS DISTINCT FROM ${storeChannel}
    GROUP BY 1`;
  const byVariant = new Map<string, { channel: number; online: number }>();
  const shop = { channel: 0, online: 0 };
  for (const row of rows) {
    shop.channel += row.channel;
    shop.online += row.online;
    if (row.variantId !== null) byVariant.set(row.variantId.toString(), { channel: row.channel, online: row.online });
  }
  return { byVariant, shop };
}
