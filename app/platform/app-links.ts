/** Links to Tempo's pages as the Shopify admin opens them, for messages that leave the app (Flow). */
import { readEnv } from "./env.server";

function appPageUrl(shopDomain: string, path: string): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${store}/apps/${readEnv("SHOPIFY_APP_HANDLE")}${path}`;
}

export const variantDetailUrl = (shopDomain: string, variantId: string) => appPageUrl(shopDomain, `/app/variants/${variantId}`);
export const promotionUrl = (shopDomain: string, promotionId: number) => appPageUrl(shopDomain, `/app/promotions/${promotionId}`);
