import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP_PORT } from "../../support/test-app";
import { closeQueues } from "~/platform/queue/queues.server";
import { unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { testPrisma } from "../sync/sync-support";

const shopDomain = uniqueShopDomain("first-load");
let simulator: RunningSimulator;
let app: RunningAppServer;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain }]);
  app = await startAppServer(TEST_APP_PORT);
});

afterAll(async () => {
  const shop = await testPrisma.shop.findUnique({ where: { domain: shopDomain } });
  if (shop) await unscheduleNightlyReconcile(shop.id);
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await testPrisma.$disconnect();
});

describe("the very first framed load", () => {
  it("shows the installed shop, even while the install (afterAuth) is slow", async () => {
    // A slow Admin API makes the layout's and the page's loaders overlap on afterAuth, as on a real first load.
    simulator.faults.set({ delayMs: 300 }, shopDomain);
    const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(shopDomain, "/app")));
    simulator.faults.reset(shopDomain);
    expect(response.status).toBe(200);
    const html = await response.text();
    const name = simulator.shop(shopDomain).store.data.shop.name;
    expect(html).toContain(`S&amp;OP board · ${name.replace(/&/g, "&amp;").replace(/'/g, "&#x27;")}`);
    expect(html).toContain("Waiting for the first import");
    expect(await testPrisma.shop.count({ where: { domain: shopDomain } })).toBe(1);
  });
});
