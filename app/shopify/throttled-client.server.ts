import { ShopifyQueryError, type AdminGraphqlClient } from "./admin-client.server";

/** What one raw Admin API call returned: GraphQL errors are data here, not exceptions. */
export interface GraphqlReply {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: QueryCost };
}

export interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/** An HTTP or network failure below GraphQL; `retryable` for 5xx, 429 and lost connections. */
export class ShopifyTransportError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "ShopifyTransportError";
  }
}

/**
 * Shopify refused the shop's offline token (401: revoked, the app reinstalled). Retrying
 * cannot help; a fresh token comes from the merchant's next visit (token exchange).
 */
export class ShopAccessLostError extends Error {
  override name = "ShopAccessLostError";
  /** The token Shopify refused ("" when none was stored); never logged. */
  declare readonly refusedToken: string | undefined;

  constructor(
    readonly shopDomain: string,
    detail: string,
    refusedToken?: string,
  ) {
    super(`Shopify refused Tempo's access token for ${shopDomain}: ${detail}`);
    Object.defineProperty(this, "refusedToken", { value: refusedToken, enumerable: false });
  }
}

/** Raised when retries ran out; the sync run records the message. */
export class ShopifyUnavailableError extends Error {
  constructor(message: string, override readonly cause: unknown) {
    super(message);
    this.name = "ShopifyUnavailableError";
  }
}

export type GraphqlTransport = (query: string, variables?: Record<string, unknown>) => Promise<GraphqlReply>;

export interface ThrottleOptions {
  /** Tries per call for 5xx / network errors (THROTTLED waits do not count). */
  maxAttempts?: number;
  /** Most THROTTLED answers tolerated for one call before giving up. */
  maxThrottledWaits?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Keep this share of the bucket free for the app's interactive requests. */
  reserveRatio?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Time until the bucket holds `needed` points again. */
export function restoreWaitMs(cost: QueryCost | undefined, needed: number): number {
  const status = cost?.throttleStatus;
  if (!status || status.restoreRate <= 0) return 1_000;
  const missing = Math.max(0, needed - status.currentlyAvailable);
  return Math.ceil((missing / status.restoreRate) * 1000);
}

function isThrottled(reply: GraphqlReply): boolean {
  return reply.errors?.some((e) => e.extensions?.code === "THROTTLED") ?? false;
}

/**
 * An AdminGraphqlClient that respects the cost bucket: it waits when the last
 * reply left the bucket low, waits out THROTTLED for the time the bucket needs to
 * restore the requested cost, retries 5xx/network errors with backoff, and raises
 * ShopifyQueryError for real GraphQL errors.
 */
export function createThrottledClient(transport: GraphqlTransport, options: ThrottleOptions = {}): AdminGraphqlClient {
  const maxAttempts = options.maxAttempts ?? 6;
  const maxThrottledWaits = options.maxThrottledWaits ?? 30;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const reserveRatio = options.reserveRatio ?? 0.1;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  let lastCost: QueryCost | undefined;

  return async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    let failures = 0;
    let throttledWaits = 0;
    for (;;) {
      const status = lastCost?.throttleStatus;
      const expected = lastCost?.requestedQueryCost ?? 0;
      if (status && status.currentlyAvailable - expected < status.maximumAvailable * reserveRatio) {
        await sleep(restoreWaitMs(lastCost, expected + status.maximumAvailable * reserveRatio));
        lastCost = undefined;
      }
      let reply: GraphqlReply;
      try {
        reply = await transport(query, variables);
      } catch (error) {
        const retryable = error instanceof ShopifyTransportError ? error.retryable : false;
        failures++;
        if (!retryable || failures >= maxAttempts) {
          throw retryable
            ? new ShopifyUnavailableError(`Shopify did not answer after ${failures} tries: ${(error as Error).message}`, error)
            : error;
        }
        await sleep(backoffDelay(failures - 1, baseDelayMs, maxDelayMs, random));
        continue;
      }
      lastCost = reply.extensions?.cost;
      if (isThrottled(reply)) {
        throttledWaits++;
        if (throttledWaits > maxThrottledWaits) {
          throw new ShopifyUnavailableError("Shopify kept throttling the request", reply.errors);
        }
        await sleep(Math.max(50, restoreWaitMs(lastCost, lastCost?.requestedQueryCost ?? 1)));
        lastCost = undefined;
        continue;
      }
      if (reply.errors?.length || reply.data === undefined || reply.data === null) {
        const message = reply.errors?.map((e) => e.message).join("; ") ?? "empty response";
        throw new ShopifyQueryError(`Shopify rejected the query: ${message}`, reply.errors);
      }
      return reply.data as T;
    }
  };
}
