/**
 * Reads the shop's discounts (API 2026-10, `read_discounts`). A shop has tens to hundreds
 * of discount nodes, so plain pagination is enough; item lists longer than one page are
 * read on with a follow-up query per list. Tempo never writes discounts.
 */
import { graphqlErrorsOf, type AdminGraphqlClient } from "./admin-client.server";
import { gidNumber } from "./sync-records";
import { discountItemsPage, parseDiscountNode, type DiscountItemList, type DiscountRecord, type ParsedDiscountNode } from "./discount-records";

export const DISCOUNTS_SCOPE = "read_discounts";

// Five nodes of up to 50 products, 50 variants or 50 collections each: a requested cost near 550.
export const DISCOUNTS_QUERY = `#graphql
query TempoDiscounts($after: String) {
  discountNodes(first: 5, after: $after, sortKey: ID) {
    nodes { ...TempoDiscountNode }
    pageInfo { hasNextPage endCursor }
  }
}
fragment TempoDiscountNode on DiscountNode {
  id
  discount {
    __typename
    ... on DiscountAutomaticBasic { title status startsAt endsAt updatedAt customerGets { ...TempoCustomerGets } }
    ... on DiscountCodeBasic { title status startsAt endsAt updatedAt customerGets { ...TempoCustomerGets } }
  }
}
fragment TempoCustomerGets on DiscountCustomerGets {
  value {
    __typename
    ... on DiscountPercentage { percentage }
  }
  items {
    __typename
    ... on DiscountProducts {
      products(first: 50) { nodes { id } pageInfo { hasNextPage endCursor } }
      productVariants(first: 50) { nodes { id } pageInfo { hasNextPage endCursor } }
    }
    ... on DiscountCollections {
      collections(first: 50) { nodes { id } pageInfo { hasNextPage endCursor } }
    }
  }
}`;

export const DISCOUNT_QUERY = `#graphql
query TempoDiscount($id: ID!) {
  discountNode(id: $id) { ...TempoDiscountNode }
}
fragment TempoDiscountNode on DiscountNode {
  id
  discount {
    __typename
    ... on DiscountAutomaticBasic { title status startsAt endsAt updatedAt customerGets { ...TempoCustomerGets } }
    ... on DiscountCodeBasic { title status startsAt endsAt updatedAt customerGets { ...TempoCustomerGets } }
  }
}
fragment TempoCustomerGets on DiscountCustomerGets {
  value {
    __typename
    ... on DiscountPercentage { percentage }
  }
  items {
    __typename
    ... on DiscountProducts {
      products(first: 50) { nodes { id } pageInfo { hasNextPage endCursor } }
      productVariants(first: 50) { nodes { id } pageInfo { hasNextPage endCursor } }
    }
    ... on DiscountCollections {
      collections(first: 50) { nodes { id } pageInfo { hasNextPage endCursor } }
    }
  }
}`;

/** The rest of one item list of one discount, 250 at a time. */
export const DISCOUNT_ITEMS_QUERY = `#graphql
query TempoDiscountItems(
  $id: ID!
  $after: String
  $products: Boolean!
  $productVariants: Boolean!
  $collections: Boolean!
) {
  discountNode(id: $id) {
    id
    discount {
      ... on DiscountAutomaticBasic { customerGets { ...TempoItemsPage } }
      ... on DiscountCodeBasic { customerGets { ...TempoItemsPage } }
    }
  }
}
fragment TempoItemsPage on DiscountCustomerGets {
  items {
    ... on DiscountProducts {
      products(first: 250, after: $after) @include(if: $products) { nodes { id } pageInfo { hasNextPage endCursor } }
      productVariants(first: 250, after: $after) @include(if: $productVariants) { nodes { id } pageInfo { hasNextPage endCursor } }
    }
    ... on DiscountCollections {
      collections(first: 250, after: $after) @include(if: $collections) { nodes { id } pageInfo { hasNextPage endCursor } }
    }
  }
}`;

/** The grant does not include read_discounts (Shopify answered ACCESS_DENIED). */
export class DiscountsNotGrantedError extends Error {
  constructor() {
    super("Shopify refused to list discounts: Tempo's access does not include read_discounts.");
    this.name = "DiscountsNotGrantedError";
  }
}

/** Whether a recorded grant (Shop.accessScopes, comma-separated) lets Tempo read discounts; write_discounts implies it. */
export function grantAllowsDiscounts(accessScopes: string | null | undefined): boolean {
  const scopes = (accessScopes ?? "").split(",").map((s) => s.trim());
  return scopes.includes(DISCOUNTS_SCOPE) || scopes.includes("write_discounts");
}

async function withDiscountAccess<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (graphqlErrorsOf(error).some((e) => e.extensions?.code === "ACCESS_DENIED")) throw new DiscountsNotGrantedError();
    throw error;
  }
}

const LIST_OF: Record<DiscountItemList, keyof Pick<DiscountRecord, "productIds" | "variantIds" | "collectionIds">> = {
  products: "productIds",
  productVariants: "variantIds",
  collections: "collectionIds",
};

/** Completes the item lists the first page left unfinished. */
async function readRemainingItems(graphql: AdminGraphqlClient, gid: string, parsed: ParsedDiscountNode): Promise<void> {
  const record = parsed.record;
  if (!record) return;
  for (const [name, cursor] of Object.entries(parsed.morePages) as [DiscountItemList, string][]) {
    let after: string | null = cursor;
    while (after) {
      const data: { discountNode: unknown } = await graphql<{ discountNode: unknown }>(DISCOUNT_ITEMS_QUERY, {
        id: gid,
        after,
        products: name === "products",
        productVariants: name === "productVariants",
        collections: name === "collections",
      });
      const page = discountItemsPage(data.discountNode, name);
      record[LIST_OF[name]].push(...page.ids);
      after = page.next;
    }
  }
}

export interface DiscountList {
  /** The discounts Tempo mirrors, with every item. */
  records: DiscountRecord[];
  /** Every discount node Shopify listed, mirrored or not. */
  seenIds: bigint[];
}

/** Every discount node of the shop. Throws DiscountsNotGrantedError without read_discounts. */
export async function fetchAllDiscounts(graphql: AdminGraphqlClient): Promise<DiscountList> {
  return withDiscountAccess(async () => {
    const result: DiscountList = { records: [], seenIds: [] };
    let after: string | null = null;
    for (;;) {
      const page: DiscountsPage = await graphql<DiscountsPage>(DISCOUNTS_QUERY, { after });
      for (const node of page.discountNodes.nodes) {
        const parsed = parseDiscountNode(node);
        const id = gidNumber((node as { id?: unknown } | null)?.id);
        if (id !== null) result.seenIds.push(id);
        if (!parsed.record) continue;
        await readRemainingItems(graphql, String((node as { id?: unknown }).id), parsed);
        result.records.push(parsed.record);
      }
      if (!page.discountNodes.pageInfo.hasNextPage) return result;
      after = page.discountNodes.pageInfo.endCursor;
    }
  });
}

interface DiscountsPage {
  discountNodes: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/**
 * One discount node as Shopify holds it now: `found: false` once it is gone, `record: null`
 * for a discount Tempo does not mirror. Throws DiscountsNotGrantedError without read_discounts.
 */
export async function fetchDiscount(graphql: AdminGraphqlClient, gid: string): Promise<{ found: boolean; record: DiscountRecord | null }> {
  return withDiscountAccess(async () => {
    const data = await graphql<{ discountNode: unknown }>(DISCOUNT_QUERY, { id: gid });
    if (data.discountNode === null || data.discountNode === undefined) return { found: false, record: null };
    const parsed = parseDiscountNode(data.discountNode);
    await readRemainingItems(graphql, gid, parsed);
    return { found: true, record: parsed.record };
  });
}

/**
 * Why the shop's Shopify discounts are not in Tempo, for the sync panel, or null when Tempo
 * reads them. Decided by the recorded grant (app/scopes_update keeps it current).
 */
export function discountsUnavailableReason(shop: { accessScopes: string | null }): string | null {
  if (grantAllowsDiscounts(shop.accessScopes)) return null;
  return "Your Shopify discounts are not in Tempo: its access does not include reading discounts (read_discounts). Everything else syncs as usual. Open Tempo from your Shopify admin and approve the updated access to see the discounts you scheduled as promotion plans.";
}
