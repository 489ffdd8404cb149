/**
 * The timed part of the plan bench, in its own process so its CPU and peak RSS are the
 * plan's alone: one full run (the nightly job's work), then one-variant re-plans as a stock
 * webhook causes them. Prints one JSON line. Run by tests/bench/plan/run.ts.
 */
export {};
const shopId = Number(process.env.BENCH_SHOP_ID);
const asOf = process.env.BENCH_AS_OF!;
const threads = Number(process.env.BENCH_THREADS ?? 2);

const { runFullPlan } = await import("~/features/plan-runs/full-plan.server");
const { runIncrementalPlan } = await import("~/features/plan-runs/incremental-plan.server");
const { closePgPool } = await import("~/platform/pg-pool.server");
const { inSqlTransaction } = await import("~/platform/transaction.server");
const { markInventoryItemDirty } = await import("~/platform/plan-dirty.server");
const { default: prisma } = await import("~/platform/db.server");

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const cpu0 = cpu();
const t0 = performance.now();
const full = await runFullPlan(shopId, "bench", { threads, asOf });
const fullWall = (performance.now() - t0) / 1000;
const fullCpu = cpu() - cpu0;

// A stock webhook for one busy variant: its level changes and the variant is marked, then re-planned.
const level = await prisma.inventoryLevel.findFirstOrThrow({ where: { shopId, variantId: { not: null }, available: { gt: 5 } }, orderBy: { available: "desc" } });
const replans: number[] = [];
for (let i = 0; i < 5; i++) {
  await prisma.inventoryLevel.update({ where: { shopId_inventoryItemId_locationId: { shopId, inventoryItemId: level.inventoryItemId, locationId: level.locationId } }, data: { available: level.available - i - 1 } });
  await inSqlTransaction((client) => markInventoryItemDirty(client, shopId, level.inventoryItemId));
  const r0 = performance.now();
  await runIncrementalPlan(shopId, "tempo", { asOf });
  replans.push(performance.now() - r0);
}
clearInterval(sampler);
const maxRssKb = process.resourceUsage().maxRSS;
// Only the counts: the run's list of opened alerts would make the line megabytes long.
const summary = { pairs: full.pairs, proposals: full.proposals, alertsOpened: full.alertsOpened, seconds: full.seconds };
console.log(JSON.stringify({ full: summary, fullWall, fullCpu, peakRss, maxRssKb, replansMs: replans }));
await closePgPool();
await prisma.$disconnect();
process.exit(0);
