import { describe, expect, it } from "vitest";
import { ShopifyQueryError } from "~/shopify/admin-client.server";
import {
  backoffDelay,
  createThrottledClient,
  restoreWaitMs,
  ShopifyTransportError,
  ShopifyUnavailableError,
  type GraphqlReply,
} from "~/shopify/throttled-client.server";

const cost = (currentlyAvailable: number, requested = 10) => ({
  cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: { maximumAvailable: 1000, currentlyAvailable, restoreRate: 50 } },
});

function scripted(replies: (GraphqlReply | Error)[]) {
  const calls: string[] = [];
  const transport = async (query: string) => {
    calls.push(query);
    const next = replies.shift();
    if (!next) throw new Error("no more replies");
    if (next instanceof Error) throw next;
    return next;
  };
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  return { transport, calls, sleeps, sleep };
}

describe("throttle-aware Admin client", () => {
  it("waits for the bucket to restore the requested cost after THROTTLED, then returns data", async () => {
    const s = scripted([
      { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: cost(20, 120) },
      { data: { ok: true }, extensions: cost(900) },
    ]);
    const client = createThrottledClient(s.transport, { sleep: s.sleep });
    expect(await client<{ ok: boolean }>("q")).toEqual({ ok: true });
    expect(s.calls).toHaveLength(2);
    expect(s.sleeps).toEqual([2000]); // (120 - 20) points at 50 a second
  });

  it("slows down before the next call when the last reply left the bucket nearly empty", async () => {
    const s = scripted([{ data: { a: 1 }, extensions: cost(30, 50) }, { data: { a: 2 }, extensions: cost(900) }]);
    const client = createThrottledClient(s.transport, { sleep: s.sleep, reserveRatio: 0.1 });
    await client("q1");
    await client("q2");
    // Needs 50 (last cost) + 100 (10% reserve) but only 30 were left: 120 points at 50/s.
    expect(s.sleeps).toEqual([2400]);
  });

  it("retries 5xx and network errors with growing backoff, then gives up with ShopifyUnavailableError", async () => {
    const failures = Array.from({ length: 3 }, () => new ShopifyTransportError("503", 503, true));
    const s = scripted([...failures, { data: { ok: 1 } }]);
    const client = createThrottledClient(s.transport, { sleep: s.sleep, random: () => 1, baseDelayMs: 100 });
    expect(await client("q")).toEqual({ ok: 1 });
    expect(s.sleeps).toEqual([100, 200, 400]);

    const down = scripted(Array.from({ length: 5 }, () => new ShopifyTransportError("network", null, true)));
    const gaveUp = createThrottledClient(down.transport, { sleep: down.sleep, maxAttempts: 3 });
    await expect(gaveUp("q")).rejects.toBeInstanceOf(ShopifyUnavailableError);
    expect(down.calls).toHaveLength(3);
  });

  it("does not retry 4xx or GraphQL errors", async () => {
    const s = scripted([new ShopifyTransportError("401", 401, false)]);
    await expect(createThrottledClient(s.transport, { sleep: s.sleep })("q")).rejects.toBeInstanceOf(ShopifyTransportError);
    const g = scripted([{ errors: [{ message: "Field 'x' doesn't exist" }] }]);
    await expect(createThrottledClient(g.transport, { sleep: g.sleep })("q")).rejects.toBeInstanceOf(ShopifyQueryError);
    expect(g.calls).toHaveLength(1);
  });

  it("computes bounded backoff and restore waits", () => {
    expect(backoffDelay(10, 500, 20_000, () => 1)).toBe(20_000);
    expect(backoffDelay(0, 500, 20_000, () => 0)).toBe(250);
    expect(restoreWaitMs(cost(0, 100).cost, 100)).toBe(2000);
    expect(restoreWaitMs(undefined, 100)).toBe(1000);
  });
});
