/**
 * Node --import preload for the demo's web and worker processes: sends
 * *.myshopify.com requests to the simulator at SHOPIFY_SIMULATOR_URL. It
 * replaces fetch before the app loads, so the app itself stays unaware.
 */
import { createSimulatorFetch } from "../simulator/fetch-bridge";

const simulatorUrl = process.env.SHOPIFY_SIMULATOR_URL;
if (!simulatorUrl) throw new Error("SHOPIFY_SIMULATOR_URL must be set when preloading the simulator fetch");
globalThis.fetch = createSimulatorFetch(simulatorUrl, globalThis.fetch);
