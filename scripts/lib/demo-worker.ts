/**
 * A worker joining the running demo: the demo's database, Redis and queues, and its local
 * Shopify, reached the way the demo's own processes reach it (fetch for *.myshopify.com
 * replaced before the app loads). Only `npm run worker` beside a running demo comes here.
 */
import type { DemoState } from "./demo-state";

export async function joinDemo(demo: DemoState): Promise<void> {
  Object.assign(process.env, demo.env);
  await import("../../tests/support/simulator-fetch-preload");
  console.log(`[worker] joining the demo running as pid ${demo.pid} (its simulator at ${demo.env.SHOPIFY_SIMULATOR_URL})`);
}
