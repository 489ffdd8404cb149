import "@shopify/shopify-api/adapters/node";
import { ApiVersion, RequestedTokenType, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signHs256 } from "../../simulator/auth/jwt";
import { createSimulatorFetch } from "../../simulator/fetch-bridge";
import type { RunningSimulator } from "../../simulator/server";
import { startTestSimulator, TEST_APP } from "./helpers";

describe("the real @shopify/shopify-api against the simulator", () => {
  let sim: RunningSimulator;
  let shopify: Shopify;
  beforeAll(async () => {
    sim = await startTestSimulator({ appUrl: "https://tempo.example" });
    setAbstractFetchFunc(createSimulatorFetch(sim.url));
    shopify = shopifyApi({
      apiKey: TEST_APP.apiKey,
      apiSecretKey: TEST_APP.apiSecret,
      apiVersion: ApiVersion.October26,
      hostName: "tempo.example",
      scopes: TEST_APP.scopes,
      isEmbeddedApp: true,
      logger: { level: 0 },
    });
  });
  afterAll(async () => {
    setAbstractFetchFunc(globalThis.fetch);
    await sim.close();
  });

  it("exchanges an admin session token for an offline token and queries with the GraphQL client", async () => {
    const shop = sim.shop().domain;
    const { session } = await shopify.auth.tokenExchange({
      shop,
      sessionToken: sim.sessionToken(),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.scope?.split(",")).toEqual(TEST_APP.scopes);

    const client = new shopify.clients.Graphql({ session });
    const response = await client.request<{ shop: { myshopifyDomain: string }; locations: { nodes: { name: string }[] } }>(
      "query Tempo { shop { myshopifyDomain } locations(first: 10) { nodes { name } } }",
    );
    expect(response.data?.shop.myshopifyDomain).toBe(shop);
    // Shopify's schema sorts locations by NAME unless told otherwise.
    const names = sim.shop().store.data.locations.map((l) => l.name).sort();
    expect(response.data?.locations.nodes.map((l) => l.name)).toEqual(names);
    // shop 1 + locations connection 2 + 10 × 1.
    expect(response.extensions?.cost).toMatchObject({ requestedQueryCost: 13 });
  });

  it("issues online tokens with the associated user", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: sim.shop().domain,
      sessionToken: sim.sessionToken(undefined, "42"),
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(42);
  });

  it("refuses a session token signed with another secret, and a wrong client secret", async () => {
    const now = Math.floor(Date.now() / 1000);
    const shop = sim.shop().domain;
    const forged = signHs256({ iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: TEST_APP.apiKey, sub: "1", exp: now + 60, nbf: now, iat: now, jti: "x", sid: "y" }, "another-secret");
    const post = (body: Record<string, string>) =>
      fetch(`${sim.url}/admin/oauth/access_token`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-host": shop }, body: JSON.stringify(body) });
    const base = {
      client_id: TEST_APP.apiKey,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    };
    const forgedAnswer = await post({ ...base, client_secret: TEST_APP.apiSecret, subject_token: forged });
    expect(forgedAnswer.status).toBe(400);
    expect(await forgedAnswer.json()).toMatchObject({ error: "invalid_subject_token" });
    const wrongSecret = await post({ ...base, client_secret: "nope", subject_token: sim.sessionToken() });
    expect(wrongSecret.status).toBe(401);
    const good = await post({ ...base, client_secret: TEST_APP.apiSecret, subject_token: sim.sessionToken() });
    expect(good.status).toBe(200);
  });

  it("hands out expiring offline tokens with a refresh token when asked", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop: sim.shop().domain,
      sessionToken: sim.sessionToken(),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    expect(session.expires).toBeInstanceOf(Date);
    expect(session.refreshToken).toMatch(/^shprt_/);
    const refreshed = await shopify.auth.refreshToken({ shop: sim.shop().domain, refreshToken: session.refreshToken ?? "" });
    expect(refreshed.session.accessToken).not.toBe(session.accessToken);
  });
});
