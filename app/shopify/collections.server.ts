/**
 * Reads collections (API 2026-10, `read_products`). Membership comes with the catalogue export
 * (products > collections); these read the list itself (empty collections included) and one
 * collection's members, which collections/update names but does not carry.
 */
import type { AdminGraphqlClient } from "./admin-client.server";
import { connectionPage, gidNumber, toDate, type CollectionRecord } from "./sync-records";

export const COLLECTIONS_QUERY = `#graphql
query TempoCollections($after: String) {
  collections(first: 250, after: $after, sortKey: ID) {
    nodes { id title handle updatedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const COLLECTION_MEMBERS_QUERY = `#graphql
query TempoCollectionMembers($id: ID!, $after: String) {
  collection(id: $id) {
    id
    title
    handle
    updatedAt
    products(first: 250, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
  }
}`;

interface CollectionNode {
  id: string;
  title: string;
  handle: string | null;
  updatedAt: string | null;
}

function collectionRecord(node: CollectionNode): CollectionRecord | null {
  const id = gidNumber(node.id);
  return id === null ? null : { id, title: node.title, handle: node.handle, updatedAt: toDate(node.updatedAt) };
}

/** Every collection of the shop (a shop has tens to a few thousand; plain pagination is enough). */
export async function fetchAllCollections(graphql: AdminGraphqlClient): Promise<CollectionRecord[]> {
  const collections: CollectionRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page: CollectionsPage = await graphql<CollectionsPage>(COLLECTIONS_QUERY, { after });
    for (const node of page.collections.nodes) {
      const record = collectionRecord(node);
      if (record) collections.push(record);
    }
    if (!page.collections.pageInfo.hasNextPage) return collections;
    after = page.collections.pageInfo.endCursor;
  }
}

interface CollectionsPage {
  collections: { nodes: CollectionNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** A collection and every product in it now, or null once Shopify no longer has it. */
export async function fetchCollectionMembers(graphql: AdminGraphqlClient, collectionId: bigint): Promise<{ collection: CollectionRecord; productIds: bigint[] } | null> {
  const productIds: bigint[] = [];
  let after: string | null = null;
  let collection: CollectionRecord | null = null;
  for (;;) {
    const data: { collection: (CollectionNode & { products: unknown }) | null } = await graphql(COLLECTION_MEMBERS_QUERY, {
      id: `gid://shopify/Collection/${collectionId}`,
      after,
    });
    if (!data.collection) return null;
    collection ??= collectionRecord(data.collection);
    const page = connectionPage(data.collection.products);
    productIds.push(...page.ids);
    if (!page.next) return collection ? { collection, productIds } : null;
    after = page.next;
  }
}
