import { Banner, Text } from "@shopify/polaris";
import type { ShopOverview } from "./overview.server";

/** Says why Shopify's discounts are missing (the grant lacks read_discounts); nothing while Tempo reads them. */
export function DiscountsAccessNotice({ reason }: { reason: ShopOverview["discountsUnavailable"] }) {
  if (!reason) return null;
  return (
    <Banner tone="warning" title="Discounts from Shopify are not synced">
      <Text as="p" id="discounts-unavailable">
        {reason}
      </Text>
    </Banner>
  );
}
