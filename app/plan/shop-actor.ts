/** Who is doing something to a shop's plan: the shop, and the staff member (or "tempo" for the engine). */
export interface ShopActor {
  shopId: number;
  shopDomain: string;
  /** The staff member: the session token's sub. */
  actor: string;
}
