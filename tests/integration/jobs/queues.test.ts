import { afterAll, afterEach, describe, expect, it } from "vitest";
import { QueueEvents, type Job } from "bullmq";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { closeQueues, getQueue, QUEUES, shopJobId } from "~/platform/queue/queues.server";
import { createRedisConnection, queuePrefix } from "~/platform/queue/connection.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";

let workers: RunningWorkers | undefined;
const events = new QueueEvents(QUEUES.sync, { connection: createRedisConnection(), prefix: queuePrefix() });

afterEach(async () => {
  await workers?.close();
  workers = undefined;
  await getQueue("sync").obliterate({ force: true });
});

afterAll(async () => {
  await events.close();
  await closeQueues();
});

describe("shop-scoped jobs", () => {
  it("queues the same job for the same shop once, and once per other shop", async () => {
    await enqueueShopJob("reconcile", { shopId: 1, shopDomain: "a.myshopify.com" });
    await enqueueShopJob("reconcile", { shopId: 1, shopDomain: "a.myshopify.com" });
    await enqueueShopJob("reconcile", { shopId: 2, shopDomain: "b.myshopify.com" });
    const waiting = await getQueue("sync").getWaiting();
    expect(waiting.map((job) => job.id).sort()).toEqual([shopJobId("reconcile", 1), shopJobId("reconcile", 2)]);
  });

  it("gives every job retries with exponential backoff", async () => {
    const job = await enqueueShopJob("orders-backfill", { shopId: 3, shopDomain: "c.myshopify.com" });
    expect(job.opts.attempts).toBe(5);
    expect(job.opts.backoff).toEqual({ type: "exponential", delay: 3_000 });
  });

  it("can queue a shop's job again once the previous one finished", async () => {
    const data = { shopId: 4, shopDomain: "d.myshopify.com" };
    workers = startWorkers({ reconcile: async () => "done" });
    const first = await enqueueShopJob("reconcile", data);
    await first.waitUntilFinished(events, 10_000);
    const second = await enqueueShopJob("reconcile", data);
    expect(second.id).toBe(first.id);
    expect(await second.waitUntilFinished(events, 10_000)).toBe("done");
  });
});

describe("worker runtime", () => {
  it("retries a failing job and completes it on a later attempt", async () => {
    let calls = 0;
    workers = startWorkers({
      reconcile: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`transient failure ${calls}`);
        return { calls };
      },
    });
    const job = await getQueue("sync").add(
      "reconcile",
      { shopId: 5, shopDomain: "e.myshopify.com" },
      { jobId: shopJobId("reconcile", 5), attempts: 4, backoff: { type: "fixed", delay: 50 } },
    );
    expect(await job.waitUntilFinished(events, 15_000)).toEqual({ calls: 3 });
  });

  it("fails a job with no processor at once, without retries", async () => {
    workers = startWorkers({});
    const job = await enqueueShopJob("demand-rebuild", { shopId: 6, shopDomain: "f.myshopify.com" });
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(/No processor for job "demand-rebuild"/);
    const failed = (await getQueue("sync").getJob(job.id!)) as Job;
    expect(failed.attemptsMade).toBe(1);
  });

  it("finishes the running job before closing on shutdown", async () => {
    let finished = false;
    let started!: () => void;
    const jobStarted = new Promise<void>((resolve) => (started = resolve));
    workers = startWorkers({
      reconcile: async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 500));
        finished = true;
        return "finished";
      },
    });
    const job = await enqueueShopJob("reconcile", { shopId: 7, shopDomain: "g.myshopify.com" });
    await jobStarted;
    await workers.close();
    workers = undefined;
    expect(finished).toBe(true);
    expect(await (await getQueue("sync").getJob(job.id!))?.getState()).toBe("completed");
  });
});
