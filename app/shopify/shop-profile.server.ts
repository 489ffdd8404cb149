import type { AdminGraphqlClient } from "./admin-client.server";

export const SHOP_PROFILE_QUERY = `#graphql
  query TempoShopProfile {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
      updatedAt
    }
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
  }
`;

export interface ShopProfile {
  name: string;
  myshopifyDomain: string;
  currencyCode: string;
  ianaTimezone: string;
  /** When Shopify last changed the shop: the version of these fields. */
  updatedAt: Date;
  accessScopes: string[];
}

interface ShopProfileResponse {
  shop: Omit<ShopProfile, "accessScopes" | "updatedAt"> & { updatedAt: string };
  currentAppInstallation: { accessScopes: { handle: string }[] };
}

export async function fetchShopProfile(graphql: AdminGraphqlClient): Promise<ShopProfile> {
  const data = await graphql<ShopProfileResponse>(SHOP_PROFILE_QUERY);
  return {
    ...data.shop,
    updatedAt: new Date(data.shop.updatedAt),
    accessScopes: data.currentAppInstallation.accessScopes.map((scope) => scope.handle),
  };
}
