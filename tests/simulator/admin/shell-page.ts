/** HTML of the admin look-alike that frames the embedded app (GET /store/<name>/apps/<handle>/...). */

export interface ShellPageInput {
  shopDomain: string;
  shopName: string;
  appName: string;
  appHandle: string;
  frameUrl: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

const ADMIN_SECTIONS = ["Home", "Orders", "Products", "Customers", "Content", "Analytics", "Marketing", "Discounts"];

export function renderShellPage(input: ShellPageInput): string {
  const storeName = input.shopDomain.replace(/\.myshopify\.com$/, "");
  const appBase = `/store/${encodeURIComponent(storeName)}/apps/${encodeURIComponent(input.appHandle)}`;
  const frameOrigin = new URL(input.frameUrl).origin;
  const config = JSON.stringify({ appBase, frameOrigin });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.appName)} · ${escapeHtml(input.shopName)} · Shopify (simulated)</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.4 -apple-system, "Segoe UI", Roboto, sans-serif; background: #f1f1f1; color: #303030; }
  header { height: 56px; background: #1a1a1a; color: #e3e3e3; display: flex; align-items: center; padding: 0 16px; gap: 16px; }
  header .logo { font-weight: 700; color: #fff; }
  header .shop { margin-left: auto; }
  .layout { display: flex; height: calc(100vh - 56px); }
  nav { width: 240px; background: #ebebeb; padding: 12px 8px; overflow-y: auto; flex: none; }
  nav a, nav span { display: block; padding: 6px 10px; border-radius: 8px; color: #303030; text-decoration: none; }
  nav a:hover { background: #fafafa; }
  nav .section { color: #616161; font-weight: 600; margin-top: 12px; }
  nav .app { font-weight: 600; background: #fafafa; }
  nav .app-link { padding-left: 24px; }
  nav .app-link.active { background: #fff; font-weight: 600; }
  main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  #title { padding: 10px 16px; font-weight: 600; min-height: 40px; }
  iframe { flex: 1; border: 0; width: 100%; background: #fff; }
  #toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); display: flex; flex-direction: column; gap: 8px; }
  .toast { background: #1a1a1a; color: #fff; padding: 10px 16px; border-radius: 8px; }
  .toast.error { background: #8e1f0b; }
  #loading { height: 3px; background: transparent; }
  #loading.on { background: linear-gradient(90deg, #5c6ac4, #47c1bf); }
</style>
</head>
<body>
<header><span class="logo">shopify</span><span>(local simulator)</span><span class="shop">${escapeHtml(input.shopName)} · ${escapeHtml(input.shopDomain)}</span></header>
<div class="layout">
  <nav>
    ${ADMIN_SECTIONS.map((s) => `<span>${s}</span>`).join("\n    ")}
    <span class="section">Apps</span>
    <a class="app" id="app-home" href="${appBase}">${escapeHtml(input.appName)}</a>
    <div id="app-links"></div>
  </nav>
  <main>
    <div id="loading"></div>
    <div id="title"></div>
    <iframe id="app-frame" name="app-iframe" title="${escapeHtml(input.appName)}" src="${escapeHtml(input.frameUrl)}"></iframe>
  </main>
</div>
<div id="toasts" aria-live="polite"></div>
<script>
(function () {
  var config = ${config};
  var frame = document.getElementById("app-frame");
  var links = document.getElementById("app-links");
  var homePath = "/app";
  function navigateApp(path) {
    frame.contentWindow.postMessage({ source: "sim-admin", type: "navigate", path: path }, config.frameOrigin);
  }
  function markActive(path) {
    Array.prototype.forEach.call(links.querySelectorAll("a"), function (a) {
      a.classList.toggle("active", a.getAttribute("data-path") === path);
    });
  }
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.source !== "sim-app-bridge" || event.origin !== config.frameOrigin) return;
    var d = data.detail || {};
    if (data.type === "nav-menu") {
      links.innerHTML = "";
      d.links.forEach(function (l) { if (l.rel === "home") homePath = l.href; });
      d.links.filter(function (l) { return l.rel !== "home"; }).forEach(function (l) {
        var a = document.createElement("a");
        a.className = "app-link";
        a.textContent = l.label;
        a.href = config.appBase + l.href;
        a.setAttribute("data-path", l.href);
        a.addEventListener("click", function (e) { e.preventDefault(); navigateApp(l.href); });
        links.appendChild(a);
      });
    } else if (data.type === "title-bar") {
      document.getElementById("title").textContent = d.title;
    } else if (data.type === "toast") {
      var t = document.createElement("div");
      t.className = "toast" + (d.isError ? " error" : "");
      t.setAttribute("role", "status");
      t.textContent = d.message;
      document.getElementById("toasts").appendChild(t);
      setTimeout(function () { t.remove(); }, 5000);
    } else if (data.type === "loading") {
      document.getElementById("loading").classList.toggle("on", !!d.on);
    } else if (data.type === "location") {
      markActive(d.path);
      history.replaceState(null, "", config.appBase + (d.path === "/" ? "" : d.path));
    } else if (data.type === "top-navigate") {
      location.href = d.url;
    }
  });
  document.getElementById("app-home").addEventListener("click", function (e) { e.preventDefault(); navigateApp(homePath); });
})();
</script>
</body>
</html>`;
}
