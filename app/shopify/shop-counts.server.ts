import type { AdminGraphqlClient } from "./admin-client.server";
import { SHOP_COUNTS_QUERY } from "./sync-queries.server";

export interface ShopifyCounts {
  products: number;
  variants: number;
  locations: number;
  orders: number;
}

interface CountsResponse {
  productsCount: { count: number };
  productVariantsCount: { count: number };
  locationsCount: { count: number };
  ordersCount: { count: number };
}

export async function fetchShopifyCounts(graphql: AdminGraphqlClient, ordersSearch: string): Promise<ShopifyCounts> {
  const data = await graphql<CountsResponse>(SHOP_COUNTS_QUERY, { ordersSearch });
  return {
    products: data.productsCount.count,
    variants: data.productVariantsCount.count,
    locations: data.locationsCount.count,
    orders: data.ordersCount.count,
  };
}
