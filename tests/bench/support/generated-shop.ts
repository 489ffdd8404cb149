/**
 * A generated shop loaded into a bench database the way a real install fills it: the simulator
 * generates the brand (in a child process, so its in-memory shop does not count), and the real
 * catalogue and orders backfill writes it to PostgreSQL. Shared by the plan, board and
 * web-vitals benches; `loadedShopId` lets a bench reuse a shop an earlier run loaded.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { TEST_APP } from "../../support/test-app";
import { freshBenchDatabase } from "./bench-env";

export interface GeneratedShop {
  databaseUrl: string;
  shop: string;
  seed: number;
  variants: number;
  orderLines: number;
}

/** The environment the app's modules read at import time, for bench child processes. */
export const BENCH_APP_ENV = {
  SHOPIFY_API_KEY: TEST_APP.apiKey,
  SHOPIFY_API_SECRET: TEST_APP.apiSecret,
  SHOPIFY_APP_URL: TEST_APP.appUrl,
  SCOPES: TEST_APP.scopes.join(","),
  SHOPIFY_LOG_LEVEL: "error",
};

/** The shop's id when an earlier run loaded it completely (its orders backfill succeeded), else null. */
export async function loadedShopId(databaseUrl: string, shop: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ id: number }>(
      `SELECT s."id" FROM "Shop" s WHERE s."domain" = $1 AND EXISTS (SELECT 1 FROM "SyncRun" r WHERE r."shopId" = s."id" AND r."kind" = 'ORDERS_BACKFILL' AND r."status" = 'SUCCEEDED')`,
      [shop],
    );
    return rows[0]?.id ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Re-creates the database, then backfills the generated shop into it. Returns the shop's id. */
export async function loadGeneratedShop(options: GeneratedShop): Promise<number> {
  await freshBenchDatabase(options.databaseUrl);
  const readyFile = join(mkdtempSync(join(tmpdir(), "tempo-bench-shop-")), "ready.json");
  const simulator = spawn(
    process.execPath,
    ["--max-old-space-size=12000", "--import", "tsx", "tests/simulator/main.ts", "--port", "0", "--shop", options.shop, "--seed", String(options.seed),
      "--variants", String(options.variants), "--order-lines", String(options.orderLines),
      "--app-url", "http://127.0.0.1:9", "--api-key", TEST_APP.apiKey, "--api-secret", TEST_APP.apiSecret, "--scopes", TEST_APP.scopes.join(","), "--ready-file", readyFile],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  try {
    while (!existsSync(readyFile)) {
      if (simulator.exitCode !== null) throw new Error("simulator exited");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { url } = JSON.parse(readFileSync(readyFile, "utf8")) as { url: string };
    execFileSync(process.execPath, ["--import", "tsx", "tests/bench/support/load-generated-shop.ts"], {
      stdio: "inherit",
      env: { ...process.env, ...BENCH_APP_ENV, DATABASE_URL: options.databaseUrl, SHOPIFY_SIMULATOR_URL: url, BENCH_SHOP: options.shop },
    });
  } finally {
    simulator.kill("SIGTERM");
  }
  const id = await loadedShopId(options.databaseUrl, options.shop);
  if (id === null) throw new Error("the backfill did not finish");
  return id;
}
