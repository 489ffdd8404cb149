/** Failure modes a test can switch on per shop at runtime. */
export interface FaultSettings {
  /** Replace the plan's bucket, e.g. { maximumAvailable: 50, restoreRate: 10 } to throttle quickly. */
  bucket: { maximumAvailable: number; restoreRate: number } | null;
  /** Probability (0..1) that an Admin API request answers with `serverErrorStatus`. */
  serverErrorRate: number;
  /** The next N Admin API requests answer with `serverErrorStatus`. */
  serverErrorNext: number;
  serverErrorStatus: number;
  /** Added latency for every Admin API request. */
  delayMs: number;
  /** Bulk operations stay RUNNING this long before exporting (a large shop's export); lowering it releases them. */
  bulkHoldMs: number;
  /** Bulk operations end FAILED with INTERNAL_SERVER_ERROR and no data. */
  bulkFail: boolean;
  /** Bulk operations end FAILED with a partialDataUrl holding the lines written so far. */
  bulkPartial: boolean;
  /** Bulk operations COMPLETE but their file is cut in the middle of a line. */
  bulkTruncate: boolean;
  /**
   * Bulk files list each chunk's child lines before their parents, as Shopify may when objects are
   * not grouped (groupObjects: false is the 2026-10 default): parsers must not rely on line order.
   */
  bulkUngrouped: boolean;
  /** Every webhook is delivered twice with the same X-Shopify-Webhook-Id. */
  duplicateWebhooks: boolean;
  /** Webhooks for the same resource are held and delivered newest-first. */
  outOfOrderWebhooks: boolean;
}

export function defaultFaults(): FaultSettings {
  return {
    bucket: null,
    serverErrorRate: 0,
    serverErrorNext: 0,
    serverErrorStatus: 503,
    delayMs: 0,
    bulkHoldMs: 0,
    bulkFail: false,
    bulkPartial: false,
    bulkTruncate: false,
    bulkUngrouped: false,
    duplicateWebhooks: false,
    outOfOrderWebhooks: false,
  };
}

/** Merges a partial update (from JS or the /_sim/faults endpoint), ignoring unknown keys. */
export function applyFaults(current: FaultSettings, update: Partial<FaultSettings>): FaultSettings {
  const next = { ...current };
  for (const key of Object.keys(current) as (keyof FaultSettings)[]) {
    if (key in update) Object.assign(next, { [key]: update[key] });
  }
  return next;
}

/** Consumes one "next N" failure or rolls the failure rate; true when this request must fail. */
export function shouldFailRequest(faults: FaultSettings, random: () => number = Math.random): boolean {
  if (faults.serverErrorNext > 0) {
    faults.serverErrorNext--;
    return true;
  }
  return faults.serverErrorRate > 0 && random() < faults.serverErrorRate;
}
