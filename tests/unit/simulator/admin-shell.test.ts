import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySessionToken } from "../../simulator/auth/jwt";
import { signQuery } from "../../simulator/admin/launch-url";
import type { RunningSimulator } from "../../simulator/server";
import { startTestSimulator, TEST_APP } from "./helpers";

describe("admin shell and App Bridge stub", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ appUrl: "http://127.0.0.1:3999" });
  });
  afterAll(async () => sim.close());

  it("frames the app path with embedded=1, shop, host and a fresh id_token signed with the app secret", async () => {
    const html = await (await fetch(sim.adminUrl(undefined, "/app/plans?tab=2"))).text();
    const src = /<iframe[^>]+src="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    expect(src).toBeDefined();
    const frame = new URL(src ?? "");
    expect(frame.origin + frame.pathname).toBe("http://127.0.0.1:3999/app/plans");
    const shop = sim.shop().domain;
    expect(frame.searchParams.get("tab")).toBe("2");
    expect(frame.searchParams.get("embedded")).toBe("1");
    expect(frame.searchParams.get("shop")).toBe(shop);
    expect(Buffer.from(frame.searchParams.get("host") ?? "", "base64").toString()).toBe(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`);
    const verified = verifySessionToken(frame.searchParams.get("id_token") ?? "", { apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret, shop });
    expect(verified.ok).toBe(true);
    expect(verifySessionToken(frame.searchParams.get("id_token") ?? "", { apiKey: TEST_APP.apiKey, apiSecret: "other" }).ok).toBe(false);
    expect(frame.searchParams.get("hmac")).toBe(signQuery(frame.searchParams, TEST_APP.apiSecret));
    expect(html).toContain("Tempo");
  });

  it("serves the App Bridge stub and fresh session tokens to it (with CORS)", async () => {
    const script = await fetch(`${sim.url}/app-bridge.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    const source = await script.text();
    for (const piece of ["idToken", "shopify-reload", "X-Shopify-Retry-Invalid-Session-Request", "ui-nav-menu", "toast"]) expect(source).toContain(piece);
    expect(() => new Function(source)).not.toThrow();

    const answer = await fetch(`${sim.url}/_sim/session-token?shop=${sim.shop().domain}`);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const { token } = (await answer.json()) as { token: string };
    const verified = verifySessionToken(token, { apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret, shop: sim.shop().domain });
    expect(verified.ok && verified.claims.exp - verified.claims.iat).toBe(60);
  });
});
