/** The state one inbox transaction shares across its deliveries: the client, the shop, and what to settle at the end. */
import type { Shop } from "@prisma/client";
import type pg from "pg";
import { enqueueDirtyReplan } from "~/platform/queue/enqueue.server";
import { markVariantsDirty } from "~/platform/plan-dirty.server";
import { shopTimezone } from "~/platform/shop-actor";
import { applyOrderDemandDeltas, orderDemandContributions, type DemandContribution } from "~/sync/queries/demand.server";
import { variantsOfInventoryItems } from "~/sync/queries/webhook-writes.server";

/** Work that must wait for the batch's commit, e.g. queueing a job that reads what it wrote. */
export type AfterCommit = () => Promise<unknown>;

/**
 * The deliveries applied in one transaction. Demand days and re-plan marks are settled
 * once for the whole batch: what an order adds to demand is read before its first change,
 * and at the end each demand day moves by what the batch's orders add now minus that.
 */
export class DeliveryBatch {
  private readonly touchedOrders = new Set<bigint>();
  private readonly demandBefore: DemandContribution[] = [];
  private readonly dirtyVariants = new Set<bigint>();
  private readonly afterCommit = new Map<string, AfterCommit>();

  constructor(
    readonly client: pg.PoolClient,
    readonly shop: Shop,
  ) {}

  get timezone(): string {
    return shopTimezone(this.shop);
  }

  /** Before changing orders: what they add to demand now, and their variants for re-planning. */
  async touchOrders(orderIds: readonly bigint[]): Promise<void> {
    const fresh = [...new Set(orderIds)].filter((id) => !this.touchedOrders.has(id));
    if (fresh.length === 0) return;
    const { contributions, variantIds } = await orderDemandContributions(this.client, this.shop.id, this.timezone, fresh);
    this.demandBefore.push(...contributions);
    for (const id of variantIds) this.dirtyVariants.add(id);
    for (const id of fresh) this.touchedOrders.add(id);
  }

  /** Stock or cost of these items changed: their variants need re-planning. */
  async touchInventoryItems(inventoryItemIds: readonly bigint[]): Promise<void> {
    await markVariantsDirty(this.client, this.shop.id, await variantsOfInventoryItems(this.client, this.shop.id, [...new Set(inventoryItemIds)]));
    this.replan();
  }

  /** Re-plan the variants this batch marked dirty; one job per shop and second collects a burst. */
  replan(): void {
    const shop = this.shop;
    this.after("plan-variants", () =>
      enqueueDirtyReplan({ shopId: shop.id, shopDomain: shop.domain }, { delayMs: 500 }),
    );
  }

  after(key: string, work: AfterCommit): void {
    this.afterCommit.set(key, work);
  }

  /** Demand days and re-plan marks for the orders as they are now; returns the work to run after commit. */
  async finish(): Promise<AfterCommit[]> {
    const orders = [...this.touchedOrders];
    if (orders.length > 0) {
      for (const id of await applyOrderDemandDeltas(this.client, this.shop.id, this.timezone, orders, this.demandBefore)) this.dirtyVariants.add(id);
      await markVariantsDirty(this.client, this.shop.id, [...this.dirtyVariants]);
      this.replan();
    }
    return [...this.afterCommit.values()];
  }
}
