import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP_PORT } from "../../support/test-app";
import { closeQueues, getQueue, shopJobId } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { startWebhookInbox, type WebhookInbox } from "~/sync/webhook-inbox.server";
import { installShop, testPrisma } from "./sync-support";

const domain = uniqueShopDomain("shop-update");
let simulator: RunningSimulator;
let app: RunningAppServer;
let shopId: number;
let inbox: WebhookInbox;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 17, variants: 5, historyDays: 10 }]);
  app = await startAppServer(TEST_APP_PORT);
  shopId = await installShop(simulator, domain);
  // Shop ids restart with every test database: drop a leftover of an earlier run with the same id.
  await (await getQueue("sync").getJob(shopJobId("demand-rebuild", shopId)))?.remove();
  inbox = await startWebhookInbox();
});

afterAll(async () => {
  await inbox?.close();
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function sendShopUpdate(fields: Record<string, string>): Promise<void> {
  simulator.actions.emit(simulator.shop(domain), "shop/update", { id: 1, domain, updated_at: new Date().toISOString(), ...fields }, { duplicate: false, outOfOrder: false });
  await simulator.webhooks.flush(domain);
  await inbox.drain(shopId);
}

const demandRebuildJob = async () => getQueue("sync").getJob(shopJobId("demand-rebuild", shopId));

describe("shop/update", () => {
  it("saves a new timezone, name and currency and queues a full demand rebuild", async () => {
    const before = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const timezone = before.ianaTimezone === "Pacific/Auckland" ? "Europe/Paris" : "Pacific/Auckland";
    await sendShopUpdate({ iana_timezone: timezone, name: "Renamed Store", currency: "NZD" });

    const after = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect({ timezone: after.ianaTimezone, name: after.name, currency: after.currencyCode }).toEqual({ timezone, name: "Renamed Store", currency: "NZD" });
    expect((await demandRebuildJob())?.data).toEqual({ shopId, shopDomain: domain });
  });

  it("keeps the demand as it is when the timezone did not change", async () => {
    await (await demandRebuildJob())?.remove();
    const before = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    await sendShopUpdate({ iana_timezone: before.ianaTimezone!, name: "Renamed Again" });

    const after = await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(after.name).toBe("Renamed Again");
    expect(after.currencyCode).toBe(before.currencyCode);
    expect(await demandRebuildJob()).toBeUndefined();
  });
});
