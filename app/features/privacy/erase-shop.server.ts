/** shop/redact's erasure of everything Tempo holds for a shop, and the request marked done. */
import { eraseShopData } from "./queries/erasure.server";
import { completeShopRedactRequests } from "./queries/requests.server";

export const SHOP_ERASED = "All of the shop's data was erased.";

export async function eraseShop(shopId: number, shopDomain: string) {
  const erased = await eraseShopData(shopId);
  await completeShopRedactRequests(shopDomain, SHOP_ERASED);
  return erased;
}
