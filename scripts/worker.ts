/**
 * `npm run worker`: the worker process (app/jobs/worker.server.ts). Started beside a
 * running demo, it joins it: the demo's database, Redis and queues, and its local
 * Shopify, reached the way the demo's own processes reach it. Elsewhere it is the
 * plain worker, configured by the environment (README, Configuration).
 */
import { readDemoState } from "./lib/demo-state";

const demo = readDemoState();
if (demo) await (await import("./lib/demo-worker")).joinDemo(demo);
await import("../app/jobs/worker.server");
