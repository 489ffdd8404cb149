import { generateBrand } from "../simulator/seed/brand-generator";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import type { BrandGeneratorOptions } from "../simulator/store/types";
import { TEST_APP } from "./test-app";

let counter = 0;

/** A shop domain no other test uses, so tests never see each other's rows. */
export function uniqueShopDomain(prefix = "test"): string {
  counter += 1;
  const suffix = `${process.pid.toString(36)}${Date.now().toString(36)}${counter}`;
  return `${prefix}-${suffix}.myshopify.com`;
}

/** Starts the simulator with the given generated shops and points the app's fetch at it. */
export async function startSimulatedShops(
  shops: Array<Partial<BrandGeneratorOptions> & { shopDomain: string }>,
): Promise<RunningSimulator> {
  const simulator = await startSimulator({
    app: { ...TEST_APP, scopes: [...TEST_APP.scopes], tomlPath: "shopify.app.toml" },
    shops: shops.map((shop) => generateBrand({ seed: 7, variants: 40, historyDays: 120, ...shop })),
  });
  process.env.SHOPIFY_SIMULATOR_URL = simulator.url;
  return simulator;
}

/** A browser-like document request, as the admin frames the app (bots get 410 from the library). */
export function embeddedDocumentRequest(launchUrl: string): Request {
  return new Request(launchUrl, {
    headers: {
      "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
      Accept: "text/html",
    },
  });
}
