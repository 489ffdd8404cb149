import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { LeakyBucket } from "../../simulator/graphql/throttle";
import { adminGraphql, startTestSimulator } from "./helpers";

describe("leaky bucket", () => {
  it("refuses a cost it does not hold and refills at the restore rate", () => {
    const bucket = new LeakyBucket(100, 50, 0);
    expect(bucket.tryTake(80, 0)).toBe(true);
    expect(bucket.tryTake(30, 0)).toBe(false);
    expect(bucket.currentlyAvailable(0)).toBe(20);
    expect(bucket.tryTake(30, 200)).toBe(true); // 20 + 0.2 s × 50 = 30
    expect(bucket.currentlyAvailable(10_000)).toBe(100);
  });
});

describe("throttling and request faults", () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startTestSimulator();
    token = sim.issueOfflineToken();
  });
  afterAll(async () => sim.close());
  beforeEach(() => sim.faults.reset());
  afterEach(() => vi.useRealTimers());

  /** Settles `work` on a fake clock: fake time moves only while a timer waits; returns how far it moved. */
  async function fakeMillisecondsTaken(work: Promise<unknown>): Promise<number> {
    let settled = false;
    void work.finally(() => (settled = true));
    let advanced = 0;
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!settled && vi.getTimerCount() > 0) {
        await vi.advanceTimersByTimeAsync(10);
        advanced += 10;
      }
    }
    await work;
    return advanced;
  }

  it("answers THROTTLED when the bucket is empty, then recovers after the restore time", async () => {
    // The bucket refills by the clock: the restore time passes on a fake clock, not in a sleep.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    sim.faults.set({ bucket: { maximumAvailable: 60, restoreRate: 40 } });
    const query = "{ products(first: 25) { nodes { id } } }"; // requested 27
    let throttled: Awaited<ReturnType<typeof adminGraphql>> | undefined;
    for (let i = 0; i < 10 && !throttled; i++) {
      const answer = await adminGraphql(sim, token, query);
      if (answer.body.errors?.[0]?.extensions?.code === "THROTTLED") throttled = answer;
    }
    expect(throttled?.status).toBe(200);
    expect(throttled?.body.errors).toEqual([{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/limits#rate-limits" } }]);
    const status = throttled?.body.extensions?.cost.throttleStatus;
    expect(status?.maximumAvailable).toBe(60);
    expect(status?.currentlyAvailable).toBeLessThan(27);
    const waitMs = Math.ceil(((27 - (status?.currentlyAvailable ?? 0)) / 40) * 1000) + 50;
    vi.setSystemTime(Date.now() + 1);
    expect((await adminGraphql(sim, token, query)).body.errors?.[0]?.extensions?.code).toBe("THROTTLED");
    vi.setSystemTime(Date.now() + waitMs);
    const recovered = await adminGraphql(sim, token, query);
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data?.products).toBeDefined();
  });

  it("rejects single queries above 1000 requested points", async () => {
    const answer = await adminGraphql(sim, token, "{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }");
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("MAX_COST_EXCEEDED");
  });

  it("fails the next N requests with a 5xx and then serves normally", async () => {
    sim.faults.set({ serverErrorNext: 2, serverErrorStatus: 503 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await adminGraphql(sim, token, "{ shop { name } }").catch(() => ({ status: -1 }))).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it("delays responses when asked", async () => {
    sim.faults.set({ delayMs: 150 });
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    expect(await fakeMillisecondsTaken(adminGraphql(sim, token, "{ shop { name } }"))).toBeGreaterThanOrEqual(150);
    sim.faults.set({ delayMs: 0 });
    expect(await fakeMillisecondsTaken(adminGraphql(sim, token, "{ shop { name } }"))).toBeLessThan(150);
  });

  it("switches faults over HTTP too", async () => {
    const response = await fetch(`${sim.url}/_sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ delayMs: 5, bulkTruncate: true }) });
    const body = (await response.json()) as { faults: { delayMs: number; bulkTruncate: boolean } };
    expect(body.faults).toMatchObject({ delayMs: 5, bulkTruncate: true });
    expect(sim.faults.get().bulkTruncate).toBe(true);
  });
});
