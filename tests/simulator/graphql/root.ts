import { GraphQLError } from "graphql";
import type { SimCollection, SimDiscount, SimInventoryItem, SimLocation, SimOrder, SimProduct, SimVariant } from "../store/types";
import { buildConnection, type ConnectionArgs } from "./connection";
import type { SimContext } from "./context";
import { parseGid } from "./ids";
import type { BulkOperationRecord } from "../bulk/bulk-operation";
import { buildFilter, matchesDate, matchesText, type FieldMatchers } from "./search-query";
import { appInstallationView, bulkOperationView } from "./views/app";
import { shopView } from "./views/shop";
import { DISCOUNT_NODE_TYPES, DiscountNodeView, discountMatchers, discountSorters, discountStatus } from "./views/discounts";
import {
  collectionMatchers,
  CollectionView,
  InventoryItemView,
  InventoryLevelView,
  inventoryItemMatchers,
  LocationView,
  productMatchers,
  ProductView,
  variantMatchers,
  VariantView,
} from "./views/catalog";
import { LineItemView, orderMatchers, OrderView, RefundView } from "./views/orders";

/** Without read_all_orders Shopify only returns orders from the last 60 days. */
const RECENT_ORDERS_WINDOW_MS = 60 * 86_400_000;
const DEFAULT_COUNT_LIMIT = 10_000;

interface ListArgs extends ConnectionArgs {
  query?: string | null;
  sortKey?: string | null;
  reverse?: boolean | null;
}

/** Shopify's ACCESS_DENIED for a field whose scope the app was not granted. */
export function requireScope(ctx: SimContext, field: string, scope: string): void {
  if (ctx.shop.hasScope(scope)) return;
  throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
    extensions: {
      code: "ACCESS_DENIED",
      documentation: "https://shopify.dev/api/usage/access-scopes",
      requiredAccess: `\`${scope}\` access scope.`,
    },
  });
}

function numericId(id: string): number {
  return Number(id);
}


function sortRows<T extends { id: string }>(rows: T[], sortKey: string | null | undefined, sorters: Record<string, (row: T) => string | number>, reverse: boolean): T[] {
  const value = (sortKey && sorters[sortKey]) || ((row: T) => numericId(row.id));
  const sorted = rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va < vb) return -1;
    if (va > vb) return 1;
    return numericId(a.id) - numericId(b.id);
  });
  return reverse ? sorted.reverse() : sorted;
}

function listFor<T extends { id: string }>(
  ctx: SimContext,
  resource: string,
  source: () => readonly T[],
  matchers: FieldMatchers<T>,
  sorters: Record<string, (row: T) => string | number>,
  args: ListArgs,
): readonly T[] {
  const key = `${resource}|${args.query ?? ""}|${args.sortKey ?? ""}|${args.reverse ? 1 : 0}`;
  return ctx.shop.cachedList(key, () => sortRows(source().filter(buildFilter(args.query, matchers)), args.sortKey, sorters, Boolean(args.reverse)));
}

function isOrderVisible(ctx: SimContext, order: SimOrder): boolean {
  if (!ctx.enforceReadAllOrders || ctx.shop.hasScope("read_all_orders")) return true;
  return Date.parse(order.createdAt) >= ctx.nowMs - RECENT_ORDERS_WINDOW_MS;
}

function visibleOrders(ctx: SimContext): readonly SimOrder[] {
  const all = ctx.shop.store.data.orders;
  if (!ctx.enforceReadAllOrders || ctx.shop.hasScope("read_all_orders")) return all;
  return all.filter((o) => isOrderVisible(ctx, o));
}

function orderList(ctx: SimContext, args: ListArgs) {
  const sorters: Record<string, (o: SimOrder) => string | number> = {
    CREATED_AT: (o) => o.createdAt,
    UPDATED_AT: (o) => o.updatedAt,
    PROCESSED_AT: (o) => o.processedAt,
    ORDER_NUMBER: (o) => Number(o.name.replace(/\D/g, "")),
    ID: (o) => numericId(o.id),
  };
  // The 60-day window moves with the clock, so recent-only lists are keyed by the hour.
  const window = ctx.enforceReadAllOrders && !ctx.shop.hasScope("read_all_orders") ? `recent@${Math.floor(ctx.nowMs / 3_600_000)}` : "all";
  return listFor(ctx, `orders:${window}`, () => visibleOrders(ctx), orderMatchers, sorters, args);
}

function productList(ctx: SimContext, args: ListArgs) {
  const sorters: Record<string, (p: SimProduct) => string | number> = {
    CREATED_AT: (p) => p.createdAt,
    UPDATED_AT: (p) => p.updatedAt,
    TITLE: (p) => p.title,
    VENDOR: (p) => p.vendor,
    PRODUCT_TYPE: (p) => p.productType,
    ID: (p) => numericId(p.id),
  };
  return listFor(ctx, "products", () => ctx.shop.store.data.products, productMatchers, sorters, args);
}

function variantList(ctx: SimContext, args: ListArgs) {
  const sorters: Record<string, (v: SimVariant) => string | number> = {
    SKU: (v) => v.sku,
    TITLE: (v) => v.title,
    POSITION: (v) => v.position,
    ID: (v) => numericId(v.id),
  };
  return listFor(ctx, "variants", () => ctx.shop.store.data.variants, variantMatchers, sorters, args);
}

function collectionList(ctx: SimContext, args: ListArgs) {
  const sorters: Record<string, (c: SimCollection) => string | number> = {
    TITLE: (c) => c.title,
    UPDATED_AT: (c) => c.updatedAt,
    ID: (c) => numericId(c.id),
  };
  return listFor(ctx, "collections", () => ctx.shop.store.data.collections, collectionMatchers, sorters, args);
}

/** Status depends on the clock, so it is matched here rather than cached with the list. */
function discountList(ctx: SimContext, args: ListArgs): readonly SimDiscount[] {
  const statusTerms = /(?:^|\s)(-?)status:(\S+)/gi;
  const wanted = [...(args.query ?? "").matchAll(statusTerms)];
  const rows = listFor(ctx, "discounts", () => ctx.shop.store.data.discounts, discountMatchers, discountSorters, args);
  if (wanted.length === 0) return rows;
  return rows.filter((d) => wanted.every((m) => (discountStatus(d, ctx.nowMs) === (m[2] ?? "").toUpperCase()) !== (m[1] === "-")));
}

function inventoryItemList(ctx: SimContext, args: ListArgs) {
  return listFor(ctx, "inventoryItems", () => ctx.shop.store.data.inventoryItems, inventoryItemMatchers, {}, args);
}

function locationList(ctx: SimContext, args: ListArgs & { includeInactive?: boolean | null }) {
  const matchers: FieldMatchers<SimLocation> = {
    name: (l, t) => matchesText(l.name, t),
    active: (l, t) => String(l.isActive) === t.value,
  };
  const source = () => ctx.shop.store.data.locations.filter((l) => l.isActive || args.includeInactive);
  return listFor(ctx, `locations${args.includeInactive ? "+inactive" : ""}`, source, matchers, { NAME: (l) => l.name }, args);
}

function countOf(total: number, limit: number | null | undefined) {
  const cap = limit === null ? Number.POSITIVE_INFINITY : (limit ?? DEFAULT_COUNT_LIMIT);
  return total > cap ? { count: cap, precision: "AT_LEAST" } : { count: total, precision: "EXACT" };
}

function isRootField(ctx: SimContext): boolean {
  return ctx.bulk !== undefined;
}

/** Resolves any supported gid to its view, or null (as Shopify does for unknown ids). */
export function resolveNode(ctx: SimContext, gid: string): unknown {
  const parsed = parseGid(gid);
  if (!parsed) throw new GraphQLError(`Invalid global id '${gid}'`, { extensions: { code: "argumentLiteralsIncompatible" } });
  const store = ctx.shop.store;
  const { type, id } = parsed;
  switch (type) {
    case "Product": {
      const row = store.productsById.get(id);
      return row ? new ProductView(row, ctx) : null;
    }
    case "ProductVariant": {
      const row = store.variantsById.get(id);
      return row ? new VariantView(row, ctx) : null;
    }
    case "InventoryItem": {
      const row = store.itemsById.get(id);
      return row ? new InventoryItemView(row, ctx) : null;
    }
    case "InventoryLevel": {
      const row = store.levelsById.get(id);
      return row ? new InventoryLevelView(row, ctx) : null;
    }
    case "Location": {
      const row = store.locationsById.get(id);
      return row ? new LocationView(row, ctx) : null;
    }
    case "Collection": {
      const row = store.collectionsById.get(id);
      return row ? new CollectionView(row, ctx) : null;
    }
    case "Order": {
      const row = store.ordersById.get(id);
      return row && isOrderVisible(ctx, row) ? new OrderView(row, ctx) : null;
    }
    case "LineItem": {
      const row = store.lineItemsById.get(id);
      return row ? new LineItemView(row.order, row.lineItem, ctx) : null;
    }
    case "Refund": {
      const row = store.refundsById.get(id);
      return row ? new RefundView(row.order, row.refund, ctx) : null;
    }
    case "BulkOperation": {
      const row = ctx.shop.bulkOperations.get(id);
      return row ? bulkOperationView(row) : null;
    }
    case "AppInstallation":
      return appInstallationView(ctx);
    default:
      return null;
  }
}

const SCOPE_BY_NODE_TYPE: Record<string, string> = {
  Product: "read_products",
  ProductVariant: "read_products",
  Collection: "read_products",
  InventoryItem: "read_inventory",
  InventoryLevel: "read_inventory",
  Location: "read_locations",
  Order: "read_orders",
  LineItem: "read_orders",
  Refund: "read_orders",
};

function nodeWithScope(ctx: SimContext, gid: string): unknown {
  const scope = SCOPE_BY_NODE_TYPE[parseGid(gid)?.type ?? ""];
  if (scope) requireScope(ctx, "node", scope);
  return resolveNode(ctx, gid);
}

function lookup<T>(ctx: SimContext, field: string, scope: string, gid: string | null | undefined, expectedType: string): T | null {
  requireScope(ctx, field, scope);
  if (!gid) return null;
  if (parseGid(gid)?.type !== expectedType) return null;
  return resolveNode(ctx, gid) as T | null;
}

/** The QueryRoot: one object per request, its methods are the root fields. */
export function queryRoot(ctx: SimContext) {
  const store = ctx.shop.store;
  const connection = <T extends { id: string }, N>(items: readonly T[], args: ConnectionArgs, toNode: (row: T) => N) =>
    buildConnection({ items, args, idOf: (row) => row.id, toNode, bulk: ctx.bulk, isRoot: isRootField(ctx) });
  return {
    shop: () => shopView(ctx),
    locations: (args: ListArgs & { includeInactive?: boolean | null }) => {
      requireScope(ctx, "locations", "read_locations");
      return connection(locationList(ctx, args), args, (l) => new LocationView(l, ctx));
    },
    location: (args: { id?: string | null }) => {
      requireScope(ctx, "location", "read_locations");
      if (!args.id) {
        const primary = store.data.locations[0];
        return primary ? new LocationView(primary, ctx) : null;
      }
      return lookup(ctx, "location", "read_locations", args.id, "Location");
    },
    locationsCount: (args: { query?: string | null; limit?: number | null }) => {
      requireScope(ctx, "locationsCount", "read_locations");
      return countOf(locationList(ctx, args).length, args.limit);
    },
    products: (args: ListArgs) => {
      requireScope(ctx, "products", "read_products");
      return connection(productList(ctx, args), args, (p) => new ProductView(p, ctx));
    },
    product: (args: { id: string }) => lookup(ctx, "product", "read_products", args.id, "Product"),
    productsCount: (args: { query?: string | null; limit?: number | null }) => {
      requireScope(ctx, "productsCount", "read_products");
      return countOf(productList(ctx, args).length, args.limit);
    },
    collections: (args: ListArgs) => {
      requireScope(ctx, "collections", "read_products");
      return connection(collectionList(ctx, args), args, (c) => new CollectionView(c, ctx));
    },
    collection: (args: { id: string }) => lookup(ctx, "collection", "read_products", args.id, "Collection"),
    collectionsCount: (args: { query?: string | null; limit?: number | null }) => {
      requireScope(ctx, "collectionsCount", "read_products");
      return countOf(collectionList(ctx, args).length, args.limit);
    },
    discountNodes: (args: ListArgs) => {
      requireScope(ctx, "discountNodes", "read_discounts");
      return connection(discountList(ctx, args), args, (d) => new DiscountNodeView(d, ctx));
    },
    discountNode: (args: { id: string }) => {
      requireScope(ctx, "discountNode", "read_discounts");
      const parsed = parseGid(args.id);
      const row = parsed && DISCOUNT_NODE_TYPES.has(parsed.type) ? store.discountsById.get(parsed.id) : undefined;
      return row ? new DiscountNodeView(row, ctx) : null;
    },
    discountNodesCount: (args: { query?: string | null; limit?: number | null }) => {
      requireScope(ctx, "discountNodesCount", "read_discounts");
      return countOf(discountList(ctx, args).length, args.limit);
    },
    productVariants: (args: ListArgs) => {
      requireScope(ctx, "productVariants", "read_products");
      return connection(variantList(ctx, args), args, (v) => new VariantView(v, ctx));
    },
    productVariant: (args: { id: string }) => lookup(ctx, "productVariant", "read_products", args.id, "ProductVariant"),
    productVariantsCount: (args: { query?: string | null; limit?: number | null }) => {
      requireScope(ctx, "productVariantsCount", "read_products");
      return countOf(variantList(ctx, args).length, args.limit);
    },
    inventoryItems: (args: ListArgs) => {
      requireScope(ctx, "inventoryItems", "read_inventory");
      return connection<SimInventoryItem, InventoryItemView>(inventoryItemList(ctx, args), args, (i) => new InventoryItemView(i, ctx));
    },
    inventoryItem: (args: { id: string }) => lookup(ctx, "inventoryItem", "read_inventory", args.id, "InventoryItem"),
    inventoryLevel: (args: { id: string }) => lookup(ctx, "inventoryLevel", "read_inventory", args.id, "InventoryLevel"),
    orders: (args: ListArgs) => {
      requireScope(ctx, "orders", "read_orders");
      return connection(orderList(ctx, args), args, (o) => new OrderView(o, ctx));
    },
    order: (args: { id: string }) => lookup(ctx, "order", "read_orders", args.id, "Order"),
    ordersCount: (args: { query?: string | null; limit?: number | null }) => {
      requireScope(ctx, "ordersCount", "read_orders");
      return countOf(orderList(ctx, args).length, args.limit);
    },
    node: (args: { id: string }) => nodeWithScope(ctx, args.id),
    nodes: (args: { ids: string[] }) => args.ids.map((id) => nodeWithScope(ctx, id)),
    currentAppInstallation: () => appInstallationView(ctx),
    appInstallation: (args: { id?: string | null }) => (args.id && parseGid(args.id)?.type !== "AppInstallation" ? null : appInstallationView(ctx)),
    currentBulkOperation: (args: { type?: string | null }) => {
      const wanted = args.type ?? "QUERY";
      const latest = [...ctx.shop.bulkOperations.values()].filter((op) => op.type === wanted).at(-1);
      return latest ? bulkOperationView(latest) : null;
    },
    bulkOperation: (args: { id: string }) => {
      const id = parseGid(args.id)?.id;
      const record = id ? ctx.shop.bulkOperations.get(id) : undefined;
      return record ? bulkOperationView(record) : null;
    },
    bulkOperations: (args: ListArgs) => {
      const filter = buildFilter<BulkOperationRecord>(args.query, {
        status: (op, t) => matchesText(op.status, t),
        operation_type: (op, t) => matchesText(op.type, t),
        created_at: (op, t) => matchesDate(op.createdAt, t),
        id: (op, t) => matchesText(op.id, { ...t, value: parseGid(t.value)?.id ?? t.value }),
      });
      const sortValue = (op: BulkOperationRecord) => (args.sortKey === "COMPLETED_AT" ? (op.completedAt ?? "") : op.createdAt);
      const rows = [...ctx.shop.bulkOperations.values()].filter(filter).sort((a, b) => sortValue(a).localeCompare(sortValue(b)) || Number(a.id) - Number(b.id));
      if (args.reverse) rows.reverse();
      return buildConnection({ items: rows, args, idOf: (op) => op.id, toNode: bulkOperationView });
    },
    webhookSubscriptions: (args: ConnectionArgs) =>
      // App-specific subscriptions from shopify.app.toml are not listed by this query on Shopify either.
      buildConnection({ items: [] as { id: string }[], args, idOf: (r) => r.id, toNode: (r) => r }),
  };
}
