import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { backfilledShop } from "../plan-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { importSuppliersFile, importVariantTermsFile } from "~/features/suppliers/terms-import.server";
import { saveSettingsForm } from "~/features/settings/save.server";
import { getPlanSettings } from "~/features/settings/queries.server";

const shopA = uniqueShopDomain("terms-a");
const shopB = uniqueShopDomain("terms-b");
let simulator: RunningSimulator;
const ids: Record<string, number> = {};
const who = (domain: string) => ({ shopId: ids[domain]!, shopDomain: domain, actor: "staff:7" });

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain: shopA, seed: 41, variants: 20, historyDays: 90 },
    { shopDomain: shopB, seed: 41, variants: 20, historyDays: 90 },
  ]);
  ids[shopA] = await backfilledShop(simulator, shopA);
  ids[shopB] = await backfilledShop(simulator, shopB);
}, 120_000);

afterAll(async () => {
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("buying terms import", () => {
  it("writes nothing from a file with one bad row, and names its line, column and value", async () => {
    const csv = "name,lead_time_days,case_pack\nPacific Mills,35,6\nAtlas Knitwear,forty,12\nMeridian Goods,21,1\n";
    const outcome = await importSuppliersFile(who(shopA), csv);
    expect(outcome).toEqual({ ok: false, errors: [{ line: 3, column: "lead_time_days", value: "forty", message: '"forty" is not a whole number.' }] });
    expect(await testPrisma.supplier.count({ where: { shopId: ids[shopA]! } })).toBe(0);
  });

  it("imports a good file, updates by name on a second import, and marks every variant for re-planning", async () => {
    const first = await importSuppliersFile(who(shopA), "name,lead_time_days,case_pack,vendors\nPacific Mills,35,6,\nAtlas Knitwear,40,12,Atlas|AK\n");
    expect(first).toEqual({ ok: true, summary: "2 suppliers imported: 2 new, 0 updated." });
    const second = await importSuppliersFile(who(shopA), "name,lead_time_days\npacific mills,30\n");
    expect(second).toEqual({ ok: true, summary: "1 supplier imported: 0 new, 1 updated." });
    const pacific = await testPrisma.supplier.findFirstOrThrow({ where: { shopId: ids[shopA]!, name: "Pacific Mills" } });
    expect(pacific.leadTimeDays).toBe(30);
    const live = await testPrisma.variant.count({ where: { shopId: ids[shopA]!, deletedAt: null } });
    expect(await testPrisma.planDirtyVariant.count({ where: { shopId: ids[shopA]! } })).toBe(live);
    expect(await testPrisma.supplier.count({ where: { shopId: ids[shopB]! } })).toBe(0);
    expect(await testPrisma.auditEvent.count({ where: { shopId: ids[shopA]!, entity: "supplier", action: "imported", actor: "staff:7" } })).toBe(2);
  });

  it("imports variant terms by SKU against this shop's catalogue only", async () => {
    const variant = await testPrisma.variant.findFirstOrThrow({ where: { shopId: ids[shopA]!, sku: { not: null } } });
    const outcome = await importVariantTermsFile(who(shopA), `sku,supplier,unit_cost,case_pack\n${variant.sku},Pacific Mills,9.40,12\nNOPE-SKU,Pacific Mills,1,1\n`);
    expect(outcome.ok).toBe(false);
    expect(await testPrisma.variantBuyingTerms.count({ where: { shopId: ids[shopA]! } })).toBe(0);
    const good = await importVariantTermsFile(who(shopA), `sku,supplier,unit_cost,case_pack\n${variant.sku},Pacific Mills,9.40,12\n`);
    expect(good).toEqual({ ok: true, summary: "Buying terms of 1 variant imported." });
    const terms = await testPrisma.variantBuyingTerms.findUniqueOrThrow({ where: { shopId_variantId: { shopId: ids[shopA]!, variantId: variant.id } } });
    expect(Number(terms.unitCost)).toBe(9.4);
    expect(terms.casePack).toBe(12);
    // Shop B has the same SKUs (same seed) but no supplier named Pacific Mills.
    const other = await importVariantTermsFile(who(shopB), `sku,supplier\n${variant.sku},Pacific Mills\n`);
    expect(other.ok).toBe(false);
  });
});

describe("planning settings form", () => {
  it("refuses bad values field by field and keeps the stored settings", async () => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ "serviceLevels.A": "101", "serviceLevels.B": "95", "serviceLevels.C": "90", "abcCutoffs.a": "80", "abcCutoffs.b": "95", defaultLeadTimeDays: "28", reviewDays: "7", horizonWeeks: "26", overstockWeeks: "26", deadStockDays: "ninety", "openToBuy.2026-12": "-10" }))
      data.set(k, v);
    const outcome = await saveSettingsForm(who(shopA), data);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toMatchObject({ "serviceLevels.A": "Service level for A items must be at most 99.9%", deadStockDays: "Dead stock after must be a number", "openToBuy.2026-12": "A budget cannot be negative" });
    expect((await getPlanSettings(ids[shopA]!)).serviceLevels.A).toBe(98);
  });

  it("saves good values and audits the change", async () => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ "serviceLevels.A": "99", "serviceLevels.B": "96", "serviceLevels.C": "92", "abcCutoffs.a": "80", "abcCutoffs.b": "95", defaultLeadTimeDays: "21", reviewDays: "14", horizonWeeks: "26", overstockWeeks: "30", deadStockDays: "120", "openToBuy.2026-12": "25000" }))
      data.set(k, v);
    expect((await saveSettingsForm(who(shopA), data)).ok).toBe(true);
    // This form has no "List alerts from" (a page from before it existed): the stored amount stays.
    expect(await getPlanSettings(ids[shopA]!)).toMatchObject({ serviceLevels: { A: 99, B: 96, C: 92 }, defaultLeadTimeDays: 21, reviewDays: 14, openToBuy: { "2026-12": 25000 }, alertSummaryBelow: 25 });
    expect(await testPrisma.auditEvent.count({ where: { shopId: ids[shopA]!, entity: "settings" } })).toBe(1);
    expect((await getPlanSettings(ids[shopB]!)).serviceLevels.A).toBe(98);
  });
});

describe("the alerts threshold setting", () => {
  it("saves the amount alerts are listed from, and refuses a negative one by name", async () => {
    const fields = { "serviceLevels.A": "98", "serviceLevels.B": "95", "serviceLevels.C": "90", "abcCutoffs.a": "80", "abcCutoffs.b": "95", defaultLeadTimeDays: "28", reviewDays: "7", horizonWeeks: "26", overstockWeeks: "26", deadStockDays: "90" };
    const form = (alertSummaryBelow: string) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ ...fields, alertSummaryBelow })) data.set(k, v);
      return data;
    };
    expect(await saveSettingsForm(who(shopB), form("-1"))).toMatchObject({ ok: false, errors: { alertSummaryBelow: "The amount alerts are listed from cannot be negative" } });
    expect((await saveSettingsForm(who(shopB), form("100"))).ok).toBe(true);
    expect((await getPlanSettings(ids[shopB]!)).alertSummaryBelow).toBe(100);
  });
});
