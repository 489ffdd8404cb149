import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { closePgPool } from "~/platform/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { expectedDemand, installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

const domain = uniqueShopDomain("restart");
let simulator: RunningSimulator;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 31, variants: 40, historyDays: 120 }]);
  shopId = await installShop(simulator, domain);
  await runCatalogBackfill(await loadSyncContext(shopId));
});

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a worker killed in the middle of a backfill", () => {
  it("resumes from the recorded cursor on restart: same export, no lost or duplicated rows", async () => {
    // node --import tsx, not the tsx binary: SIGKILL must hit the process doing the work.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/sync/backfill-child.ts", String(shopId)], {
      env: process.env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const midway = await waitFor(async () => {
      const run = await testPrisma.syncRun.findFirst({ where: { shopId, kind: "ORDERS_BACKFILL" } });
      return run && Number(run.cursor ?? 0) >= 100 ? run : null;
    }, 45_000);
    child.kill("SIGKILL");
    await exited;

    const killed = await testPrisma.syncRun.findUniqueOrThrow({ where: { id: midway.id } });
    expect(killed.status).toBe("RUNNING");
    const total = (killed.counts as { totalLines: number }).totalLines;
    expect(Number(killed.cursor)).toBeLessThan(total);
    const partial = await storedTotals(shopId);
    expect(partial.orders).toBeLessThan(truthOf(simulator, domain).orders);

    const resumed = await runOrdersBackfill(await loadSyncContext(shopId), { batchSize: 20 });
    expect(resumed.id).toBe(killed.id);
    expect(resumed.status).toBe("SUCCEEDED");
    expect(resumed.bulkOperationId).toBe(killed.bulkOperationId);
    expect(resumed.attempts).toBe(2);
    expect(Number(resumed.cursor)).toBe(total);
    // The lines before the cursor were summed in the killed process: demand comes from the stored lines.
    expect(resumed.counts).toMatchObject({ demandStreamed: 0 });

    const truth = truthOf(simulator, domain);
    const stored = await storedTotals(shopId);
    expect(stored).toMatchObject({ orders: truth.orders, orderLines: truth.orderLines, unitsSold: truth.unitsSold, netUnits: truth.netUnits, duplicateLines: 0 });
    expect(stored.demandUnits).toBe(expectedDemand(simulator, domain).total);
  });
});
