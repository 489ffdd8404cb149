// The `shopify` global the admin gives this target. Shopify CLI writes the same declaration
// into shopify.d.ts on each build; that file is ignored so a build never dirties the tree.
import type { Api } from "@shopify/ui-extensions/admin.product-details.block.render";

declare global {
  const shopify: Api;
}
