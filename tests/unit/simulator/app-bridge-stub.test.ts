import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_BRIDGE_STUB_SOURCE } from "../../simulator/admin/app-bridge-stub";
import { verifySessionToken } from "../../simulator/auth/jwt";
import type { RunningSimulator } from "../../simulator/server";
import { startTestSimulator, TEST_APP, waitFor } from "./helpers";

const APP_ORIGIN = "http://app.test";

/** Browsers resolve relative Request URLs against the page; Node does not. */
class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" ? new URL(input, APP_ORIGIN) : input, init);
  }
}

/** Runs the stub in a bare VM "page" with just the browser globals it touches. */
function loadStub(sim: RunningSimulator, pageUrl: string, appFetch: (request: Request) => Promise<Response>) {
  const location = { href: pageUrl, search: new URL(pageUrl).search, pathname: new URL(pageUrl).pathname, origin: APP_ORIGIN, replaced: "", replace(url: string) { this.replaced = url; }, assign() {} };
  const storage = new Map<string, string>();
  const posted: unknown[] = [];
  const realFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input instanceof Request || input instanceof URL ? input : new URL(String(input), APP_ORIGIN), init);
    return new URL(request.url).origin === APP_ORIGIN ? appFetch(request) : fetch(request);
  };
  const window: Record<string, unknown> = {
    location,
    fetch: realFetch,
    open: () => null,
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
    addEventListener: () => {},
    dispatchEvent: () => true,
  };
  window.parent = { postMessage: (message: unknown) => posted.push(message) };
  const context = {
    window,
    location,
    document: { currentScript: { src: `${sim.url}/app-bridge.js`, getAttribute: (name: string) => (name === "data-api-key" ? TEST_APP.apiKey : null) } },
    history: { pushState() {}, replaceState() {} },
    customElements: { get: () => undefined, define: () => {} },
    HTMLElement: class {},
    MutationObserver: class { observe() {} disconnect() {} },
    PopStateEvent: class {},
    URL, URLSearchParams, Request: PageRequest, Headers, Response, Promise, String,
  };
  runInNewContext(APP_BRIDGE_STUB_SOURCE, context);
  return { window: window as { shopify: { idToken(): Promise<string>; toast: { show(m: string): string } }; fetch: typeof fetch }, location, posted };
}

describe("App Bridge stub", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ appUrl: APP_ORIGIN });
  });
  afterAll(async () => sim.close());

  it("puts a fresh session token on same-origin fetches and retries once when the app asks", async () => {
    const seen: (string | null)[] = [];
    const page = loadStub(sim, `${APP_ORIGIN}/app?embedded=1&shop=${sim.shop().domain}&host=abc`, async (request) => {
      seen.push(request.headers.get("authorization"));
      const retry = seen.length === 1 ? { "X-Shopify-Retry-Invalid-Session-Request": "1" } : undefined;
      return new Response("ok", { status: seen.length === 1 ? 401 : 200, headers: retry });
    });
    const response = await page.window.fetch("/app/data");
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    const token = seen[1]?.replace(/^Bearer /, "") ?? "";
    expect(verifySessionToken(token, { apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret, shop: sim.shop().domain }).ok).toBe(true);
    page.window.shopify.toast.show("Saved");
    expect(page.posted).toContainEqual({ source: "sim-app-bridge", type: "toast", detail: { message: "Saved", isError: false } });
  });

  it("follows the library's shopify-reload bounce with a new id_token", async () => {
    const reload = `${APP_ORIGIN}/app/plans?shop=${sim.shop().domain}&embedded=1`;
    const page = loadStub(sim, `${APP_ORIGIN}/auth/session-token?shop=${sim.shop().domain}&shopify-reload=${encodeURIComponent(reload)}`, async () => new Response("x"));
    const target = await waitFor(() => page.location.replaced || undefined);
    const url = new URL(target);
    expect(url.pathname).toBe("/app/plans");
    expect(verifySessionToken(url.searchParams.get("id_token") ?? "", { apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret }).ok).toBe(true);
  });
});
