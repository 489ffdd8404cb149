import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { issueSessionToken } from "../../simulator/auth/jwt";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { getQueue, closeQueues, shopJobId } from "~/platform/queue/queues.server";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
const shopDomain = uniqueShopDomain("auth");
let simulator: RunningSimulator;
let app: RunningAppServer;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain }]);
  app = await startAppServer(TEST_APP_PORT);
});

afterAll(async () => {
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await prisma.$disconnect();
});

describe("embedded auth through token exchange", () => {
  it("installs the shop on the first framed load: session stored, shop recorded, first sync queued", async () => {
    const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(shopDomain, "/app")));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Data in Tempo");

    const sessions = await prisma.session.findMany({ where: { shop: shopDomain } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.isOnline).toBe(false);
    expect(sessions[0]?.scope).toBe(TEST_APP.scopes.join(","));

    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    expect(shop.status).toBe("INSTALLED");
    expect(shop.name).toBe(simulator.shop(shopDomain).store.data.shop.name);
    expect(shop.currencyCode).toBe(simulator.shop(shopDomain).store.data.shop.currencyCode);

    const job = await getQueue("sync").getJob(shopJobId("catalog-backfill", shop.id));
    expect(job?.data).toEqual({ shopId: shop.id, shopDomain });
  });

  it("with APP_BRIDGE_URL set, preloads App Bridge from there and not from Shopify's CDN", async () => {
    const cdnPreload = await fetch(embeddedDocumentRequest(simulator.launchUrl(shopDomain, "/app")));
    expect(cdnPreload.headers.get("link")).toContain("https://cdn.shopify.com/shopifycloud/app-bridge.js");
    process.env.APP_BRIDGE_URL = `${simulator.url}/app-bridge.js`;
    try {
      const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(shopDomain, "/app")));
      expect(response.status).toBe(200);
      const link = response.headers.get("link") ?? "";
      expect(link).not.toContain("cdn.shopify.com");
      expect(link).toContain(`<${simulator.url}/app-bridge.js>; rel="preload"`);
      expect(await response.text()).toContain(`src="${simulator.url}/app-bridge.js"`);
    } finally {
      delete process.env.APP_BRIDGE_URL;
    }
  });

  it("accepts a client fetch with a valid session token", async () => {
    const token = simulator.sessionToken(shopDomain);
    const response = await fetch(`${app.url}/app`, {
      headers: { Authorization: `Bearer ${token}`, "User-Agent": "Mozilla/5.0 Chrome/126.0" },
    });
    expect(response.status).toBe(200);
  });

  it("rejects a session token signed with another secret with 401", async () => {
    const forged = issueSessionToken({ shop: shopDomain, apiKey: TEST_APP.apiKey, apiSecret: "not-the-app-secret" });
    const response = await fetch(`${app.url}/app`, {
      headers: { Authorization: `Bearer ${forged}`, "User-Agent": "Mozilla/5.0 Chrome/126.0" },
    });
    expect(response.status).toBe(401);
  });

  it("answers an unknown form action with 400 and a message", async () => {
    const response = await fetch(`${app.url}/app?index&_data=${encodeURIComponent("routes/app._index")}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "drop-tables" }),
      headers: { Authorization: `Bearer ${simulator.sessionToken(shopDomain)}`, "User-Agent": "Mozilla/5.0 Chrome/126.0" },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ queued: false, error: 'Unknown action "drop-tables"' });
  });

  it("does not queue a second first-sync for a shop that is already installed", async () => {
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    const before = await getQueue("sync").getJobCounts("waiting", "active", "delayed");
    const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(shopDomain, "/app")));
    expect(response.status).toBe(200);
    const after = await getQueue("sync").getJobCounts("waiting", "active", "delayed");
    expect(after).toEqual(before);
    expect(await getQueue("sync").getJob(shopJobId("catalog-backfill", shop.id))).toBeTruthy();
  });
});
