/**
 * The admin's product pages (GET /store/<name>/products[/<id>]). A product's page renders the
 * app's admin blocks for admin.product-details.block.render below the product's own cards,
 * each run by ./extension-runtime (a sandbox worker per block, drawn through Remote DOM).
 */
import type { SimProduct, SimVariant } from "../store/types";
import type { ShopStore } from "../store/shop-store";
import type { AdminBlockExtension } from "./admin-blocks";
import { escapeHtml, renderAdminLayout, scriptJson, storeBase, appBase, type NavMenuLink } from "./admin-layout";
import { HOST_ELEMENT_STYLES } from "./extension-runtime/host-styles";
import type { HostConfig } from "./extension-runtime/host";

export const PRODUCT_DETAILS_BLOCK_TARGET = "admin.product-details.block.render";

interface PageFrame {
  shopDomain: string;
  shopName: string;
  appName: string;
  appHandle: string;
  navLinks: NavMenuLink[];
}

const PAGE_STYLES = `
  .page { max-width: 1040px; width: 100%; margin: 0 auto; padding: 20px 24px 48px; }
  .breadcrumb a { color: #616161; text-decoration: none; }
  h1 { font-size: 20px; margin: 6px 0 16px; }
  .columns { display: grid; grid-template-columns: minmax(0, 2fr) minmax(220px, 1fr); gap: 16px; align-items: start; }
  .column { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
  .card { background: #fff; border-radius: 12px; box-shadow: 0 1px 0 rgba(26,26,26,.07), 0 0 0 1px rgba(26,26,26,.07); padding: 16px; }
  .card > h2 { font-size: 14px; margin: 0 0 12px; }
  table.plain { width: 100%; border-collapse: collapse; }
  table.plain th, table.plain td { text-align: left; padding: 8px 12px 8px 0; border-bottom: 1px solid #ebebeb; }
  table.plain th { font-size: 12px; color: #616161; font-weight: 600; }
  table.plain tr:last-child td { border-bottom: 0; }
  table.plain td.num, table.plain th.num { text-align: right; }
  .muted { color: #616161; }
  .extension-error { color: #8e1f0b; margin: 0; }
  .products a { color: #005bd3; font-weight: 550; text-decoration: none; }
${HOST_ELEMENT_STYLES}`;

function availableOf(store: ShopStore, variant: SimVariant): number {
  return (store.levelsByItem.get(variant.inventoryItemId) ?? []).reduce((n, level) => n + (level.quantities.available ?? 0), 0);
}

function variantsCard(store: ShopStore, product: SimProduct): string {
  const variants = store.variantsByProduct.get(product.id) ?? [];
  const rows = variants
    .map((v) => `<tr><td>${escapeHtml(v.title)}</td><td class="muted">${escapeHtml(v.sku)}</td><td class="num">${escapeHtml(v.price)}</td><td class="num">${availableOf(store, v)}</td></tr>`)
    .join("");
  return `<section class="card"><h2>Variants</h2><table class="plain"><thead><tr><th>Variant</th><th>SKU</th><th class="num">Price</th><th class="num">Available</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function blockCard(block: AdminBlockExtension): string {
  return `<section class="card app-block" data-extension="${escapeHtml(block.handle)}" data-state="loading" aria-label="${escapeHtml(block.name)}">
        <div class="extension-root"></div>
        <p class="extension-error" role="alert" hidden></p>
      </section>`;
}

export function renderProductPage(frame: PageFrame & { store: ShopStore; product: SimProduct; blocks: AdminBlockExtension[]; appUrl: string }): string {
  const { store, product, blocks } = frame;
  const config: HostConfig = {
    sandboxUrl: "/_sim/admin/extension-sandbox.js",
    sessionTokenUrl: `/_sim/session-token?shop=${encodeURIComponent(frame.shopDomain)}`,
    appUrl: frame.appUrl,
    appBase: appBase(frame.shopDomain, frame.appHandle),
    storeBase: storeBase(frame.shopDomain),
    selected: [{ id: `gid://shopify/Product/${product.id}` }],
    blocks: blocks.map((b) => ({
      handle: b.handle,
      target: b.target,
      bundleUrl: b.built ? `/_sim/extensions/${encodeURIComponent(b.handle)}.js` : null,
      missing: b.built ? undefined : `${b.name} is not built: run \`shopify app build\` (scripts/test.sh does) to write ${b.bundlePath}.`,
    })),
  };
  const main = `    <div class="page">
      <div class="breadcrumb"><a href="${storeBase(frame.shopDomain)}/products">‹ Products</a></div>
      <h1>${escapeHtml(product.title)}</h1>
      <div class="columns">
        <div class="column">
          ${variantsCard(store, product)}
          ${blocks.map(blockCard).join("\n          ")}
        </div>
        <div class="column">
          <section class="card"><h2>Status</h2><p>${escapeHtml(product.status.charAt(0) + product.status.slice(1).toLowerCase())}</p></section>
          <section class="card"><h2>Product organization</h2><p class="muted">Vendor</p><p>${escapeHtml(product.vendor)}</p><p class="muted">Type</p><p>${escapeHtml(product.productType || "—")}</p></section>
        </div>
      </div>
    </div>`;
  const tail = `<script id="sim-extension-config" type="application/json">${scriptJson(config)}</script>
<script src="/_sim/admin/extension-host.js"></script>`;
  return renderAdminLayout({ ...frame, current: "products", title: product.title, styles: PAGE_STYLES, main, tail });
}

export function renderProductsPage(frame: PageFrame & { store: ShopStore }): string {
  const base = storeBase(frame.shopDomain);
  const rows = frame.store.data.products
    .slice(0, 250)
    .map((p) => `<tr><td><a href="${base}/products/${p.id}">${escapeHtml(p.title)}</a></td><td class="muted">${escapeHtml(p.vendor)}</td><td class="num">${(frame.store.variantsByProduct.get(p.id) ?? []).length}</td></tr>`)
    .join("");
  const main = `    <div class="page"><h1>Products</h1><section class="card products"><table class="plain"><thead><tr><th>Product</th><th>Vendor</th><th class="num">Variants</th></tr></thead><tbody>${rows}</tbody></table></section></div>`;
  return renderAdminLayout({ ...frame, current: "products", title: "Products", styles: PAGE_STYLES, main });
}
