/**
 * The shop the board and web-vitals benches read: 10k generated variants at two locations,
 * backfilled through the real sync code, with a full plan run on it (in a child process, the
 * nightly job's code). Reused when an earlier run left it loaded and planned.
 */
import { execFileSync } from "node:child_process";
import { benchDatabaseUrl } from "../support/bench-env";
import { BENCH_APP_ENV, loadedShopId, loadGeneratedShop } from "../support/generated-shop";

export const BOARD_BENCH_SHOP = "bench-board.myshopify.com";
/** The generator's default history ends on 1 Nov 2026: the plan is made that day. */
export const BOARD_BENCH_AS_OF = "2026-11-01";

export const boardBenchDatabaseUrl = () => benchDatabaseUrl("board");

export async function ensurePlannedBoardShop(options: { variants: number; orderLines: number; reuse: boolean }): Promise<number> {
  const databaseUrl = boardBenchDatabaseUrl();
  const started = performance.now();
  const reused = options.reuse ? await loadedShopId(databaseUrl, BOARD_BENCH_SHOP) : null;
  const shopId = reused ?? (await loadGeneratedShop({ databaseUrl, shop: BOARD_BENCH_SHOP, seed: 3, variants: options.variants, orderLines: options.orderLines }));
  execFileSync(process.execPath, ["--import", "tsx", "tests/bench/board/plan-shop.ts"], {
    stdio: "inherit",
    env: { ...process.env, ...BENCH_APP_ENV, DATABASE_URL: databaseUrl, BENCH_SHOP_ID: String(shopId), BENCH_AS_OF: BOARD_BENCH_AS_OF },
  });
  console.log(`  set-up: shop ${reused === null ? "loaded" : "reused"} and planned in ${((performance.now() - started) / 1000).toFixed(0)} s (not timed)`);
  return shopId;
}
