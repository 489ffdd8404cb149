import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WebhookDispatcher } from "../../simulator/webhooks/dispatcher";

/** An app that takes `delayMs` to answer each delivery. */
function slowApp(delayMs: number) {
  const answered: string[] = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    answered.push(JSON.parse(String(init?.body)).n);
    return new Response(null, { status: 200 });
  }) as unknown as typeof fetch;
  return { answered, fetchImpl };
}

const dispatcher = (fetchImpl: typeof fetch) =>
  new WebhookDispatcher({
    app: { apiKey: "k", apiSecret: "s", appUrl: "http://app.test", scopes: [] },
    apiVersion: "2026-10",
    targets: new Map([["orders/updated", "http://app.test/webhooks"]]),
    fetchImpl,
  });

describe("webhook dispatcher flush", () => {
  // The out-of-order window and the app's answers run on a fake clock.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("does not return while deliveries its hold timer released are still on their way", async () => {
    const app = slowApp(150);
    const webhooks = dispatcher(app.fetchImpl);
    for (const n of ["1", "2", "3"]) webhooks.enqueue("a.myshopify.com", "orders/updated", { n }, { outOfOrder: true });
    // Let the out-of-order window (300 ms) pass: the timer releases the held deliveries by itself.
    await vi.advanceTimersByTimeAsync(350);
    expect(app.answered.length).toBeLessThan(3);
    const flushed = webhooks.flush("a.myshopify.com");
    await vi.runAllTimersAsync();
    await flushed;
    expect(app.answered).toEqual(["3", "2", "1"]);
    expect(webhooks.log.every((d) => d.state === "delivered")).toBe(true);
    webhooks.close();
  });

  it("idle() waits for timer-released deliveries too", async () => {
    const app = slowApp(100);
    const webhooks = dispatcher(app.fetchImpl);
    webhooks.enqueue("b.myshopify.com", "orders/updated", { n: "1" }, { outOfOrder: true });
    await vi.advanceTimersByTimeAsync(320);
    const idle = webhooks.idle();
    await vi.runAllTimersAsync();
    await idle;
    expect(app.answered).toEqual(["1"]);
    webhooks.close();
  });
});
