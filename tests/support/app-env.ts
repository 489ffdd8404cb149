/**
 * vitest setup file for integration tests: the environment the app reads at
 * import time, and a fetch that sends *.myshopify.com to the simulator the
 * test file started (SHOPIFY_SIMULATOR_URL, read on every call). This is the
 * only place in the test process where the simulator is wired in.
 */
import { createSimulatorFetch } from "../simulator/fetch-bridge";
import { TEST_APP } from "./test-app";

process.env.SHOPIFY_API_KEY = TEST_APP.apiKey;
process.env.SHOPIFY_API_SECRET = TEST_APP.apiSecret;
process.env.SHOPIFY_APP_URL = process.env.SHOPIFY_APP_URL ?? TEST_APP.appUrl;
process.env.SCOPES = TEST_APP.scopes.join(",");
process.env.SHOPIFY_LOG_LEVEL = process.env.SHOPIFY_LOG_LEVEL ?? "warning";
// Each test file gets its own queue namespace, so leftover jobs never reach another file's worker.
process.env.QUEUE_PREFIX = `tempo-test-${process.pid}-${Date.now().toString(36)}`;

const realFetch = globalThis.fetch;
globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const simulatorUrl = process.env.SHOPIFY_SIMULATOR_URL;
  if (!simulatorUrl) return realFetch(input, init);
  return createSimulatorFetch(simulatorUrl, realFetch)(input, init);
}) as typeof fetch;
