import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP_PORT } from "../../support/test-app";
import { closeQueues } from "~/platform/queue/queues.server";
import { testPrisma } from "../sync/sync-support";

const domain = uniqueShopDomain("errors");
let simulator: RunningSimulator;
let app: RunningAppServer;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, variants: 5, historyDays: 14 }]);
  app = await startAppServer(TEST_APP_PORT);
  expect((await fetch(embeddedDocumentRequest(simulator.launchUrl(domain, "/app")))).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await testPrisma.$disconnect();
});

describe("error pages", () => {
  it("a missing variant or purchase order is a 404 page inside the app, with the reason and a way back", async () => {
    for (const [path, reason] of [
      ["/app/variants/999999", "No such variant"],
      ["/app/purchase-orders/999999", "No such purchase order"],
    ] as const) {
      const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(domain, path)));
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain("This page no longer exists");
      expect(html).toContain(`${reason}: it may have been deleted`);
      expect(html).toContain("Back to the board");
      // The app's navigation is still there: the layout rendered around the error.
      expect(html).toContain("Reorder proposals");
    }
  });

  it("an address with no page is a plain 404 page, not a stack trace", async () => {
    const response = await fetch(`${app.url}/no-such-page`, { headers: { Accept: "text/html" } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page not found");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });
});
