import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { webhookHmac } from "../../simulator/webhooks/sign";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { UnrecoverableError } from "bullmq";
import { closeQueues, getQueue, shopJobId } from "~/platform/queue/queues.server";
import { processors } from "~/jobs/processors/index.server";
import { startWorkers } from "~/jobs/worker-runtime.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { loadSyncContext } from "~/sync/shop-context.server";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
const uninstalledShop = uniqueShopDomain("uninstall");
const redactedShop = uniqueShopDomain("redact");
const bystanderShop = uniqueShopDomain("bystander");
let simulator: RunningSimulator;
let app: RunningAppServer;

async function install(shopDomain: string): Promise<void> {
  const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(shopDomain, "/app")));
  expect(response.status).toBe(200);
}

/** The last delivery the simulator made for a topic, with the app's answer. */
function lastDelivery(shopDomain: string, topic: string) {
  const delivery = simulator.webhooks.log.filter((d) => d.shop === shopDomain && d.topic === topic).at(-1);
  if (!delivery) throw new Error(`no ${topic} delivery for ${shopDomain}`);
  return delivery;
}

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain: uninstalledShop },
    { shopDomain: redactedShop },
    { shopDomain: bystanderShop },
  ]);
  app = await startAppServer(TEST_APP_PORT);
  for (const shop of [uninstalledShop, redactedShop, bystanderShop]) await install(shop);
});

afterAll(async () => {
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await prisma.$disconnect();
});

/** Runs the real sync worker until the job has finished, and says how it ended. */
async function runWorkerUntilFinished(jobId: string, timeoutMs = 30_000): Promise<string> {
  const workers = startWorkers(processors, { concurrency: { sync: 2, planning: 1 } });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = (await (await getQueue("sync").getJob(jobId))?.getState()) ?? "missing";
      if (state === "completed" || state === "failed") return state;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await workers.close();
  }
}

describe("webhook verification", () => {
  it("answers 401 to a webhook whose HMAC was signed with another secret, and changes nothing", async () => {
    const body = JSON.stringify({ id: 1, domain: uninstalledShop });
    const response = await fetch(`${app.url}/webhooks/app/uninstalled`, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Hmac-Sha256": webhookHmac(body, "someone-elses-secret"),
        "X-Shopify-Topic": "app/uninstalled",
        "X-Shopify-Shop-Domain": uninstalledShop,
        "X-Shopify-Webhook-Id": "forged-1",
        "X-Shopify-API-Version": "2026-10",
        "X-Shopify-Event-Id": "forged-event-1",
      },
    });
    expect(response.status).toBe(401);
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: uninstalledShop } });
    expect(shop.status).toBe("INSTALLED");
  });

  it("accepts the same request signed with the app's secret", async () => {
    const body = JSON.stringify({ customer: { id: 99 }, orders_requested: [] });
    const response = await fetch(`${app.url}/webhooks/compliance`, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Hmac-Sha256": webhookHmac(body, TEST_APP.apiSecret),
        "X-Shopify-Topic": "customers/data_request",
        "X-Shopify-Shop-Domain": bystanderShop,
        "X-Shopify-Webhook-Id": "signed-1",
        "X-Shopify-API-Version": "2026-10",
        "X-Shopify-Event-Id": "signed-event-1",
      },
    });
    expect(response.status).toBe(200);
  });
});

describe("app/scopes_update", () => {
  it("keeps the shop's grant current and imports full history once read_all_orders is granted", async () => {
    const shopRow = await prisma.shop.findUniqueOrThrow({ where: { domain: bystanderShop } });
    const narrow = TEST_APP.scopes.filter((scope) => scope !== "read_all_orders");
    const shop = simulator.shop(bystanderShop);
    simulator.actions.emit(shop, "app/scopes_update", { id: 1, previous: TEST_APP.scopes, current: narrow, updated_at: new Date().toISOString() });
    await simulator.webhooks.idle();
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shopRow.id } })).accessScopes).toBe(narrow.join(","));
    expect(await getQueue("sync").getJob(shopJobId("orders-backfill", shopRow.id))).toBeUndefined();

    simulator.actions.emit(shop, "app/scopes_update", { id: 2, previous: narrow, current: TEST_APP.scopes, updated_at: new Date().toISOString() });
    await simulator.webhooks.idle();
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shopRow.id } })).accessScopes).toBe(TEST_APP.scopes.join(","));
    expect((await getQueue("sync").getJob(shopJobId("orders-backfill", shopRow.id)))?.data).toEqual({ shopId: shopRow.id, shopDomain: bystanderShop });
  });
});

describe("app/uninstalled", () => {
  it("deletes the shop's sessions, marks it uninstalled and keeps its data for a reinstall", async () => {
    simulator.actions.uninstall(simulator.shop(uninstalledShop));
    await simulator.webhooks.idle();
    expect(lastDelivery(uninstalledShop, "app/uninstalled").state).toBe("delivered");

    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: uninstalledShop } });
    expect(shop.status).toBe("UNINSTALLED");
    expect(shop.uninstalledAt).not.toBeNull();
    expect(await prisma.session.count({ where: { shop: uninstalledShop } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: bystanderShop } })).toBe(1);
  });

  it("stops sync jobs for the shop without retries", async () => {
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: uninstalledShop } });
    await expect(loadSyncContext(shop.id)).rejects.toBeInstanceOf(UnrecoverableError);
  });
});

describe("privacy webhooks", () => {
  it("records customers/data_request and customers/redact: Tempo holds no customer data", async () => {
    const shop = simulator.shop(redactedShop);
    simulator.actions.compliance(shop, "customers/data_request", { customerId: "4242" });
    simulator.actions.compliance(shop, "customers/redact", { customerId: "4242", orderIds: ["1"] });
    await simulator.webhooks.idle();

    const requests = await prisma.privacyRequest.findMany({ where: { shopDomain: redactedShop }, orderBy: { receivedAt: "asc" } });
    // Shopify gives no delivery order between different webhooks: compare as a set.
    expect(requests.map((r) => [r.topic, r.customerId]).sort()).toEqual([
      ["CUSTOMERS_DATA_REQUEST", "4242"],
      ["CUSTOMERS_REDACT", "4242"],
    ]);
    expect(requests.every((r) => r.completedAt !== null && r.outcome?.includes("no customer personal data"))).toBe(true);
    // The audit keeps ids only: the payload's email must not become data Tempo holds.
    expect(JSON.stringify(requests.map((r) => r.payload))).not.toContain("@example.com");
    expect(requests.find((r) => r.topic === "CUSTOMERS_REDACT")?.payload).toMatchObject({ customerId: "4242", ordersToRedact: ["1"] });
    expect(await prisma.shop.count({ where: { domain: redactedShop } })).toBe(1);
  });

  it("shop/redact erases the shop and everything under it, and no other shop", async () => {
    const shopRow = await prisma.shop.findUniqueOrThrow({ where: { domain: redactedShop } });
    const bystanderRow = await prisma.shop.findUniqueOrThrow({ where: { domain: bystanderShop } });
    for (const { id } of [shopRow, bystanderRow]) {
      await prisma.location.create({ data: { shopId: id, id: 1n, name: "Main" } });
      await prisma.dailyDemand.create({
        data: { shopId: id, variantId: 1n, locationId: 1n, day: new Date("2026-10-01"), units: 3, revenue: "30.00" },
      });
    }

    // The worker runs below must only erase: drop the installs' backfills (and leftovers of earlier runs).
    await getQueue("sync").drain(true);
    simulator.actions.compliance(simulator.shop(redactedShop), "shop/redact");
    await simulator.webhooks.idle();
    expect(lastDelivery(redactedShop, "shop/redact").state).toBe("delivered");

    // Answered at once: sessions gone, the request recorded and the erasure queued.
    expect(await prisma.session.count({ where: { shop: redactedShop } })).toBe(0);
    const scheduled = await prisma.privacyRequest.findFirstOrThrow({ where: { shopDomain: redactedShop, topic: "SHOP_REDACT" } });
    expect(scheduled.outcome).toBe("Erasure of all the shop's data was scheduled.");
    expect(scheduled.completedAt).toBeNull();
    expect(await runWorkerUntilFinished(shopJobId("shop-erase", shopRow.id))).toBe("completed");

    expect(await prisma.shop.count({ where: { domain: redactedShop } })).toBe(0);
    expect(await prisma.location.count({ where: { shopId: shopRow.id } })).toBe(0);
    expect(await prisma.dailyDemand.count({ where: { shopId: shopRow.id } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: redactedShop } })).toBe(0);
    expect(await prisma.location.count({ where: { shopId: bystanderRow.id } })).toBe(1);
    expect(await prisma.dailyDemand.count({ where: { shopId: bystanderRow.id } })).toBe(1);

    const audit = await prisma.privacyRequest.findFirstOrThrow({ where: { shopDomain: redactedShop, topic: "SHOP_REDACT" } });
    expect(audit.completedAt).not.toBeNull();
    expect(audit.outcome).toBe("All of the shop's data was erased.");
  });
});
