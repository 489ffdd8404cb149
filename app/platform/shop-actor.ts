/**
 * Who acts on a shop, and the shop's own calendar: the one place both are built. Every audit
 * record names an actor; every shop-local day is read in the shop's time zone.
 */

/** Who is doing something to a shop's plan: the shop, and the staff member (or the engine). */
export interface ShopActor {
  shopId: number;
  shopDomain: string;
  /** The staff member (`staff:<session token sub>`), or ENGINE_ACTOR. */
  actor: string;
}

/** The actor of everything Tempo does by itself (plan runs, syncs). */
export const ENGINE_ACTOR = "tempo";

export function shopActor(shop: { id: number; domain: string }, actor: string): ShopActor {
  return { shopId: shop.id, shopDomain: shop.domain, actor };
}

/** The staff member behind a session token: its `sub` (a numeric user id), or "staff" when it names none. */
export function staffActor(sub: string | undefined): string {
  return sub ? `staff:${sub}` : "staff";
}

/** The shop's IANA time zone; a shop Shopify has not described yet plans in UTC. */
export function shopTimezone(shop: { ianaTimezone: string | null }): string {
  return shop.ianaTimezone ?? "UTC";
}
