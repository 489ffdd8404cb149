/** The shop's own row as Shopify describes it: recorded at install, kept current by shop/update. */
import { Prisma, type Shop } from "@prisma/client";
import type pg from "pg";
import prisma from "~/platform/db.server";
import type { ShopProfile } from "~/shopify/shop-profile.server";

export interface InstallRecord {
  shop: Shop;
  /** True on a first install and on a reinstall after an uninstall. */
  isNewInstall: boolean;
}

/**
 * Remix runs the layout's and the page's loaders in parallel, so the first
 * framed load authenticates (and runs afterAuth) twice at once: a lost race on
 * the unique domain is retried as an update.
 */
export async function recordInstall(domain: string, profile: ShopProfile): Promise<InstallRecord> {
  try {
    return await upsertInstall(domain, profile);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return upsertInstall(domain, profile);
    }
    throw error;
  }
}

async function upsertInstall(domain: string, profile: ShopProfile): Promise<InstallRecord> {
  const existing = await prisma.shop.findUnique({ where: { domain } });
  const details = {
    name: profile.name,
    currencyCode: profile.currencyCode,
    ianaTimezone: profile.ianaTimezone,
    shopifyUpdatedAt: profile.updatedAt,
    accessScopes: profile.accessScopes.join(","),
  };
  if (existing && existing.status === "INSTALLED") {
    const shop = await prisma.shop.update({ where: { domain }, data: details });
    return { shop, isNewInstall: false };
  }
  const shop = await prisma.shop.upsert({
    where: { domain },
    create: { domain, ...details },
    update: { ...details, status: "INSTALLED", installedAt: new Date(), uninstalledAt: null },
  });
  return { shop, isNewInstall: true };
}

/**
 * shop/update, inside the delivery's transaction: keeps the profile current (a
 * field the body left out keeps its value), newer versions only, and says whether
 * it applied and whether the timezone, which every demand day depends on, changed.
 */
export async function applyShopProfileUpdate(
  client: pg.PoolClient,
  shopId: number,
  update: { name: string | null; currencyCode: string | null; ianaTimezone: string | null; updatedAt: Date },
): Promise<{ applied: boolean; timezoneChanged: boolean }> {
  const result = await client.query<{ timezoneChanged: boolean }>(
    `WITH previous AS (SELECT "ianaTimezone" FROM "Shop" WHERE "id" = $1 FOR UPDATE)
     UPDATE "Shop" SET "name" = COALESCE($2, "Shop"."name"), "currencyCode" = COALESCE($3, "Shop"."currencyCode"),
       "ianaTimezone" = COALESCE($4, "Shop"."ianaTimezone"), "shopifyUpdatedAt" = $5, "updatedAt" = now()
     FROM previous WHERE "Shop"."id" = $1 AND ("Shop"."shopifyUpdatedAt" IS NULL OR "Shop"."shopifyUpdatedAt" <= $5)
     RETURNING "Shop"."ianaTimezone" IS DISTINCT FROM previous."ianaTimezone" AS "timezoneChanged"`,
    [shopId, update.name, update.currencyCode, update.ianaTimezone, update.updatedAt.toISOString()],
  );
  const row = result.rows[0];
  return { applied: row !== undefined, timezoneChanged: row?.timezoneChanged ?? false };
}
