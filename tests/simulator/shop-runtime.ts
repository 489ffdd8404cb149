import { BUCKET_BY_PLAN, type ShopPlanLevel } from "./config";
import { defaultFaults, type FaultSettings } from "./faults";
import { LeakyBucket } from "./graphql/throttle";
import { ShopStore } from "./store/shop-store";
import type { ShopData } from "./store/types";
import type { BulkOperationRecord } from "./bulk/bulk-operation";
import type { FlowTriggerRecord } from "./flow/trigger-receive";
import { IdempotencyRecords } from "./graphql/idempotency";
import type { InventoryAdjustmentGroupRecord } from "./inventory/adjust-quantities";
import type { NavMenuLink } from "./admin/admin-layout";

/** Everything the simulator keeps for one hosted shop besides the shared app config. */
export class SimShop {
  readonly domain: string;
  readonly store: ShopStore;
  readonly plan: ShopPlanLevel;
  readonly bucket: LeakyBucket;
  faults: FaultSettings = defaultFaults();
  installed = true;
  readonly apiVersion: string;
  /** Scopes granted to the app on this shop (may differ per shop to test missing scopes). */
  grantedScopes: string[];
  readonly bulkOperations = new Map<string, BulkOperationRecord>();
  /** Every Flow trigger this shop accepted, oldest first. */
  readonly flowTriggers: FlowTriggerRecord[] = [];
  /** Every inventoryAdjustQuantities this shop applied, oldest first. */
  readonly inventoryAdjustmentGroups: InventoryAdjustmentGroupRecord[] = [];
  /** Keys of @idempotent mutations and what they answered. */
  readonly idempotency = new IdempotencyRecords();
  /** The app's App Bridge nav menu as the app frame last reported it; the admin lists it under Apps. */
  appNavMenu: NavMenuLink[] = [];
  /** Small cache of filtered+sorted lists keyed by resource/query/sort and store version. */
  private readonly sortedCache = new Map<string, readonly unknown[]>();

  constructor(data: ShopData, plan: ShopPlanLevel, grantedScopes: string[], apiVersion: string) {
    this.apiVersion = apiVersion;
    this.domain = data.shop.domain;
    this.store = new ShopStore(data);
    this.plan = plan;
    const { maximumAvailable, restoreRate } = BUCKET_BY_PLAN[plan];
    this.bucket = new LeakyBucket(maximumAvailable, restoreRate);
    this.grantedScopes = [...grantedScopes];
  }

  /** Applies (or clears) the bucket fault on top of the plan's bucket. */
  syncBucketWithFaults(): void {
    const target = this.faults.bucket ?? BUCKET_BY_PLAN[this.plan];
    if (target.maximumAvailable !== this.bucket.maximumAvailable || target.restoreRate !== this.bucket.restoreRate) {
      this.bucket.reconfigure(target.maximumAvailable, target.restoreRate);
    }
  }

  cachedList<T>(key: string, build: () => T[]): readonly T[] {
    const fullKey = `${this.store.version}|${key}`;
    const hit = this.sortedCache.get(fullKey);
    if (hit) return hit as readonly T[];
    const list = build();
    if (this.sortedCache.size >= 16) {
      const oldest = this.sortedCache.keys().next().value;
      if (oldest !== undefined) this.sortedCache.delete(oldest);
    }
    this.sortedCache.set(fullKey, list);
    return list;
  }

  hasScope(scope: string): boolean {
    // write_X implies read_X, as in Shopify.
    return this.grantedScopes.includes(scope) || this.grantedScopes.includes(scope.replace(/^read_/, "write_"));
  }
}
