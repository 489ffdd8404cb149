/**
 * The demo's shop keeps selling while it runs: an order every few seconds, copied from the
 * brand's own recent sales (which variants sell, where, through which channel, how many), made
 * through the simulator's order action, so Shopify's `orders/create` and
 * `inventory_levels/update` webhooks reach the app as a real shop's would. Now and then a
 * purchase order on its way arrives and restocks a variant that sold out. The pace is the
 * demo's; the mix is the brand's.
 */
import type { StoreActions } from "../control/store-actions";
import type { SimShop } from "../shop-runtime";
import { Rng } from "../seed/random";

export interface LiveSalesOptions {
  /** Mean seconds between orders. */
  orderEverySeconds: number;
  /** Mean seconds between restocks of a sold-out variant. */
  restockEverySeconds: number;
  /** Days of the brand's history the mix is drawn from. */
  mixDays: number;
  seed: number;
}

export const DEFAULT_LIVE_SALES: LiveSalesOptions = { orderEverySeconds: 4, restockEverySeconds: 45, mixDays: 28, seed: 7 };

export interface SoldLine {
  variantId: string;
  locationId: string | null;
  sourceName: string;
  channelName: string;
  quantity: number;
}

/** Every order line of the last `days` days: a new order copies one (variant, location, channel, quantity). */
export function recentSoldLines(shop: SimShop, days: number, now: Date): SoldLine[] {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const lines: SoldLine[] = [];
  const orders = shop.store.data.orders;
  for (let i = orders.length - 1; i >= 0; i--) {
    const order = orders[i]!;
    if (order.processedAt < since) break;
    if (order.cancelledAt !== null || order.test) continue;
    for (const line of order.lineItems) {
      if (line.variantId !== null) lines.push({ variantId: line.variantId, locationId: order.locationId, sourceName: order.sourceName, channelName: order.channelName, quantity: Math.max(1, line.quantity) });
    }
  }
  return lines;
}

/** An exponential wait with the given mean: orders arrive at a Poisson pace. */
const waitMs = (rng: Rng, meanSeconds: number) => Math.max(250, -Math.log(1 - rng.next()) * meanSeconds * 1000);

export interface LiveSales {
  stop(): void;
  /** Orders and restocks made so far. */
  counts(): { orders: number; restocks: number };
}

function availableAt(shop: SimShop, variantId: string, locationId: string | null): number {
  const variant = shop.store.variantsById.get(variantId);
  const level = variant ? shop.store.data.inventoryLevels.find((l) => l.inventoryItemId === variant.inventoryItemId && l.locationId === locationId) : undefined;
  return level?.quantities.available ?? 0;
}

export function startLiveSales(actions: StoreActions, shop: SimShop, now: () => Date, options: Partial<LiveSalesOptions> = {}): LiveSales {
  const settings = { ...DEFAULT_LIVE_SALES, ...options };
  const rng = new Rng(settings.seed);
  const sold = recentSoldLines(shop, settings.mixDays, now());
  const counts = { orders: 0, restocks: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;

  const schedule = (work: () => void, meanSeconds: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      try {
        work();
      } catch (error) {
        console.error(`[simulator] live sales: ${error instanceof Error ? error.message : String(error)}`);
      }
      schedule(work, meanSeconds);
    }, waitMs(rng, meanSeconds));
    timers.add(timer);
  };

  const sell = () => {
    if (sold.length === 0 || !shop.installed) return;
    const first = sold[Math.floor(rng.next() * sold.length)]!;
    // Most baskets hold one line, some two or three, from the same channel and location.
    const size = rng.next() < 0.6 ? 1 : rng.next() < 0.7 ? 2 : 3;
    const lines = [first];
    for (let i = 1; i < size; i++) {
      const other = sold[Math.floor(rng.next() * sold.length)]!;
      if (other.locationId === first.locationId && !lines.some((l) => l.variantId === other.variantId)) lines.push(other);
    }
    const inStock = lines.filter((line) => availableAt(shop, line.variantId, line.locationId) >= line.quantity);
    if (inStock.length === 0) return;
    actions.createOrder(shop, {
      lineItems: inStock.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
      locationId: first.locationId,
      sourceName: first.sourceName,
      channelName: first.channelName,
    });
    counts.orders++;
  };

  const restock = () => {
    const waiting = shop.store.data.inventoryLevels.filter((l) => l.quantities.available <= 0 && l.quantities.incoming > 0);
    const level = waiting[Math.floor(rng.next() * waiting.length)];
    if (!level) return;
    const units = level.quantities.incoming;
    level.quantities.incoming = 0;
    actions.setInventory(shop, { inventoryItemId: level.inventoryItemId, locationId: level.locationId, delta: units });
    counts.restocks++;
  };

  schedule(sell, settings.orderEverySeconds);
  schedule(restock, settings.restockEverySeconds);
  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    counts: () => ({ ...counts }),
  };
}
