/**
 * Board bench: how fast the board and the variant page load on a 10k-variant, two-location shop.
 * The shop is generated and backfilled through the real sync code and fully planned (not timed),
 * then the loader modules the routes call (getBoardView, getVariantDetail: the route's code path
 * minus authentication) run repeatedly in a child process; p50 and p95 per case.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tempo_test npm run bench:board -- \
 *     [--variants 10000] [--order-lines 1000000] [--runs 30] [--reuse]
 *
 * It uses its own database `<database>_bench_board` on that server; --reuse keeps the shop and
 * plan an earlier run loaded. Target: p95 300 ms or less in every case.
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { BENCH_APP_ENV } from "../support/generated-shop";
import { boardBenchDatabaseUrl, ensurePlannedBoardShop } from "./bench-shop";

const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "10000" },
    "order-lines": { type: "string", default: "1000000" },
    runs: { type: "string", default: "30" },
    reuse: { type: "boolean", default: false },
  },
});

console.log(`board bench: ${values.variants} variants, ${values["order-lines"]} order lines, two locations`);
const shopId = await ensurePlannedBoardShop({ variants: Number(values.variants), orderLines: Number(values["order-lines"]), reuse: values.reuse });
execFileSync(process.execPath, ["--import", "tsx", "tests/bench/board/measure.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...BENCH_APP_ENV, DATABASE_URL: boardBenchDatabaseUrl(), BENCH_SHOP_ID: String(shopId), BENCH_RUNS: values.runs },
});
