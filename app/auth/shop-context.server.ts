/**
 * What every embedded page and action starts with: the verified request, the shop's row and
 * who is acting (the staff member in the session token's `sub`, for the audit trail).
 */
import type { Shop } from "@prisma/client";
import { authenticate } from "~/shopify.server";
import { fromRemixAdmin, type AdminGraphqlClient } from "~/shopify/admin-client.server";
import { whenShopRecorded } from "~/sync/after-auth.server";
import { findShopByDomain } from "~/platform/shops.server";
import type { ShopFormat } from "~/platform/format";
import { shopActor, shopTimezone, staffActor, type ShopActor } from "~/platform/shop-actor";
import { appBridgeUrl, shopifyApiKey } from "~/platform/env.server";

export interface ShopContext {
  shop: Shop;
  /** The staff member: session token `sub` (a numeric user id), or "staff" when the token names none. */
  actor: string;
  /** The shop and the staff member, as use cases take them. */
  who: ShopActor;
  graphql: AdminGraphqlClient;
}

export async function requireShop(request: Request): Promise<ShopContext> {
  const context = await authenticate.admin(request);
  const graphql = fromRemixAdmin(context.admin);
  await whenShopRecorded(context.session.shop, graphql);
  const shop = await findShopByDomain(context.session.shop);
  if (!shop) throw new Response("Tempo could not record this shop's installation. Reload the page to try again.", { status: 503 });
  const sub = "sessionToken" in context ? (context.sessionToken as { sub?: string } | undefined)?.sub : undefined;
  const actor = staffActor(sub);
  return { shop, actor, who: shopActor(shop, actor), graphql };
}

/** The merchant's locale: the admin's `locale` parameter on document loads, else the browser's language. */
export function requestLocale(request: Request): string {
  const fromQuery = new URL(request.url).searchParams.get("locale");
  const fromHeader = request.headers.get("accept-language")?.split(",")[0]?.split(";")[0]?.trim();
  return fromQuery || fromHeader || "en-US";
}

export function shopFormat(shop: Shop, request: Request): ShopFormat {
  return { locale: requestLocale(request), currencyCode: shop.currencyCode ?? "USD", timezone: shopTimezone(shop) };
}

/** What the embedded frame needs: the app's key, and where App Bridge loads from (null: Shopify's CDN). */
export function embeddedAppConfig(): { apiKey: string; appBridgeUrl: string | null } {
  return { apiKey: shopifyApiKey(), appBridgeUrl: appBridgeUrl() ?? null };
}
