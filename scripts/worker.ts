/**
 * `npm run worker`: the worker process (app/jobs/worker.server.ts). Started beside a
 * running demo, it joins it: the demo's database, Redis and queues, and its local
 * Shopify, reached the way the demo's own processes reach it. Elsewhere it is the
 * plain worker, configured by the environment (README, Configuration).
 */
import { readDemoState } from "./lib/demo-state";

const demo = readDemoState();
if (demo) {
  Object.assign(process.env, demo.env);
  // Replaces fetch for *.myshopify.com before the app loads, as in the demo's processes.
  await import("../tests/support/simulator-fetch-preload");
  console.log(`[worker] joining the demo running as pid ${demo.pid} (its simulator at ${demo.env.SHOPIFY_SIMULATOR_URL})`);
}
await import("../app/jobs/worker.server");
