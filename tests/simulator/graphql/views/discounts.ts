import type { SimCollection, SimDiscount, SimProduct, SimVariant } from "../../store/types";
import { buildConnection, type ConnectionArgs } from "../connection";
import type { SimContext } from "../context";
import { toGid } from "../ids";
import { matchesDate, matchesText, type FieldMatchers } from "../search-query";
import { CollectionView, ProductView, VariantView } from "./catalog";
import { moneyV2, toCents } from "./money";

/** Shopify derives a discount's status from its dates: SCHEDULED before it starts, EXPIRED once it ended. */
export function discountStatus(discount: SimDiscount, nowMs: number): "ACTIVE" | "SCHEDULED" | "EXPIRED" {
  if (Date.parse(discount.startsAt) > nowMs) return "SCHEDULED";
  if (discount.endsAt !== null && Date.parse(discount.endsAt) <= nowMs) return "EXPIRED";
  return "ACTIVE";
}

/** The DiscountNode's GID: Shopify names the node type after the method. */
export function discountNodeGid(discount: SimDiscount): string {
  return toGid(discount.method === "automatic" ? "DiscountAutomaticNode" : "DiscountCodeNode", discount.id);
}

/** Node types whose GIDs name a discount node (discountNode(id:) takes any of them). */
export const DISCOUNT_NODE_TYPES = new Set(["DiscountNode", "DiscountAutomaticNode", "DiscountCodeNode"]);

const TYPENAMES: Record<SimDiscount["method"], Record<SimDiscount["type"], string>> = {
  automatic: { basic: "DiscountAutomaticBasic", freeShipping: "DiscountAutomaticFreeShipping" },
  code: { basic: "DiscountCodeBasic", freeShipping: "DiscountCodeFreeShipping" },
};

function percentLabel(discount: SimDiscount, currencyCode: string): string {
  const value = discount.value;
  if ("percentage" in value) return `${Math.round(value.percentage * 1000) / 10}% off`;
  return `${moneyV2(toCents(value.amount), currencyCode).amount} ${currencyCode} off`;
}

class DiscountProductsView {
  readonly __typename = "DiscountProducts";
  constructor(
    private readonly items: { productIds: string[]; variantIds: string[] },
    private readonly ctx: SimContext,
  ) {}
  products(args: ConnectionArgs & { reverse?: boolean | null }) {
    const store = this.ctx.shop.store;
    const rows = this.items.productIds.map((id) => store.productsById.get(id)).filter((p): p is SimProduct => p !== undefined);
    if (args.reverse) rows.reverse();
    return buildConnection({ items: rows, args, idOf: (p) => p.id, toNode: (p) => new ProductView(p, this.ctx), bulk: this.ctx.bulk });
  }
  productVariants(args: ConnectionArgs & { reverse?: boolean | null }) {
    const store = this.ctx.shop.store;
    const rows = this.items.variantIds.map((id) => store.variantsById.get(id)).filter((v): v is SimVariant => v !== undefined);
    if (args.reverse) rows.reverse();
    return buildConnection({ items: rows, args, idOf: (v) => v.id, toNode: (v) => new VariantView(v, this.ctx), bulk: this.ctx.bulk });
  }
}

class DiscountCollectionsView {
  readonly __typename = "DiscountCollections";
  constructor(
    private readonly collectionIds: string[],
    private readonly ctx: SimContext,
  ) {}
  collections(args: ConnectionArgs & { reverse?: boolean | null }) {
    const store = this.ctx.shop.store;
    const rows = this.collectionIds.map((id) => store.collectionsById.get(id)).filter((c): c is SimCollection => c !== undefined);
    if (args.reverse) rows.reverse();
    return buildConnection({ items: rows, args, idOf: (c) => c.id, toNode: (c) => new CollectionView(c, this.ctx), bulk: this.ctx.bulk });
  }
}

function itemsView(discount: SimDiscount, ctx: SimContext) {
  const items = discount.items;
  if ("all" in items) return { __typename: "AllDiscountItems", allItems: true };
  if ("collectionIds" in items) return new DiscountCollectionsView(items.collectionIds, ctx);
  return new DiscountProductsView(items, ctx);
}

function valueView(discount: SimDiscount, ctx: SimContext) {
  const value = discount.value;
  if ("percentage" in value) return { __typename: "DiscountPercentage", percentage: value.percentage };
  return { __typename: "DiscountAmount", amount: moneyV2(toCents(value.amount), ctx.shop.store.data.shop.currencyCode), appliesOnEachItem: value.appliesOnEachItem };
}

const NO_COMBINATIONS = { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false };

/** The fields every discount type shares (title, dates, status, summaries). */
class DiscountView {
  readonly __typename: string;
  constructor(
    protected readonly discount: SimDiscount,
    protected readonly ctx: SimContext,
  ) {
    this.__typename = TYPENAMES[discount.method][discount.type];
  }
  get title() {
    return this.discount.title;
  }
  get status() {
    return discountStatus(this.discount, this.ctx.nowMs);
  }
  get startsAt() {
    return this.discount.startsAt;
  }
  get endsAt() {
    return this.discount.endsAt;
  }
  get createdAt() {
    return this.discount.createdAt;
  }
  get updatedAt() {
    return this.discount.updatedAt;
  }
  get asyncUsageCount() {
    return 0;
  }
  get combinesWith() {
    return NO_COMBINATIONS;
  }
  get discountClasses() {
    return [this.discount.type === "freeShipping" ? "SHIPPING" : "PRODUCT"];
  }
  get tags() {
    return [];
  }
  get summary() {
    return this.shortSummary;
  }
  get shortSummary() {
    if (this.discount.type === "freeShipping") return "Free shipping on all products";
    return percentLabel(this.discount, this.ctx.shop.store.data.shop.currencyCode);
  }
  get appliesOncePerCustomer() {
    return false;
  }
  get usageLimit() {
    return null;
  }
  get codesCount() {
    return { count: this.discount.code ? 1 : 0, precision: "EXACT" };
  }
  codes(args: ConnectionArgs) {
    const rows = this.discount.code ? [{ id: this.discount.id, code: this.discount.code }] : [];
    return buildConnection({
      items: rows,
      args,
      idOf: (c) => c.id,
      toNode: (c) => ({ __typename: "DiscountRedeemCode", id: toGid("DiscountRedeemCode", c.id), code: c.code, asyncUsageCount: 0 }),
    });
  }
  get customerGets() {
    if (this.discount.type !== "basic") return null;
    return { items: itemsView(this.discount, this.ctx), value: valueView(this.discount, this.ctx), appliesOnOneTimePurchase: true, appliesOnSubscription: false };
  }
}

export class DiscountNodeView {
  readonly __typename = "DiscountNode";
  constructor(
    private readonly record: SimDiscount,
    private readonly ctx: SimContext,
  ) {}
  get id() {
    return discountNodeGid(this.record);
  }
  get discount() {
    return new DiscountView(this.record, this.ctx);
  }
}

export const discountMatchers: FieldMatchers<SimDiscount> = {
  title: (d, t) => matchesText(d.title, t),
  code: (d, t) => matchesText(d.code, t),
  method: (d, t) => matchesText(d.method, t),
  type: (d, t) => t.value.toLowerCase() === "all" || matchesText(d.type === "freeShipping" ? "free_shipping" : "percentage" in d.value ? "percentage" : "fixed_amount", t),
  starts_at: (d, t) => matchesDate(d.startsAt, t),
  ends_at: (d, t) => matchesDate(d.endsAt, t),
  created_at: (d, t) => matchesDate(d.createdAt, t),
  updated_at: (d, t) => matchesDate(d.updatedAt, t),
};

export const discountSorters: Record<string, (d: SimDiscount) => string | number> = {
  CREATED_AT: (d) => d.createdAt,
  UPDATED_AT: (d) => d.updatedAt,
  STARTS_AT: (d) => d.startsAt,
  ENDS_AT: (d) => d.endsAt ?? "9999",
  TITLE: (d) => d.title,
  ID: (d) => Number(d.id),
};
