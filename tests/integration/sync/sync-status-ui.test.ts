import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP_PORT } from "../../support/test-app";
import { closeQueues, getQueue, shopJobId } from "~/platform/queue/queues.server";
import { unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { formatMoment } from "~/platform/format";
import { testPrisma } from "./sync-support";

const domain = uniqueShopDomain("sync-ui");
let simulator: RunningSimulator;
let app: RunningAppServer;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, variants: 10, historyDays: 30 }]);
  app = await startAppServer(TEST_APP_PORT);
  // The first framed load installs the shop through token exchange.
  const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(domain, "/app")));
  expect(response.status).toBe(200);
  shopId = (await testPrisma.shop.findUniqueOrThrow({ where: { domain } })).id;
  await (await getQueue("sync").getJob(shopJobId("catalog-backfill", shopId)))?.remove();
});

afterAll(async () => {
  await unscheduleNightlyReconcile(shopId).catch(() => undefined);
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await testPrisma.$disconnect();
});

async function overviewHtml(): Promise<string> {
  const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(domain, "/app")));
  expect(response.status).toBe(200);
  return response.text();
}

describe("sync status on the overview page", () => {
  it("shows a progress bar with counts while an import runs", async () => {
    await testPrisma.syncRun.create({
      data: { shopId, kind: "ORDERS_BACKFILL", status: "RUNNING", startedAt: new Date(), counts: { linesApplied: 1500, totalLines: 6000, orders: 600, orderLines: 900 } },
    });
    const html = await overviewHtml();
    expect(html).toContain("Order history import in progress");
    expect(html).toContain("1,500 of 6,000 records: 600 orders with 900 order lines so far");
    expect(html).toMatch(/Polaris-ProgressBar/);
  });

  it("explains a failure in plain words, offers a retry that queues the import, and shows the last success", async () => {
    const finishedAt = new Date(Date.now() - 3600_000);
    await testPrisma.syncRun.create({ data: { shopId, kind: "CATALOG_BACKFILL", status: "SUCCEEDED", startedAt: finishedAt, finishedAt, createdAt: finishedAt } });
    await testPrisma.syncRun.updateMany({ where: { shopId, status: "RUNNING" }, data: { status: "FAILED", error: "Shopify could not finish exporting your data. Tempo will try again.", finishedAt: new Date() } });
    const html = await overviewHtml();
    expect(html).toContain("Order history import failed");
    expect(html).toContain("Shopify could not finish exporting your data.");
    expect(html).toContain("Retry now");
    // As the card formats it: in the shop's time zone and the request's locale.
    const timezone = (await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).ianaTimezone ?? "UTC";
    expect(html).toContain(`Last successful sync: ${formatMoment(finishedAt.toISOString(), { locale: "en", currencyCode: "USD", timezone })}`);

    const response = await fetch(`${app.url}/app?index`, {
      method: "POST",
      headers: { Authorization: `Bearer ${simulator.sessionToken(domain)}`, "User-Agent": "Mozilla/5.0 Chrome/126.0", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "retry-sync" }),
    });
    expect(response.status).toBe(200);
    const job = await getQueue("sync").getJob(shopJobId("catalog-backfill", shopId));
    expect(job?.data).toEqual({ shopId, shopDomain: domain });
    await job?.remove();
  });

  it("lists webhook deliveries Tempo refused, with their reasons, and no other shop's", async () => {
    expect(await overviewHtml()).not.toContain("refused-deliveries");
    const other = await testPrisma.shop.create({ data: { domain: uniqueShopDomain("sync-ui-other") } });
    await testPrisma.webhookEvent.createMany({
      data: [
        { shopId, webhookId: "ui-refused-1", topic: "INVENTORY_LEVELS_UPDATE", status: "REJECTED", reason: "Webhook payload has an invalid available quantity (3000000000)", processedAt: new Date() },
        { shopId, webhookId: "ui-refused-2", topic: "ORDERS_CREATE", status: "FAILED", reason: "simulated failure", processedAt: new Date() },
        { shopId, webhookId: "ui-applied", topic: "ORDERS_CREATE", status: "APPLIED", processedAt: new Date() },
        { shopId: other.id, webhookId: "ui-other-shop", topic: "ORDERS_CREATE", status: "REJECTED", reason: "another shop's refusal", processedAt: new Date() },
      ],
    });
    const html = await overviewHtml();
    expect(html).toContain("2 updates from Shopify were refused");
    expect(html).toContain("inventory_levels/update");
    expect(html).toContain("Webhook payload has an invalid available quantity (3000000000)");
    expect(html).toContain("gave up after retrying");
    expect(html).not.toContain("another shop&#x27;s refusal");
    expect(html).not.toContain("ui-applied");
    expect(html).not.toContain("ui-other-shop");
  });
});
