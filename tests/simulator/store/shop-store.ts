import type {
  InventoryQuantityName,
  ShopData,
  SimCollection,
  SimDiscount,
  SimInventoryItem,
  SimInventoryLevel,
  SimLineItem,
  SimLocation,
  SimOrder,
  SimProduct,
  SimRefund,
  SimVariant,
} from "./types";

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * One shop's records plus the lookups the resolvers need.
 * Every change goes through a method here so indexes and `version` (which invalidates
 * cached sorted lists) stay in step with the data.
 */
export class ShopStore {
  readonly data: ShopData;
  version = 0;
  locationsById: Map<string, SimLocation>;
  collectionsById: Map<string, SimCollection>;
  discountsById: Map<string, SimDiscount>;
  productsById: Map<string, SimProduct>;
  variantsById: Map<string, SimVariant>;
  variantsByProduct: Map<string, SimVariant[]>;
  itemsById: Map<string, SimInventoryItem>;
  levelsById: Map<string, SimInventoryLevel>;
  levelsByItem: Map<string, SimInventoryLevel[]>;
  levelsByLocation: Map<string, SimInventoryLevel[]>;
  ordersById: Map<string, SimOrder>;
  lineItemsById: Map<string, { order: SimOrder; lineItem: SimLineItem }>;
  refundsById: Map<string, { order: SimOrder; refund: SimRefund }>;
  /** Inactive levels by `itemId@locationId` (see SimInventoryLevel.inactive); kept out of the indexes above. */
  readonly inactiveLevels = new Map<string, SimInventoryLevel>();
  private nextNumericId: number;

  constructor(data: ShopData) {
    this.data = data;
    this.locationsById = byId(data.locations);
    this.collectionsById = byId(data.collections);
    this.discountsById = byId(data.discounts);
    this.productsById = byId(data.products);
    this.variantsById = byId(data.variants);
    this.variantsByProduct = groupBy(data.variants, (v) => v.productId);
    this.itemsById = byId(data.inventoryItems);
    this.levelsById = byId(data.inventoryLevels);
    this.levelsByItem = groupBy(data.inventoryLevels, (l) => l.inventoryItemId);
    this.levelsByLocation = groupBy(data.inventoryLevels, (l) => l.locationId);
    this.ordersById = byId(data.orders);
    this.lineItemsById = new Map();
    this.refundsById = new Map();
    for (const order of data.orders) this.indexOrderChildren(order);
    this.nextNumericId = this.highestNumericId() + 1;
  }

  private indexOrderChildren(order: SimOrder): void {
    for (const lineItem of order.lineItems) this.lineItemsById.set(lineItem.id, { order, lineItem });
    for (const refund of order.refunds) this.refundsById.set(refund.id, { order, refund });
  }

  private highestNumericId(): number {
    let highest = 1_000_000;
    const consider = (id: string) => {
      const n = Number(id);
      if (Number.isSafeInteger(n) && n > highest) highest = n;
    };
    const d = this.data;
    for (const rows of [d.locations, d.collections, d.discounts, d.products, d.variants, d.inventoryItems, d.inventoryLevels, d.orders]) {
      for (const row of rows) consider(row.id);
    }
    for (const order of d.orders) {
      for (const li of order.lineItems) consider(li.id);
      for (const r of order.refunds) consider(r.id);
    }
    return highest;
  }

  newId(): string {
    return String(this.nextNumericId++);
  }

  private touch(): void {
    this.version++;
  }

  addOrder(order: SimOrder): void {
    this.data.orders.push(order);
    this.ordersById.set(order.id, order);
    this.indexOrderChildren(order);
    this.touch();
  }

  /** Re-indexes an order after its line items or refunds changed. */
  orderChanged(order: SimOrder): void {
    this.indexOrderChildren(order);
    this.touch();
  }

  setLevelQuantity(level: SimInventoryLevel, name: InventoryQuantityName, quantity: number, at: string): void {
    level.quantities[name] = quantity;
    level.updatedAt = at;
    this.touch();
  }

  productChanged(): void {
    this.touch();
  }

  /** The active level of an item at a location, if it is stocked there. */
  activeLevel(inventoryItemId: string, locationId: string): SimInventoryLevel | undefined {
    return (this.levelsByItem.get(inventoryItemId) ?? []).find((l) => l.locationId === locationId);
  }

  /** The inactive level where an item is not stocked, made on first use (quantities start at zero). */
  inactiveLevel(inventoryItemId: string, locationId: string, at: string): SimInventoryLevel {
    const key = `${inventoryItemId}@${locationId}`;
    const existing = this.inactiveLevels.get(key);
    if (existing) return existing;
    const level: SimInventoryLevel = {
      id: this.newId(),
      inventoryItemId,
      locationId,
      quantities: { available: 0, on_hand: 0, committed: 0, incoming: 0, reserved: 0, damaged: 0, safety_stock: 0, quality_control: 0 },
      updatedAt: at,
      inactive: true,
    };
    this.inactiveLevels.set(key, level);
    this.touch();
    return level;
  }

  /** A collection's products, in the order products were created (Shopify's default for manual collections). */
  productsInCollection(collectionId: string): SimProduct[] {
    return this.data.products.filter((p) => p.collectionIds.includes(collectionId));
  }

  addCollection(collection: SimCollection): void {
    this.data.collections.push(collection);
    this.collectionsById.set(collection.id, collection);
    this.touch();
  }

  /** Removes a collection and its memberships. */
  deleteCollection(collectionId: string): SimCollection | null {
    const collection = this.collectionsById.get(collectionId);
    if (!collection) return null;
    this.data.collections = this.data.collections.filter((c) => c.id !== collectionId);
    this.collectionsById.delete(collectionId);
    for (const product of this.data.products) {
      if (product.collectionIds.includes(collectionId)) product.collectionIds = product.collectionIds.filter((id) => id !== collectionId);
    }
    this.touch();
    return collection;
  }

  addDiscount(discount: SimDiscount): void {
    this.data.discounts.push(discount);
    this.discountsById.set(discount.id, discount);
    this.touch();
  }

  deleteDiscount(discountId: string): SimDiscount | null {
    const discount = this.discountsById.get(discountId);
    if (!discount) return null;
    this.data.discounts = this.data.discounts.filter((d) => d.id !== discountId);
    this.discountsById.delete(discountId);
    this.touch();
    return discount;
  }

  /** Marks a change made in place (a product joined a collection, a discount was edited). */
  changed(): void {
    this.touch();
  }

  deleteProduct(productId: string): { product: SimProduct; variants: SimVariant[] } | null {
    const product = this.productsById.get(productId);
    if (!product) return null;
    const variants = this.variantsByProduct.get(productId) ?? [];
    const variantIds = new Set(variants.map((v) => v.id));
    const itemIds = new Set(variants.map((v) => v.inventoryItemId));
    const d = this.data;
    d.products = d.products.filter((p) => p.id !== productId);
    d.variants = d.variants.filter((v) => !variantIds.has(v.id));
    d.inventoryItems = d.inventoryItems.filter((i) => !itemIds.has(i.id));
    d.inventoryLevels = d.inventoryLevels.filter((l) => !itemIds.has(l.inventoryItemId));
    this.productsById.delete(productId);
    this.variantsByProduct.delete(productId);
    for (const v of variants) this.variantsById.delete(v.id);
    for (const itemId of itemIds) {
      this.itemsById.delete(itemId);
      for (const level of this.levelsByItem.get(itemId) ?? []) {
        this.levelsById.delete(level.id);
        const atLocation = this.levelsByLocation.get(level.locationId);
        if (atLocation) this.levelsByLocation.set(level.locationId, atLocation.filter((l) => l !== level));
      }
      this.levelsByItem.delete(itemId);
    }
    for (const [key, level] of this.inactiveLevels) if (itemIds.has(level.inventoryItemId)) this.inactiveLevels.delete(key);
    this.touch();
    return { product, variants };
  }

  addLocation(location: SimLocation): void {
    this.data.locations.push(location);
    this.locationsById.set(location.id, location);
    this.touch();
  }

  deleteLocation(locationId: string): SimLocation | null {
    const location = this.locationsById.get(locationId);
    if (!location) return null;
    this.data.locations = this.data.locations.filter((l) => l.id !== locationId);
    this.locationsById.delete(locationId);
    this.touch();
    return location;
  }
}
