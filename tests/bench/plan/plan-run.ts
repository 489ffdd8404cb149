/**
 * The timed part of the plan bench, in its own process so its CPU and peak RSS are the
 * plan's alone: one full run (the nightly job's work), then one-variant re-plans as a stock
 * webhook causes them. Prints one JSON line. Run by tests/bench/plan/run.ts.
 */
export {};
const shopId = Number(process.env.BENCH_SHOP_ID);
const asOf = process.env.BENCH_AS_OF!;
const threads = Number(process.env.BENCH_THREADS ?? 2);
const learnCalibration = process.env.BENCH_CALIBRATION !== "off";

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
const full = await runFullPlan(shopId, "bench", { threads, asOf, learnCalibration });
const fullWall = (performance.now() - t0) / 1000;
const fullCpu = cpu() - cpu0;

// What the run learned: per location, the interval calibration and the policy's replay of the last weeks.
const { readPlanCalibration } = await import("~/engine/plan/plan-calibration");
const stored = readPlanCalibration((await prisma.planRun.findUniqueOrThrow({ where: { id: full.runId } })).calibration);
const calibration = (stored?.locations ?? []).map((l) => {
  const all = l.calibration?.classes.find((c) => c.key === "all");
  const replay = l.replays?.find((r) => r.key === "all");
  return {
    locationId: l.locationId,
    backtests: all?.backtests ?? 0,
    modelCoverage: all?.modelCoverage ?? null,
    replay: replay ? { cycles: replay.plan.cycles, target: replay.target, plan: replay.plan, textbook: replay.textbook } : null,
    corrections: (l.replays ?? []).filter((r) => r.correction !== 0).map((r) => `${r.key} ${r.correction.toFixed(2)}`),
  };
});

// Open alerts by kind after the run, and how many variant-locations have one.
const openByKind = Object.fromEntries(
  (await prisma.alert.groupBy({ by: ["kind"], where: { shopId, status: "OPEN" }, _count: { _all: true } })).map((g) => [g.kind, g._count._all]),
);
const pairsAlerting = (await prisma.alert.groupBy({ by: ["variantId", "locationId"], where: { shopId, status: "OPEN", kind: { not: "PROMOTION_CAP_REACHED" } } })).length;

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
console.log(JSON.stringify({ full: summary, calibration, openByKind, pairsAlerting, fullWall, fullCpu, peakRss, maxRssKb, replansMs: replans }));
await closePgPool();
await prisma.$disconnect();
process.exit(0);
