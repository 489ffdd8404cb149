/** HTML of the admin look-alike that frames the embedded app (GET /store/<name>/apps/<handle>/...). */
import { appBase, escapeHtml, renderAdminLayout, scriptJson, storeBase, type NavMenuLink } from "./admin-layout";

export interface ShellPageInput {
  shopDomain: string;
  shopName: string;
  appName: string;
  appHandle: string;
  frameUrl: string;
  /** The app's nav menu as last reported; the frame's App Bridge updates it live. */
  navLinks?: NavMenuLink[];
}

export function renderShellPage(input: ShellPageInput): string {
  const base = appBase(input.shopDomain, input.appHandle);
  const frameOrigin = new URL(input.frameUrl).origin;
  const config = scriptJson({ appBase: base, storeBase: storeBase(input.shopDomain), frameOrigin, shop: input.shopDomain });
  const styles = `
  #title { padding: 10px 16px; font-weight: 600; min-height: 40px; }
  iframe { flex: 1; border: 0; width: 100%; background: #fff; }
  #loading { height: 3px; background: transparent; }
  #loading.on { background: linear-gradient(90deg, #5c6ac4, #47c1bf); }`;
  const main = `    <div id="loading"></div>
    <div id="title"></div>
    <iframe id="app-frame" name="app-iframe" title="${escapeHtml(input.appName)}" src="${escapeHtml(input.frameUrl)}"></iframe>`;
  const tail = `<script>
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
  function wire(a) {
    a.addEventListener("click", function (e) { e.preventDefault(); navigateApp(a.getAttribute("data-path")); });
  }
  Array.prototype.forEach.call(links.querySelectorAll("a"), wire);
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.source !== "sim-app-bridge" || event.origin !== config.frameOrigin) return;
    var d = data.detail || {};
    if (data.type === "nav-menu") {
      links.innerHTML = "";
      d.links.forEach(function (l) { if (l.rel === "home") homePath = l.href; });
      var entries = d.links.filter(function (l) { return l.rel !== "home"; }).map(function (l) { return { label: l.label, href: l.href }; });
      entries.forEach(function (l) {
        var a = document.createElement("a");
        a.className = "app-link";
        a.textContent = l.label;
        a.href = config.appBase + l.href;
        a.setAttribute("data-path", l.href);
        wire(a);
        links.appendChild(a);
      });
      // The admin keeps the app's menu, so other admin pages list it too.
      fetch("/_sim/admin/nav-menu", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ shop: config.shop, links: entries }) });
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
    } else if (data.type === "admin-navigate") {
      // shopify:admin/discounts/1 (or shopify://admin/...) opens that admin page, as Shopify's admin does.
      location.href = config.storeBase + "/" + String(d.url).replace(/^shopify:(\\/\\/)?admin\\/?/, "");
    }
  });
  document.getElementById("app-home").addEventListener("click", function (e) { e.preventDefault(); navigateApp(homePath); });
})();
</script>`;
  return renderAdminLayout({
    shopDomain: input.shopDomain,
    shopName: input.shopName,
    appName: input.appName,
    appHandle: input.appHandle,
    navLinks: input.navLinks ?? [],
    current: "app",
    title: input.appName,
    styles,
    main,
    tail,
  });
}
