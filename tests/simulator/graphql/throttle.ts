/** Shopify's GraphQL leaky bucket: requests take their requested cost, get the unused part back. */
export class LeakyBucket {
  maximumAvailable: number;
  restoreRate: number;
  private available: number;
  private refilledAtMs: number;

  constructor(maximumAvailable: number, restoreRate: number, nowMs: number = Date.now()) {
    this.maximumAvailable = maximumAvailable;
    this.restoreRate = restoreRate;
    this.available = maximumAvailable;
    this.refilledAtMs = nowMs;
  }

  /** Switches size/rate (plan change or fault) keeping the current fill, capped at the new maximum. */
  reconfigure(maximumAvailable: number, restoreRate: number, nowMs: number = Date.now()): void {
    this.refill(nowMs);
    this.maximumAvailable = maximumAvailable;
    this.restoreRate = restoreRate;
    this.available = Math.min(this.available, maximumAvailable);
  }

  private refill(nowMs: number): void {
    const elapsedSeconds = Math.max(0, nowMs - this.refilledAtMs) / 1000;
    this.available = Math.min(this.maximumAvailable, this.available + elapsedSeconds * this.restoreRate);
    this.refilledAtMs = nowMs;
  }

  currentlyAvailable(nowMs: number = Date.now()): number {
    this.refill(nowMs);
    return Math.floor(this.available);
  }

  /** Takes `cost` if the bucket holds it; false means THROTTLED. */
  tryTake(cost: number, nowMs: number = Date.now()): boolean {
    this.refill(nowMs);
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  giveBack(amount: number, nowMs: number = Date.now()): void {
    this.refill(nowMs);
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, amount));
  }

  status(nowMs: number = Date.now()) {
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: this.currentlyAvailable(nowMs),
      restoreRate: this.restoreRate,
    };
  }
}
