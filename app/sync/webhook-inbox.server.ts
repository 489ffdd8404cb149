/**
 * The worker's side of the webhook inbox: applies each shop's waiting deliveries as
 * soon as the web process records them (PostgreSQL NOTIFY), and sweeps for any left
 * waiting (a notification missed while the worker was down, a delivery to retry).
 * One pass at a time per shop in this process; a request that comes while one runs
 * makes it go round once more, so nothing recorded is left behind.
 */
import { countPendingDeliveries, listenForDeliveries, shopsWithPendingDeliveries, type InboxListener } from "~/sync/queries/webhook-inbox.server";
import { applyPendingWebhooks } from "./webhooks/inbox-pass.server";

export interface WebhookInbox {
  /** Applies the shop's waiting deliveries; resolves once a pass that started after this call has ended. */
  drain(shopId: number): Promise<void>;
  /** Stops listening and sweeping, and waits for the passes running now (each one transaction). */
  close(): Promise<void>;
}

export interface WebhookInboxOptions {
  sweepMs?: number;
  batchSize?: number;
  /** While another process holds a shop's inbox, how long to wait before looking again. */
  busyRetryMs?: number;
  /** In a burst, at most one pass per shop this often, so each takes what gathered meanwhile. */
  gatherMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startWebhookInbox(options: WebhookInboxOptions = {}): Promise<WebhookInbox> {
  const { sweepMs = 5_000, batchSize, busyRetryMs = 100, gatherMs = 100 } = options;
  const passes = new Map<number, { again: boolean; done: Promise<void> }>();
  let closing = false;

  const drain = (shopId: number): Promise<void> => {
    const running = passes.get(shopId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        for (;;) {
          state.again = false;
          const started = performance.now();
          const pass = await applyPendingWebhooks(shopId, batchSize ? { batchSize } : {});
          if (closing) return;
          if (pass.busy) {
            // The other process goes round until the inbox is empty; look again shortly in case it just stopped.
            await sleep(busyRetryMs);
            if ((await countPendingDeliveries(shopId)) > 0) continue;
          }
          if (!pass.more) {
            // A pass costs about the same for one delivery as for a hundred: deliveries that come
            // within gatherMs of a pass's start wait for the window and go in the next pass together
            // (the first of a burst is still applied at once). Nothing came: the drain ends.
            const gather = gatherMs - (performance.now() - started);
            if (gather > 0) await sleep(gather);
            if (closing || !state.again) return;
          }
        }
      } catch (error) {
        console.error(`[webhooks] applying deliveries for shop ${shopId} failed; the sweep retries:`, error);
      } finally {
        passes.delete(shopId);
      }
    })();
    passes.set(shopId, state);
    return state.done;
  };

  const sweep = async () => {
    for (const shopId of await shopsWithPendingDeliveries()) void drain(shopId);
  };
  const listener: InboxListener = await listenForDeliveries(
    (shopId) => void drain(shopId),
    (error) => console.error("[webhooks] inbox notifications lost; reconnecting:", error),
  );
  const timer = setInterval(() => void sweep().catch((error: unknown) => console.error("[webhooks] inbox sweep failed:", error)), sweepMs);
  await sweep();

  return {
    drain,
    close: async () => {
      closing = true;
      clearInterval(timer);
      await listener.close();
      await Promise.all([...passes.values()].map((p) => p.done));
    },
  };
}
