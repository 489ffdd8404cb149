import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/shop-context.server";
import { findProducts } from "~/features/promotions/product-search.server";

/** Products matching the typed text (title, vendor or SKU), for the promotion editor's product picker. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { products: await findProducts(shop.id, new URL(request.url).searchParams.get("q") ?? "") };
};
