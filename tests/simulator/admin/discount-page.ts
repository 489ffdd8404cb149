/**
 * The admin's discount pages (GET /store/<name>/discounts[/<id>]): enough of Shopify's to see a
 * discount's dates, value and items, where the app's `shopify:admin/discounts/<id>` links land.
 */
import type { SimDiscount } from "../store/types";
import type { ShopStore } from "../store/shop-store";
import { escapeHtml, renderAdminLayout, storeBase, type NavMenuLink } from "./admin-layout";

interface PageFrame {
  shopDomain: string;
  shopName: string;
  appName: string;
  appHandle: string;
  navLinks: NavMenuLink[];
}

const STYLES = `
  .page { max-width: 880px; width: 100%; margin: 0 auto; padding: 20px 24px 48px; }
  h1 { font-size: 20px; margin: 6px 0 16px; }
  .card { background: #fff; border-radius: 12px; box-shadow: 0 1px 0 rgba(26,26,26,.07), 0 0 0 1px rgba(26,26,26,.07); padding: 16px; margin-bottom: 16px; }
  dl { display: grid; grid-template-columns: 160px 1fr; gap: 8px 16px; margin: 0; }
  dt { color: #616161; }
  dd { margin: 0; }
  table.plain { width: 100%; border-collapse: collapse; }
  table.plain th, table.plain td { text-align: left; padding: 8px 12px 8px 0; border-bottom: 1px solid #ebebeb; }
  a { color: #005bd3; text-decoration: none; }`;

const valueOf = (d: SimDiscount) => ("percentage" in d.value ? `${Math.round(d.value.percentage * 100)}% off` : `${d.value.amount} off${d.value.appliesOnEachItem ? " each item" : ""}`);

function itemsOf(store: ShopStore, d: SimDiscount): string {
  const items = d.items;
  if ("all" in items) return "All products";
  if ("collectionIds" in items) return items.collectionIds.map((id) => escapeHtml(store.data.collections.find((c) => c.id === id)?.title ?? `Collection ${id}`)).join(", ");
  const products = items.productIds.map((id) => escapeHtml(store.productsById.get(id)?.title ?? `Product ${id}`));
  const variants = items.variantIds.map((id) => {
    const variant = store.variantsById.get(id);
    return escapeHtml(variant ? `${store.productsById.get(variant.productId)?.title ?? ""} / ${variant.title}` : `Variant ${id}`);
  });
  return [...products, ...variants].join(", ") || "No products";
}

export function renderDiscountPage(frame: PageFrame & { store: ShopStore; discount: SimDiscount }): string {
  const d = frame.discount;
  const main = `    <div class="page"><a href="${storeBase(frame.shopDomain)}/discounts">Discounts</a><h1>${escapeHtml(d.title)}</h1>
    <section class="card"><dl>
      <dt>Method</dt><dd>${d.method === "code" ? `Code ${escapeHtml(d.code ?? "")}` : "Automatic"}</dd>
      <dt>Value</dt><dd>${escapeHtml(valueOf(d))}</dd>
      <dt>Applies to</dt><dd>${itemsOf(frame.store, d)}</dd>
      <dt>Starts</dt><dd>${escapeHtml(d.startsAt)}</dd>
      <dt>Ends</dt><dd>${escapeHtml(d.endsAt ?? "No end date")}</dd>
    </dl></section></div>`;
  return renderAdminLayout({ ...frame, current: "discounts", title: d.title, styles: STYLES, main });
}

export function renderDiscountsPage(frame: PageFrame & { store: ShopStore }): string {
  const base = storeBase(frame.shopDomain);
  const rows = [...frame.store.data.discounts]
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .slice(0, 250)
    .map((d) => `<tr><td><a href="${base}/discounts/${d.id}">${escapeHtml(d.title)}</a></td><td>${d.type === "basic" ? escapeHtml(valueOf(d)) : "Free shipping"}</td><td>${escapeHtml(d.startsAt.slice(0, 10))}</td><td>${escapeHtml(d.endsAt?.slice(0, 10) ?? "—")}</td></tr>`)
    .join("");
  const main = `    <div class="page"><h1>Discounts</h1><section class="card"><table class="plain"><thead><tr><th>Title</th><th>Value</th><th>Starts</th><th>Ends</th></tr></thead><tbody>${rows}</tbody></table></section></div>`;
  return renderAdminLayout({ ...frame, current: "discounts", title: "Discounts", styles: STYLES, main });
}
