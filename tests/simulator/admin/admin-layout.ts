/** The admin look-alike's frame: top bar and sidebar (with the app's App Bridge nav menu under Apps). */

export interface NavMenuLink {
  label: string;
  /** App path, e.g. /app/proposals */
  href: string;
}

export interface AdminLayoutInput {
  shopDomain: string;
  shopName: string;
  appName: string;
  appHandle: string;
  /** The app's nav menu entries (from <ui-nav-menu>), shown under the app in the sidebar. */
  navLinks: NavMenuLink[];
  /** Which sidebar entry is current. */
  current: "products" | "discounts" | "app";
  title: string;
  styles?: string;
  main: string;
  /** Markup after the layout (scripts). */
  tail?: string;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

/** JSON that is safe inside a <script> element. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const ADMIN_SECTIONS = ["Home", "Orders", "Products", "Customers", "Content", "Analytics", "Marketing", "Discounts"];

export function storeBase(shopDomain: string): string {
  return `/store/${encodeURIComponent(shopDomain.replace(/\.myshopify\.com$/, ""))}`;
}

export function appBase(shopDomain: string, appHandle: string): string {
  return `${storeBase(shopDomain)}/apps/${encodeURIComponent(appHandle)}`;
}

export function renderNavLinks(shopDomain: string, appHandle: string, links: NavMenuLink[]): string {
  const base = appBase(shopDomain, appHandle);
  return links
    .map((l) => `<a class="app-link" href="${escapeHtml(base + l.href)}" data-path="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`)
    .join("");
}

export function renderAdminLayout(input: AdminLayoutInput): string {
  const store = storeBase(input.shopDomain);
  const sections = ADMIN_SECTIONS.map((section) =>
    section === "Products" || section === "Discounts"
      ? `<a class="section-link${input.current === section.toLowerCase() ? " current" : ""}" href="${store}/${section.toLowerCase()}">${section}</a>`
      : `<span>${section}</span>`,
  ).join("\n    ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.title)} · ${escapeHtml(input.shopName)} · Shopify (simulated)</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.4 -apple-system, "Segoe UI", Roboto, sans-serif; background: #f1f1f1; color: #303030; }
  header.topbar { height: 56px; background: #1a1a1a; color: #e3e3e3; display: flex; align-items: center; padding: 0 16px; gap: 16px; }
  header.topbar .logo { font-weight: 700; color: #fff; }
  header.topbar .shop { margin-left: auto; }
  .layout { display: flex; height: calc(100vh - 56px); }
  nav { width: 240px; background: #ebebeb; padding: 12px 8px; overflow-y: auto; flex: none; }
  nav a, nav span { display: block; padding: 6px 10px; border-radius: 8px; color: #303030; text-decoration: none; }
  nav a:hover { background: #fafafa; }
  nav .section { color: #616161; font-weight: 600; margin-top: 12px; }
  nav .current, nav .app.current { background: #fafafa; font-weight: 600; }
  nav .app { font-weight: 600; }
  nav .app-link { padding-left: 24px; }
  nav .app-link.active { background: #fff; font-weight: 600; }
  main { flex: 1; display: flex; flex-direction: column; min-width: 0; overflow-y: auto; }
  #toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); display: flex; flex-direction: column; gap: 8px; }
  .toast { background: #1a1a1a; color: #fff; padding: 10px 16px; border-radius: 8px; }
  .toast.error { background: #8e1f0b; }
${input.styles ?? ""}
</style>
</head>
<body>
<header class="topbar"><span class="logo">shopify</span><span>(local simulator)</span><span class="shop">${escapeHtml(input.shopName)} · ${escapeHtml(input.shopDomain)}</span></header>
<div class="layout">
  <nav aria-label="Admin">
    ${sections}
    <span class="section">Apps</span>
    <a class="app${input.current === "app" ? " current" : ""}" id="app-home" href="${appBase(input.shopDomain, input.appHandle)}">${escapeHtml(input.appName)}</a>
    <div id="app-links">${renderNavLinks(input.shopDomain, input.appHandle, input.navLinks)}</div>
  </nav>
  <main>
${input.main}
  </main>
</div>
<div id="toasts" aria-live="polite"></div>
${input.tail ?? ""}
</body>
</html>`;
}
