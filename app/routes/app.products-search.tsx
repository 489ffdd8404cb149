import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/shop-context.server";
import { searchProducts } from "~/persistence/promotions.server";

/** Products matching the typed text (title, vendor or SKU), for the promotion editor's product picker. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const text = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  return { products: text.length === 0 ? [] : await searchProducts(shop.id, text) };
};
