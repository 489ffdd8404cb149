/**
 * Brand generator benchmark: time and heap for the default brand and for a
 * large shop (10k variants, 1M order lines). Run: npx tsx tests/bench/seed/run.ts
 * (add NODE_OPTIONS=--expose-gc for heap figures after a full collection).
 */
import { generateBrand } from "../../simulator/seed/brand-generator";
import { summarizeTruth } from "../../simulator/seed/truth";
import type { BrandGeneratorOptions } from "../../simulator/store/types";

const collectGarbage = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  collectGarbage?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

function run(label: string, options: BrandGeneratorOptions): void {
  const heapBefore = heapMb();
  const started = performance.now();
  const data = generateBrand(options);
  const seconds = (performance.now() - started) / 1000;
  const heapAfter = heapMb();
  const summary = summarizeTruth(data);
  console.log(
    [
      `${label}: ${seconds.toFixed(2)} s, heap +${(heapAfter - heapBefore).toFixed(0)} MB (held by the result), rss ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MB`,
      `  variants ${data.variants.length}, products ${data.products.length}, locations ${data.locations.length}, inventory levels ${data.inventoryLevels.length}`,
      `  orders ${summary.orders}, order lines ${summary.orderLines} (asked ${options.orderLines ?? "default"}), units ${summary.unitsSold}, net ${summary.netUnits}`,
      `  cancelled ${summary.cancelledOrders}, orders with refunds ${summary.ordersWithRefunds}, promotions ${data.truth.promotions.length}, stockouts ${data.truth.stockouts.length}, purchase orders ${data.truth.purchaseOrders?.length ?? 0}`,
    ].join("\n"),
  );
}

if (!collectGarbage) console.log("(heap figures without a forced GC; run with NODE_OPTIONS=--expose-gc for cleaner ones)");
run("default (seed 1)", { seed: 1 });
run("large (10k variants, 1M lines)", { seed: 1, variants: 10_000, orderLines: 1_000_000 });
