/** Board bench set-up (child process): a full plan of the bench shop, unless it already has one. */
export {};
const shopId = Number(process.env.BENCH_SHOP_ID);
const { runFullPlan } = await import("~/features/plan-runs/full-plan.server");
const { findActivePlan } = await import("~/platform/plan-status.server");
const { closePgPool } = await import("~/platform/pg-pool.server");
const { default: prisma } = await import("~/platform/db.server");

if (!(await findActivePlan(shopId))) {
  const result = await runFullPlan(shopId, "bench", { threads: 2, asOf: process.env.BENCH_AS_OF! });
  console.log(`  set-up: full plan of ${result.pairs} variant-locations, ${result.proposals} reorder lines, ${result.alertsOpened} alerts`);
}
await closePgPool();
await prisma.$disconnect();
process.exit(0);
