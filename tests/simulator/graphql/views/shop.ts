import type { SimContext } from "../context";
import { toGid } from "../ids";

/** The Shop object: identity, currency, timezone and plan of the simulated shop. */
export function shopView(ctx: SimContext) {
  const shop = ctx.shop.store.data.shop;
  const name = shop.domain.replace(/\.myshopify\.com$/, "");
  return {
    __typename: "Shop",
    id: toGid("Shop", String(hashDomain(shop.domain))),
    name: shop.name,
    myshopifyDomain: shop.domain,
    email: `owner@${name}.example`,
    contactEmail: `owner@${name}.example`,
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: [shop.currencyCode],
    ianaTimezone: shop.ianaTimezone,
    createdAt: shop.createdAt,
    updatedAt: shop.createdAt,
    description: null,
    weightUnit: "KILOGRAMS",
    unitSystem: "METRIC_SYSTEM",
    taxShipping: false,
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    primaryDomain: { id: toGid("Domain", "1"), host: shop.domain, url: `https://${shop.domain}`, sslEnabled: true, localization: null, marketWebPresence: null },
    plan: {
      displayName: ctx.shop.plan === "plus" ? "Shopify Plus" : ctx.shop.plan === "advanced" ? "Advanced" : "Shopify",
      publicDisplayName: ctx.shop.plan === "plus" ? "Shopify Plus" : ctx.shop.plan === "advanced" ? "Advanced" : "Shopify",
      partnerDevelopment: false,
      shopifyPlus: ctx.shop.plan === "plus",
    },
  };
}

function hashDomain(domain: string): number {
  let h = 7;
  for (const ch of domain) h = (h * 31 + ch.charCodeAt(0)) % 2_000_000_000;
  return h;
}
