/**
 * Shopify discounts as Tempo mirrors them: amount-off discounts (DiscountAutomaticBasic and
 * DiscountCodeBasic) with their dates, value and the items they apply to. Free shipping, buy X
 * get Y and app discounts are not promotions on products, so Tempo leaves them aside.
 */
import { connectionPage, gidNumber, toDate } from "./sync-records";

export interface DiscountRecord {
  /** Numeric id of the DiscountNode (gid://shopify/DiscountAutomaticNode/1 -> 1n). */
  id: bigint;
  title: string;
  method: "automatic" | "code";
  /** ACTIVE, SCHEDULED or EXPIRED, as Shopify reported it when read. */
  status: string;
  startsAt: Date;
  endsAt: Date | null;
  /** Percent off, 0-100 (Shopify's DiscountPercentage is 0-1); null for an amount off. */
  percentage: number | null;
  appliesToAll: boolean;
  productIds: bigint[];
  variantIds: bigint[];
  collectionIds: bigint[];
  updatedAt: Date | null;
}

/** An item list Shopify paged: where to carry on reading it. */
export type DiscountItemList = "products" | "productVariants" | "collections";

export interface ParsedDiscountNode {
  /** Null for a discount Tempo does not mirror (free shipping, BXGY, app), or one Shopify answered without dates. */
  record: DiscountRecord | null;
  /** Item lists with more pages, and the cursor after the last item read. */
  morePages: Partial<Record<DiscountItemList, string>>;
}

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (value !== null && typeof value === "object" ? (value as Json) : {});

const METHOD_BY_TYPENAME: Record<string, DiscountRecord["method"]> = {
  DiscountAutomaticBasic: "automatic",
  DiscountCodeBasic: "code",
};

/** 0.25 -> 25, without 25.000000000000004. */
export function percentFromFraction(fraction: number): number {
  return Math.round(fraction * 100 * 10_000) / 10_000;
}

/** Maps a DiscountNode as TEMPO_DISCOUNT_NODE_FIELDS selects it. */
export function parseDiscountNode(node: unknown): ParsedDiscountNode {
  const body = obj(node);
  const discount = obj(body.discount);
  const method = METHOD_BY_TYPENAME[String(discount.__typename)];
  const id = gidNumber(body.id);
  const startsAt = toDate(discount.startsAt);
  if (!method || id === null || !startsAt) return { record: null, morePages: {} };
  const gets = obj(discount.customerGets);
  const value = obj(gets.value);
  const items = obj(gets.items);
  const record: DiscountRecord = {
    id,
    title: typeof discount.title === "string" ? discount.title : "",
    method,
    status: typeof discount.status === "string" ? discount.status : "ACTIVE",
    startsAt,
    endsAt: toDate(discount.endsAt),
    percentage: value.__typename === "DiscountPercentage" && typeof value.percentage === "number" ? percentFromFraction(value.percentage) : null,
    appliesToAll: items.__typename === "AllDiscountItems",
    productIds: [],
    variantIds: [],
    collectionIds: [],
    updatedAt: toDate(discount.updatedAt),
  };
  const morePages: ParsedDiscountNode["morePages"] = {};
  const read = (connection: unknown, into: bigint[], name: DiscountItemList) => {
    const page = connectionPage(connection);
    into.push(...page.ids);
    if (page.next) morePages[name] = page.next;
  };
  if (items.__typename === "DiscountProducts") {
    read(items.products, record.productIds, "products");
    read(items.productVariants, record.variantIds, "productVariants");
  } else if (items.__typename === "DiscountCollections") {
    read(items.collections, record.collectionIds, "collections");
  }
  return { record, morePages };
}

/** The one item list of a follow-up page query (TEMPO_DISCOUNT_ITEMS_QUERY's answer). */
export function discountItemsPage(node: unknown, name: DiscountItemList): { ids: bigint[]; next: string | null } {
  const items = obj(obj(obj(obj(node).discount).customerGets).items);
  return connectionPage(items[name]);
}
