import type {
  InventoryQuantityName,
  SimCollection,
  SimInventoryItem,
  SimInventoryLevel,
  SimLocation,
  SimProduct,
  SimVariant,
} from "../../store/types";
import { buildConnection, type ConnectionArgs } from "../connection";
import type { SimContext } from "../context";
import { parseGid, toGid } from "../ids";
import { buildFilter, matchesDate, matchesNumber, matchesText } from "../search-query";
import { moneyV2, toCents } from "./money";

/** Shopify's UnsignedInt64 serialises as a string. */
const legacyId = (id: string) => id;

function count(n: number) {
  return { count: n, precision: "EXACT" };
}

export class LocationView {
  readonly __typename = "Location";
  constructor(
    private readonly location: SimLocation,
    private readonly ctx: SimContext,
  ) {}
  get id() {
    return toGid("Location", this.location.id);
  }
  get legacyResourceId() {
    return legacyId(this.location.id);
  }
  get name() {
    return this.location.name;
  }
  get isActive() {
    return this.location.isActive;
  }
  get fulfillsOnlineOrders() {
    return this.location.fulfillsOnlineOrders;
  }
  get shipsInventory() {
    return this.location.fulfillsOnlineOrders;
  }
  get createdAt() {
    return this.location.createdAt;
  }
  get updatedAt() {
    return this.location.updatedAt;
  }
  get deactivatedAt() {
    return this.location.isActive ? null : this.location.updatedAt;
  }
  get isPrimary() {
    return this.ctx.shop.store.data.locations[0]?.id === this.location.id;
  }
  get isFulfillmentService() {
    return false;
  }
  get fulfillmentService() {
    return null;
  }
  get hasActiveInventory() {
    return (this.ctx.shop.store.levelsByLocation.get(this.location.id)?.length ?? 0) > 0;
  }
  get activatable() {
    return !this.location.isActive;
  }
  get deactivatable() {
    return this.location.isActive;
  }
  get deletable() {
    return !this.location.isActive;
  }
  get addressVerified() {
    return true;
  }
  get hasUnfulfilledOrders() {
    return false;
  }
  get address() {
    return {
      address1: null,
      address2: null,
      city: null,
      country: null,
      countryCode: null,
      province: null,
      provinceCode: null,
      zip: null,
      phone: null,
      latitude: null,
      longitude: null,
      formatted: [this.location.name],
    };
  }
  inventoryLevels(args: ConnectionArgs & { includeInactive?: boolean | null }) {
    const levels = this.ctx.shop.store.levelsByLocation.get(this.location.id) ?? [];
    const inactive = args.includeInactive ? inactiveLevelsWhere(this.ctx, (l) => l.locationId === this.location.id) : [];
    return levelConnection(inactive.length ? [...levels, ...inactive] : levels, args, this.ctx);
  }
  inventoryLevel(args: { inventoryItemId: string; includeInactive?: boolean | null }) {
    const level = levelAt(this.ctx, parseGid(args.inventoryItemId)?.id ?? "", this.location.id, Boolean(args.includeInactive));
    return level ? new InventoryLevelView(level, this.ctx) : null;
  }
}

/** Inactive levels (see SimInventoryLevel.inactive) that `includeInactive: true` adds. */
function inactiveLevelsWhere(ctx: SimContext, keep: (level: SimInventoryLevel) => boolean): SimInventoryLevel[] {
  return [...ctx.shop.store.inactiveLevels.values()].filter(keep);
}

function levelAt(ctx: SimContext, inventoryItemId: string, locationId: string, includeInactive: boolean): SimInventoryLevel | undefined {
  const store = ctx.shop.store;
  return store.activeLevel(inventoryItemId, locationId) ?? (includeInactive ? store.inactiveLevels.get(`${inventoryItemId}@${locationId}`) : undefined);
}

function levelConnection(levels: readonly SimInventoryLevel[], args: ConnectionArgs & { query?: string | null }, ctx: SimContext) {
  const filter = buildFilter<SimInventoryLevel>(args.query, {
    updated_at: (l, t) => matchesDate(l.updatedAt, t),
    location_id: (l, t) => matchesNumber(Number(l.locationId), t),
    inventory_item_id: (l, t) => matchesNumber(Number(l.inventoryItemId), t),
  });
  return buildConnection({
    items: levels.filter(filter),
    args,
    idOf: (l) => l.id,
    toNode: (l) => new InventoryLevelView(l, ctx),
    bulk: ctx.bulk,
  });
}

export class InventoryLevelView {
  readonly __typename = "InventoryLevel";
  constructor(
    private readonly level: SimInventoryLevel,
    private readonly ctx: SimContext,
  ) {}
  get id() {
    return toGid("InventoryLevel", this.level.id, { inventory_item_id: this.level.inventoryItemId });
  }
  get isActive() {
    return !this.level.inactive;
  }
  get canDeactivate() {
    return true;
  }
  get deactivationAlert() {
    return null;
  }
  get createdAt() {
    return this.level.updatedAt;
  }
  get updatedAt() {
    return this.level.updatedAt;
  }
  get item() {
    const item = this.ctx.shop.store.itemsById.get(this.level.inventoryItemId);
    return item ? new InventoryItemView(item, this.ctx) : null;
  }
  get location() {
    const location = this.ctx.shop.store.locationsById.get(this.level.locationId);
    return location ? new LocationView(location, this.ctx) : null;
  }
  quantities(args: { names: string[] }) {
    return args.names.map((name) => ({
      id: toGid("InventoryQuantity", `${this.level.id}`, { name }),
      name,
      quantity: this.level.quantities[name as InventoryQuantityName] ?? 0,
      updatedAt: this.level.updatedAt,
    }));
  }
}

export class InventoryItemView {
  readonly __typename = "InventoryItem";
  constructor(
    private readonly item: SimInventoryItem,
    private readonly ctx: SimContext,
  ) {}
  get id() {
    return toGid("InventoryItem", this.item.id);
  }
  get legacyResourceId() {
    return legacyId(this.item.id);
  }
  get sku() {
    return this.item.sku;
  }
  get tracked() {
    return this.item.tracked;
  }
  get requiresShipping() {
    return true;
  }
  get countryCodeOfOrigin() {
    return null;
  }
  get provinceCodeOfOrigin() {
    return null;
  }
  get harmonizedSystemCode() {
    return null;
  }
  get inventoryHistoryUrl() {
    return null;
  }
  get duplicateSkuCount() {
    return 0;
  }
  get createdAt() {
    return this.item.createdAt;
  }
  get updatedAt() {
    return this.item.updatedAt;
  }
  get unitCost() {
    return this.item.unitCost === null ? null : moneyV2(toCents(this.item.unitCost), this.ctx.shop.store.data.shop.currencyCode);
  }
  get variant() {
    const variant = this.ctx.shop.store.variantsById.get(this.item.variantId);
    return variant ? new VariantView(variant, this.ctx) : null;
  }
  get locationsCount() {
    return count(this.ctx.shop.store.levelsByItem.get(this.item.id)?.length ?? 0);
  }
  inventoryLevels(args: ConnectionArgs & { query?: string | null; includeInactive?: boolean | null }) {
    const levels = this.ctx.shop.store.levelsByItem.get(this.item.id) ?? [];
    const inactive = args.includeInactive ? inactiveLevelsWhere(this.ctx, (l) => l.inventoryItemId === this.item.id) : [];
    return levelConnection(inactive.length ? [...levels, ...inactive] : levels, args, this.ctx);
  }
  inventoryLevel(args: { locationId: string; includeInactive?: boolean | null }) {
    const level = levelAt(this.ctx, this.item.id, parseGid(args.locationId)?.id ?? "", Boolean(args.includeInactive));
    return level ? new InventoryLevelView(level, this.ctx) : null;
  }
}

export class VariantView {
  readonly __typename = "ProductVariant";
  constructor(
    private readonly variant: SimVariant,
    private readonly ctx: SimContext,
  ) {}
  get id() {
    return toGid("ProductVariant", this.variant.id);
  }
  get legacyResourceId() {
    return legacyId(this.variant.id);
  }
  get title() {
    return this.variant.title;
  }
  get displayName() {
    const product = this.ctx.shop.store.productsById.get(this.variant.productId);
    return `${product?.title ?? ""} - ${this.variant.title}`;
  }
  get sku() {
    return this.variant.sku;
  }
  get barcode() {
    return null;
  }
  get price() {
    return (toCents(this.variant.price) / 100).toFixed(2);
  }
  get compareAtPrice() {
    return this.variant.compareAtPrice === null ? null : (toCents(this.variant.compareAtPrice) / 100).toFixed(2);
  }
  get position() {
    return this.variant.position;
  }
  get taxable() {
    return true;
  }
  get inventoryPolicy() {
    return "DENY";
  }
  get availableForSale() {
    return (this.inventoryQuantity ?? 0) > 0;
  }
  get inventoryQuantity() {
    const levels = this.ctx.shop.store.levelsByItem.get(this.variant.inventoryItemId) ?? [];
    return levels.reduce((sum, l) => sum + l.quantities.available, 0);
  }
  get selectedOptions() {
    return [{ name: "Title", value: this.variant.title }];
  }
  get createdAt() {
    return this.variant.createdAt;
  }
  get updatedAt() {
    return this.variant.updatedAt;
  }
  get product() {
    const product = this.ctx.shop.store.productsById.get(this.variant.productId);
    return product ? new ProductView(product, this.ctx) : null;
  }
  get inventoryItem() {
    const item = this.ctx.shop.store.itemsById.get(this.variant.inventoryItemId);
    return item ? new InventoryItemView(item, this.ctx) : null;
  }
}

export class ProductView {
  readonly __typename = "Product";
  constructor(
    private readonly product: SimProduct,
    private readonly ctx: SimContext,
  ) {}
  private get variantRows() {
    return this.ctx.shop.store.variantsByProduct.get(this.product.id) ?? [];
  }
  get id() {
    return toGid("Product", this.product.id);
  }
  get legacyResourceId() {
    return legacyId(this.product.id);
  }
  get title() {
    return this.product.title;
  }
  get handle() {
    return this.product.handle;
  }
  get vendor() {
    return this.product.vendor;
  }
  get productType() {
    return this.product.productType;
  }
  get tags() {
    return this.product.tags;
  }
  get status() {
    return this.product.status;
  }
  get createdAt() {
    return this.product.createdAt;
  }
  get updatedAt() {
    return this.product.updatedAt;
  }
  get publishedAt() {
    return this.product.status === "ACTIVE" ? this.product.createdAt : null;
  }
  get description() {
    return "";
  }
  get descriptionHtml() {
    return "";
  }
  get onlineStoreUrl() {
    return null;
  }
  get featuredImage() {
    return null;
  }
  get featuredMedia() {
    return null;
  }
  get isGiftCard() {
    return false;
  }
  get templateSuffix() {
    return null;
  }
  get totalVariants() {
    return this.variantRows.length;
  }
  get variantsCount() {
    return count(this.variantRows.length);
  }
  get hasOnlyDefaultVariant() {
    return this.variantRows.length === 1;
  }
  get tracksInventory() {
    return this.variantRows.some((v) => this.ctx.shop.store.itemsById.get(v.inventoryItemId)?.tracked);
  }
  get totalInventory() {
    return this.variantRows.reduce((sum, v) => sum + new VariantView(v, this.ctx).inventoryQuantity, 0);
  }
  variants(args: ConnectionArgs & { reverse?: boolean | null }) {
    const rows = [...this.variantRows].sort((a, b) => a.position - b.position);
    if (args.reverse) rows.reverse();
    return buildConnection({ items: rows, args, idOf: (v) => v.id, toNode: (v) => new VariantView(v, this.ctx), bulk: this.ctx.bulk });
  }
  collections(args: ConnectionArgs) {
    const rows = this.product.collectionIds
      .map((id) => this.ctx.shop.store.collectionsById.get(id))
      .filter((c): c is SimCollection => c !== undefined);
    return buildConnection({ items: rows, args, idOf: (c) => c.id, toNode: (c) => new CollectionView(c, this.ctx), bulk: this.ctx.bulk });
  }
}

export class CollectionView {
  readonly __typename = "Collection";
  constructor(
    private readonly collection: SimCollection,
    private readonly ctx: SimContext,
  ) {}
  private get productRows() {
    return this.ctx.shop.store.productsInCollection(this.collection.id);
  }
  get id() {
    return toGid("Collection", this.collection.id);
  }
  get legacyResourceId() {
    return legacyId(this.collection.id);
  }
  get title() {
    return this.collection.title;
  }
  get handle() {
    return this.collection.handle;
  }
  get updatedAt() {
    return this.collection.updatedAt;
  }
  get description() {
    return "";
  }
  get descriptionHtml() {
    return "";
  }
  get sortOrder() {
    return "MANUAL";
  }
  get templateSuffix() {
    return null;
  }
  get productsCount() {
    return count(this.productRows.length);
  }
  hasProduct(args: { id: string }) {
    const id = parseGid(args.id)?.id;
    return id !== undefined && this.productRows.some((p) => p.id === id);
  }
  products(args: ConnectionArgs & { reverse?: boolean | null }) {
    const rows = [...this.productRows];
    if (args.reverse) rows.reverse();
    return buildConnection({ items: rows, args, idOf: (p) => p.id, toNode: (p) => new ProductView(p, this.ctx), bulk: this.ctx.bulk });
  }
}

export const collectionMatchers = {
  title: (c: SimCollection, t: Parameters<typeof matchesText>[1]) => matchesText(c.title, t),
  handle: (c: SimCollection, t: Parameters<typeof matchesText>[1]) => matchesText(c.handle, t),
  updated_at: (c: SimCollection, t: Parameters<typeof matchesDate>[1]) => matchesDate(c.updatedAt, t),
  id: (c: SimCollection, t: Parameters<typeof matchesNumber>[1]) => matchesNumber(Number(c.id), t),
};

export const productMatchers = {
  updated_at: (p: SimProduct, t: Parameters<typeof matchesDate>[1]) => matchesDate(p.updatedAt, t),
  created_at: (p: SimProduct, t: Parameters<typeof matchesDate>[1]) => matchesDate(p.createdAt, t),
  id: (p: SimProduct, t: Parameters<typeof matchesNumber>[1]) => matchesNumber(Number(p.id), t),
  status: (p: SimProduct, t: Parameters<typeof matchesText>[1]) => t.value.split(",").some((s) => matchesText(p.status, { ...t, value: s })),
  title: (p: SimProduct, t: Parameters<typeof matchesText>[1]) => matchesText(p.title, t),
  vendor: (p: SimProduct, t: Parameters<typeof matchesText>[1]) => matchesText(p.vendor, t),
  product_type: (p: SimProduct, t: Parameters<typeof matchesText>[1]) => matchesText(p.productType, t),
};

export const variantMatchers = {
  updated_at: (v: SimVariant, t: Parameters<typeof matchesDate>[1]) => matchesDate(v.updatedAt, t),
  created_at: (v: SimVariant, t: Parameters<typeof matchesDate>[1]) => matchesDate(v.createdAt, t),
  id: (v: SimVariant, t: Parameters<typeof matchesNumber>[1]) => matchesNumber(Number(v.id), t),
  sku: (v: SimVariant, t: Parameters<typeof matchesText>[1]) => matchesText(v.sku, t),
  product_id: (v: SimVariant, t: Parameters<typeof matchesNumber>[1]) => matchesNumber(Number(v.productId), t),
};

export const inventoryItemMatchers = {
  updated_at: (i: SimInventoryItem, t: Parameters<typeof matchesDate>[1]) => matchesDate(i.updatedAt, t),
  created_at: (i: SimInventoryItem, t: Parameters<typeof matchesDate>[1]) => matchesDate(i.createdAt, t),
  id: (i: SimInventoryItem, t: Parameters<typeof matchesNumber>[1]) => matchesNumber(Number(i.id), t),
  sku: (i: SimInventoryItem, t: Parameters<typeof matchesText>[1]) => matchesText(i.sku, t),
};
