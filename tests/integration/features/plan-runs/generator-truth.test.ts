import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { HISTORY_END, plannedShop } from "../plan-support";
import { closePgPool } from "~/platform/pg-pool.server";

// The generator leaves some busy warehouse variants about to run out and others overstocked; the plan must say which.
const domain = uniqueShopDomain("truth");
let simulator: RunningSimulator;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 51, variants: 150, historyDays: 730, endDate: HISTORY_END, endState: true }]);
  ({ shopId } = await plannedShop(simulator, domain));
}, 240_000);

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("the plan against the generator's truth", () => {
  it("alerts and proposes every variant the generator made to run out, flags every overstocked one, and never both", async () => {
    const truth = simulator.shop(domain).store.data.truth.endState!;
    expect(truth.runningOut.length).toBeGreaterThan(2);
    expect(truth.overstocked.length).toBeGreaterThan(2);
    const warehouse = BigInt(truth.warehouseId);
    const alerts = await testPrisma.alert.findMany({ where: { shopId, status: "OPEN" } });
    const kindsOf = (variantId: string, locationId: bigint) => alerts.filter((a) => a.variantId === BigInt(variantId) && a.locationId === locationId).map((a) => a.kind);

    for (const variantId of truth.runningOut) {
      expect(kindsOf(variantId, warehouse), `running-out variant ${variantId}`).toContain("STOCKOUT_RISK");
      const proposal = await testPrisma.reorderProposal.findFirst({ where: { shopId, variantId: BigInt(variantId), locationId: warehouse, status: "PROPOSED" } });
      expect(proposal, `proposal for ${variantId}`).not.toBeNull();
      expect(proposal!.quantity).toBeGreaterThan(0);
    }
    for (const variantId of truth.overstocked) {
      expect(kindsOf(variantId, warehouse), `overstocked variant ${variantId}`).toContain("OVERSTOCK");
      expect(await testPrisma.reorderProposal.count({ where: { shopId, variantId: BigInt(variantId), locationId: warehouse, status: "PROPOSED" } })).toBe(0);
    }
    // No variant-location is both at risk of running out and overstocked.
    const byPair = new Map<string, Set<string>>();
    for (const alert of alerts) byPair.set(`${alert.variantId}:${alert.locationId}`, (byPair.get(`${alert.variantId}:${alert.locationId}`) ?? new Set()).add(alert.kind));
    const both = [...byPair.entries()].filter(([, kinds]) => kinds.has("STOCKOUT_RISK") && kinds.has("OVERSTOCK"));
    expect(both).toEqual([]);
  });
});
