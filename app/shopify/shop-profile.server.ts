import type { AdminGraphqlClient } from "./admin-client.server";

export const SHOP_PROFILE_QUERY = `#graphql
  query TempoShopProfile {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
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
  accessScopes: string[];
}

interface ShopProfileResponse {
  shop: Omit<ShopProfile, "accessScopes">;
  currentAppInstallation: { accessScopes: { handle: string }[] };
}

export async function fetchShopProfile(graphql: AdminGraphqlClient): Promise<ShopProfile> {
  const data = await graphql<ShopProfileResponse>(SHOP_PROFILE_QUERY);
  return {
    ...data.shop,
    accessScopes: data.currentAppInstallation.accessScopes.map((scope) => scope.handle),
  };
}
