/**
 * Inbox handlers for collections/* and discounts/* (API 2026-10). Neither carries everything
 * Tempo keeps: collections/update names the collection but not its products (it fires when
 * products are added or removed by hand or the rules change), and discount bodies hold only the
 * node's GID, title and status. Each delivery writes what its body holds and asks for the rest
 * to be read (PendingShopifyRead); the `shopify-reads` job reads it after the batch commits.
 */
import type { Shop } from "@prisma/client";
import type pg from "pg";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { markCollectionDeleted, upsertCollections } from "~/sync/queries/collections.server";
import { markDiscountDeleted } from "./queries/discount-writes.server";
import { requestShopifyRead } from "~/sync/queries/pending-reads.server";
import {
  parseCollectionDeletePayload,
  parseCollectionPayload,
  parseDiscountDeletePayload,
  parseDiscountPayload,
} from "~/shopify/webhook-payloads.server";

/** What these handlers need of the inbox's delivery batch. */
export interface ShopDeliveryBatch {
  readonly client: pg.PoolClient;
  readonly shop: Shop;
  /** Work to run once the batch committed, once per key. */
  after(key: string, work: () => Promise<unknown>): void;
}

interface Handler<P> {
  parse(payload: unknown): P;
  apply(batch: ShopDeliveryBatch, parsed: P, delivery: { triggeredAt?: string }): Promise<void>;
}

const handler = <P>(h: Handler<P>): Handler<unknown> => h as Handler<unknown>;

/** A delete's version: when Shopify says it happened, else when it triggered the webhook, else now. */
function deletedAtOf(stated: Date | null, triggeredAt: string | undefined): Date {
  const triggered = triggeredAt ? new Date(triggeredAt) : null;
  return stated ?? (triggered && !Number.isNaN(triggered.getTime()) ? triggered : new Date());
}

/** The reads run in a job of their own: one per shop and second collects a burst. */
function readAfterCommit(batch: ShopDeliveryBatch): void {
  const shop = batch.shop;
  batch.after("shopify-reads", () =>
    enqueueShopJob("shopify-reads", { shopId: shop.id, shopDomain: shop.domain }, { idSuffix: String(Math.floor(Date.now() / 1000)), delayMs: 500 }),
  );
}

const collectionHandler = handler({
  parse: parseCollectionPayload,
  async apply(batch, collection) {
    await upsertCollections(batch.client, batch.shop.id, [collection]);
    await requestShopifyRead(batch.client, batch.shop.id, { kind: "COLLECTION_MEMBERS", id: collection.id, gid: `gid://shopify/Collection/${collection.id}` });
    readAfterCommit(batch);
  },
});

const collectionDeleteHandler = handler({
  parse: parseCollectionDeletePayload,
  apply: (batch, collectionId, delivery) => markCollectionDeleted(batch.client, batch.shop.id, collectionId, deletedAtOf(null, delivery.triggeredAt)),
});

const discountHandler = handler({
  parse: parseDiscountPayload,
  async apply(batch, discount) {
    await requestShopifyRead(batch.client, batch.shop.id, { kind: "DISCOUNT", id: discount.id, gid: discount.gid });
    readAfterCommit(batch);
  },
});

const discountDeleteHandler = handler({
  parse: parseDiscountDeletePayload,
  apply: (batch, deleted, delivery) => markDiscountDeleted(batch.client, batch.shop.id, deleted.id, deletedAtOf(deleted.deletedAt, delivery.triggeredAt)),
});

export const COLLECTION_AND_DISCOUNT_HANDLERS: Record<string, Handler<unknown>> = {
  COLLECTIONS_CREATE: collectionHandler,
  COLLECTIONS_UPDATE: collectionHandler,
  COLLECTIONS_DELETE: collectionDeleteHandler,
  DISCOUNTS_CREATE: discountHandler,
  DISCOUNTS_UPDATE: discountHandler,
  DISCOUNTS_DELETE: discountDeleteHandler,
};
