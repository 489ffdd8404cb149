import { randomUUID } from "node:crypto";
import type { SimAppConfig } from "../config";
import { webhookHmac } from "./sign";

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error?: string;
}

export interface WebhookDelivery {
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  triggeredAt: string;
  attempts: DeliveryAttempt[];
  /** True when this delivery is the deliberate second copy of another (duplicate fault). */
  duplicate: boolean;
  state: "held" | "pending" | "delivered" | "failed";
}

export interface EnqueueOptions {
  /** Deliver twice with the same webhook id. */
  duplicate?: boolean;
  /** Hold and deliver in reverse order (with other held ones) on flush. */
  outOfOrder?: boolean;
}

/** How long out-of-order webhooks are held before being released newest-first. */
const OUT_OF_ORDER_WINDOW_MS = 300;

/**
 * Sends signed webhooks to the app as Shopify does, keeps a log for tests, and can
 * duplicate deliveries or release held ones newest-first.
 */
export class WebhookDispatcher {
  readonly log: WebhookDelivery[] = [];
  private readonly held = new Map<string, WebhookDelivery[]>();
  private readonly holdTimers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly options: {
      app: SimAppConfig;
      apiVersion: string;
      targets: Map<string, string>;
      fetchImpl?: typeof fetch;
      maxAttempts?: number;
      retryDelayMs?: number;
    },
  ) {
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  get targets(): Map<string, string> {
    return this.options.targets;
  }

  isSubscribed(topic: string): boolean {
    return this.options.targets.has(topic);
  }

  /** Builds the signed request and schedules it; returns null when the app has no subscription for the topic. */
  enqueue(shop: string, topic: string, payload: unknown, options: EnqueueOptions = {}): WebhookDelivery | null {
    const url = this.options.targets.get(topic);
    if (!url) return null;
    const body = JSON.stringify(payload);
    const triggeredAt = new Date().toISOString();
    const webhookId = randomUUID();
    const eventId = randomUUID();
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": webhookHmac(body, this.options.app.apiSecret),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": this.options.apiVersion,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": triggeredAt,
    };
    const delivery: WebhookDelivery = { webhookId, eventId, topic, shop, url, body, headers, triggeredAt, attempts: [], duplicate: false, state: "pending" };
    const copies = options.duplicate ? [delivery, { ...delivery, attempts: [], duplicate: true }] : [delivery];
    for (const copy of copies) {
      this.log.push(copy);
      if (options.outOfOrder) this.hold(copy);
      else this.track(this.deliver(copy));
    }
    return delivery;
  }

  private hold(delivery: WebhookDelivery): void {
    delivery.state = "held";
    const list = this.held.get(delivery.shop) ?? [];
    list.push(delivery);
    this.held.set(delivery.shop, list);
    clearTimeout(this.holdTimers.get(delivery.shop));
    // Tracked like any delivery, so a flush or idle() that comes after the timer fired still waits for them.
    this.holdTimers.set(delivery.shop, setTimeout(() => this.track(this.release(delivery.shop)), OUT_OF_ORDER_WINDOW_MS));
  }

  /** Releases held webhooks, newest first, and waits until everything in flight (timer-released ones too) is done. */
  async flush(shop?: string): Promise<void> {
    const shops = shop ? [shop] : [...this.held.keys()];
    for (const s of shops) await this.release(s);
    await this.idle();
  }

  private async release(shop: string): Promise<void> {
    clearTimeout(this.holdTimers.get(shop));
    this.holdTimers.delete(shop);
    const list = this.held.get(shop) ?? [];
    this.held.delete(shop);
    // Sequential so the app really sees the newer version first.
    for (const delivery of list.reverse()) {
      delivery.state = "pending";
      await this.deliver(delivery);
    }
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const at = new Date().toISOString();
      try {
        const response = await this.fetchImpl(delivery.url, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer().catch(() => undefined);
        delivery.attempts.push({ at, status: response.status });
        if (response.ok) {
          delivery.state = "delivered";
          return;
        }
      } catch (error) {
        delivery.attempts.push({ at, status: null, error: (error as Error).message });
      }
      if (attempt < maxAttempts) await new Promise((r) => setTimeout(r, (this.options.retryDelayMs ?? 250) * attempt));
    }
    delivery.state = "failed";
  }

  close(): void {
    for (const timer of this.holdTimers.values()) clearTimeout(timer);
    this.holdTimers.clear();
  }
}
