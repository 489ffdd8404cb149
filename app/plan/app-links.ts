/** Links to Tempo's pages as the Shopify admin opens them, for messages that leave the app (Flow). */
function appPageUrl(shopDomain: string, path: string): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, "");
  const handle = process.env.SHOPIFY_APP_HANDLE || "tempo-sop";
  return `https://admin.shopify.com/store/${store}/apps/${handle}${path}`;
}

export const variantDetailUrl = (shopDomain: string, variantId: string) => appPageUrl(shopDomain, `/app/variants/${variantId}`);
export const promotionUrl = (shopDomain: string, promotionId: number) => appPageUrl(shopDomain, `/app/promotions/${promotionId}`);
