/**
 * An offline stand-in for https://cdn.shopify.com/shopifycloud/app-bridge.js, served at /app-bridge.js.
 * It defines window.shopify (idToken, toast, loading, saveBar, modal...), adds the session token to
 * same-origin fetches, follows the library's shopify-reload bounce and retry headers, and mirrors
 * <ui-nav-menu> / <ui-title-bar> into the simulator's admin shell through postMessage.
 */
export const APP_BRIDGE_STUB_SOURCE = String.raw`(function () {
  "use strict";
  if (window.shopify && window.shopify.__simulator) return;
  var script = document.currentScript;
  var simOrigin = script ? new URL(script.src).origin : "";
  var params = new URLSearchParams(location.search);
  function remember(key) {
    var value = params.get(key);
    try {
      // Reading sessionStorage throws in a cross-site frame when the browser blocks third-party storage.
      var store = window.sessionStorage;
      if (value) store.setItem("sim-" + key, value);
      return value || store.getItem("sim-" + key);
    } catch (e) {
      return value;
    }
  }
  var shop = remember("shop");
  var host = remember("host");
  var apiKey = (script && script.getAttribute("data-api-key")) || "";
  var nativeFetch = window.fetch.bind(window);

  function post(type, detail) {
    if (window.parent && window.parent !== window) window.parent.postMessage({ source: "sim-app-bridge", type: type, detail: detail }, "*");
  }

  function idToken() {
    if (!shop) return Promise.reject(new Error("App Bridge stub: no shop known (missing ?shop=)"));
    return nativeFetch(simOrigin + "/_sim/session-token?shop=" + encodeURIComponent(shop))
      .then(function (r) { if (!r.ok) throw new Error("session token request failed: " + r.status); return r.json(); })
      .then(function (body) { return body.token; });
  }

  // The library bounces document requests without a valid token to /auth/session-token?shopify-reload=<url>.
  var reloadUrl = params.get("shopify-reload");
  if (reloadUrl) {
    idToken().then(function (token) {
      var target = new URL(reloadUrl, location.href);
      target.searchParams.set("id_token", token);
      location.replace(target.toString());
    });
  }

  function isSameOrigin(url) {
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }

  window.fetch = function (input, init) {
    var request = new Request(input, init);
    if (!isSameOrigin(request.url)) return nativeFetch(input, init);
    function attempt() {
      var copy = request.clone();
      if (copy.headers.has("Authorization")) return nativeFetch(copy);
      return idToken().then(function (token) {
        var headers = new Headers(copy.headers);
        headers.set("Authorization", "Bearer " + token);
        return nativeFetch(new Request(copy, { headers: headers }));
      });
    }
    return attempt().then(function (response) {
      if (response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") return attempt();
      return response;
    }).then(function (response) {
      var reauthorize = response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url");
      if (response.status === 401 && reauthorize) window.open(reauthorize, "_top");
      return response;
    });
  };

  // Redirects aimed at the top frame stay inside the app frame (the shell is not the real admin).
  var nativeOpen = window.open.bind(window);
  window.open = function (url, target, features) {
    if (target === "_top" || target === "_parent") {
      var href = String(url);
      if (/^shopify:(\/\/)?admin/.test(href)) { post("admin-navigate", { url: href }); return null; }
      if (isSameOrigin(href)) { location.assign(href); return null; }
      post("top-navigate", { url: href });
      return null;
    }
    return nativeOpen(url, target, features);
  };

  var toastCount = 0;
  var noop = function () { return Promise.resolve(); };
  window.shopify = {
    __simulator: true,
    config: { apiKey: apiKey, shop: shop, host: host, locale: "en" },
    environment: { embedded: window.parent !== window, mobile: false, pos: false },
    origin: simOrigin,
    idToken: idToken,
    toast: {
      show: function (message, options) { toastCount++; post("toast", { message: String(message), isError: !!(options && options.isError) }); return "toast-" + toastCount; },
      hide: function () {},
    },
    loading: function (on) { post("loading", { on: on !== false }); },
    saveBar: { show: noop, hide: noop, toggle: noop, leaveConfirmation: noop },
    modal: {
      show: function (id) { var el = document.getElementById(id); if (el) el.setAttribute("data-open", ""); return Promise.resolve(); },
      hide: function (id) { var el = document.getElementById(id); if (el) el.removeAttribute("data-open"); return Promise.resolve(); },
      toggle: function (id) { var el = document.getElementById(id); if (el) el.toggleAttribute("data-open"); return Promise.resolve(); },
    },
    resourcePicker: function () { return Promise.resolve(undefined); },
    user: function () { return Promise.resolve({ id: 1, name: "Sim Merchant", accountAccess: "Account owner" }); },
    scopes: {
      query: function () { return Promise.resolve({ granted: [], required: [], optional: [] }); },
      request: function () { return Promise.resolve({ result: "granted-all", detail: { granted: [], required: [], optional: [] } }); },
      revoke: function () { return Promise.resolve({ detail: { revoked: [] } }); },
    },
    support: { registerHandler: noop },
    webVitals: { onReport: noop },
    reviews: { request: function () { return Promise.resolve({ success: false, code: "simulator" }); } },
    app: { extensions: function () { return Promise.resolve([]); } },
  };

  function defineElement(name, onChange) {
    if (customElements.get(name)) return;
    customElements.define(name, class extends HTMLElement {
      connectedCallback() {
        var self = this;
        this.style.display = "none";
        var report = function () { onChange(self); };
        this._observer = new MutationObserver(report);
        this._observer.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
        report();
      }
      disconnectedCallback() { if (this._observer) this._observer.disconnect(); }
    });
  }
  defineElement("ui-nav-menu", function (el) {
    var links = Array.prototype.map.call(el.querySelectorAll("a"), function (a) {
      return { label: (a.textContent || "").trim(), href: a.getAttribute("href") || "", rel: a.getAttribute("rel") || "" };
    });
    post("nav-menu", { links: links });
  });
  defineElement("ui-title-bar", function (el) { post("title-bar", { title: el.getAttribute("title") || "" }); });
  defineElement("ui-save-bar", function () {});
  if (!customElements.get("ui-modal")) {
    customElements.define("ui-modal", class extends HTMLElement {
      connectedCallback() { this.style.display = this.hasAttribute("data-open") ? "" : "none"; }
      static get observedAttributes() { return ["data-open"]; }
      attributeChangedCallback() { this.style.display = this.hasAttribute("data-open") ? "" : "none"; }
    });
  }

  // The shell asks the app to navigate (nav menu clicks); history + popstate lets the router handle it.
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.source !== "sim-admin" || data.type !== "navigate") return;
    history.pushState({}, "", data.path);
    window.dispatchEvent(new PopStateEvent("popstate", { state: {} }));
  });
  function reportLocation() { post("location", { path: location.pathname, search: location.search }); }
  var pushState = history.pushState;
  history.pushState = function () { var r = pushState.apply(history, arguments); reportLocation(); return r; };
  var replaceState = history.replaceState;
  history.replaceState = function () { var r = replaceState.apply(history, arguments); reportLocation(); return r; };
  window.addEventListener("popstate", reportLocation);
  reportLocation();
})();
`;
