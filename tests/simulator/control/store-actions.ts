import type { AccessTokenRegistry } from "../auth/access-tokens";
import type { SimShop } from "../shop-runtime";
import type {
  InventoryQuantityName,
  SimCollection,
  SimDiscount,
  SimInventoryItem,
  SimInventoryLevel,
  SimLineItem,
  SimLocation,
  SimOrder,
  SimProduct,
  SimRefund,
  SimRefundLineItem,
  SimVariant,
} from "../store/types";
import { formatDecimal, toCents } from "../graphql/views/money";
import type { EnqueueOptions, WebhookDelivery, WebhookDispatcher } from "../webhooks/dispatcher";
import * as payloads from "../webhooks/payloads";

export interface NewOrderLine {
  /** Variant by id or by SKU. */
  variantId?: string;
  sku?: string;
  quantity: number;
  /** Unit price; default the variant's price. */
  price?: string;
  /** Discount for the whole line. */
  discount?: string;
}

export interface NewOrderInput {
  lineItems: NewOrderLine[];
  sourceName?: string;
  channelName?: string;
  locationId?: string | null;
  createdAt?: string;
  discountCodes?: string[];
  test?: boolean;
  /** Decrement available stock at the order's location (default true). */
  adjustInventory?: boolean;
}

export interface RefundLineInput {
  lineItemId: string;
  quantity: number;
  restockType?: SimRefundLineItem["restockType"];
}

export type WebhookSwitches = EnqueueOptions;

/** A new discount; ids, timestamps and (for code discounts) the title default as Shopify's admin would set them. */
export type NewDiscountInput = Pick<SimDiscount, "method" | "startsAt" | "value" | "items"> &
  Partial<Pick<SimDiscount, "type" | "title" | "code" | "endsAt">>;

export type DiscountPatch = Partial<Pick<SimDiscount, "title" | "startsAt" | "endsAt" | "value" | "items">>;

export interface CollectionPatch {
  title?: string;
  handle?: string;
  /** Products added to / removed from a manual collection (one collections/update for the lot, as on Shopify). */
  addProductIds?: string[];
  removeProductIds?: string[];
}

/** One line of inventoryAdjustQuantities, already checked by the mutation. */
export interface InventoryChangeToApply {
  inventoryItemId: string;
  locationId: string;
  delta: number;
}

export interface AppliedInventoryChange extends InventoryChangeToApply {
  quantityAfterChange: number;
  onHandAfterChange: number;
}

/**
 * Changes a shop's data the way merchant or customer activity would, and sends the
 * webhooks Shopify would send for each change.
 */
export class StoreActions {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly tokens: AccessTokenRegistry,
    private readonly now: () => Date,
  ) {}

  private iso(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** Sends a webhook honouring the shop's duplicate / out-of-order faults unless overridden. */
  emit(shop: SimShop, topic: string, payload: unknown, switches: WebhookSwitches = {}): WebhookDelivery | null {
    if (!shop.installed && topic !== "app/uninstalled" && topic !== "shop/redact") return null;
    return this.dispatcher.enqueue(shop.domain, topic, payload, {
      duplicate: switches.duplicate ?? shop.faults.duplicateWebhooks,
      outOfOrder: switches.outOfOrder ?? shop.faults.outOfOrderWebhooks,
    });
  }

  private findVariant(shop: SimShop, line: NewOrderLine): SimVariant {
    const store = shop.store;
    const variant = line.variantId ? store.variantsById.get(line.variantId) : store.data.variants.find((v) => v.sku === line.sku);
    if (!variant) throw new Error(`Unknown variant ${line.variantId ?? line.sku ?? "(none)"}`);
    return variant;
  }

  private levelFor(shop: SimShop, inventoryItemId: string, locationId: string, switches: WebhookSwitches = {}): SimInventoryLevel {
    const store = shop.store;
    const existing = (store.levelsByItem.get(inventoryItemId) ?? []).find((l) => l.locationId === locationId);
    if (existing) return existing;
    const level: SimInventoryLevel = {
      id: store.newId(),
      inventoryItemId,
      locationId,
      quantities: { available: 0, on_hand: 0, committed: 0, incoming: 0, reserved: 0, damaged: 0, safety_stock: 0, quality_control: 0 },
      updatedAt: this.iso(),
    };
    store.data.inventoryLevels.push(level);
    store.levelsById.set(level.id, level);
    store.levelsByItem.set(inventoryItemId, [...(store.levelsByItem.get(inventoryItemId) ?? []), level]);
    store.levelsByLocation.set(locationId, [...(store.levelsByLocation.get(locationId) ?? []), level]);
    this.emit(shop, "inventory_levels/connect", payloads.inventoryLevelPayload(level), switches);
    return level;
  }

  private adjustAvailable(shop: SimShop, inventoryItemId: string, locationId: string, delta: number, switches: WebhookSwitches): void {
    const level = this.levelFor(shop, inventoryItemId, locationId, switches);
    shop.store.setLevelQuantity(level, "available", level.quantities.available + delta, this.iso());
    level.quantities.on_hand += delta;
    this.emit(shop, "inventory_levels/update", payloads.inventoryLevelPayload(level), switches);
  }

  createOrder(shop: SimShop, input: NewOrderInput, switches: WebhookSwitches = {}): SimOrder {
    const store = shop.store;
    const at = input.createdAt ?? this.iso();
    const locationId = input.locationId === undefined ? (store.data.locations[0]?.id ?? null) : input.locationId;
    const lineItems: SimLineItem[] = input.lineItems.map((line) => {
      const variant = this.findVariant(shop, line);
      const product = store.productsById.get(variant.productId);
      return {
        id: store.newId(),
        variantId: variant.id,
        productId: variant.productId,
        sku: variant.sku,
        title: product ? `${product.title} - ${variant.title}` : variant.title,
        quantity: line.quantity,
        currentQuantity: line.quantity,
        originalUnitPrice: line.price ?? variant.price,
        discountAllocations: line.discount ? [{ amount: line.discount }] : [],
      };
    });
    const highestNumber = store.data.orders.reduce((max, o) => Math.max(max, Number(o.name.replace(/\D/g, "")) || 0), 1000);
    const order: SimOrder = {
      id: store.newId(),
      name: `#${highestNumber + 1}`,
      createdAt: at,
      processedAt: at,
      updatedAt: at,
      cancelledAt: null,
      cancelReason: null,
      sourceName: input.sourceName ?? "web",
      channelName: input.channelName ?? (input.sourceName === "pos" ? "Point of Sale" : "Online Store"),
      locationId,
      currencyCode: store.data.shop.currencyCode,
      test: input.test ?? false,
      lineItems,
      refunds: [],
      discountCodes: input.discountCodes ?? [],
    };
    store.addOrder(order);
    this.emit(shop, "orders/create", payloads.orderPayload(order), switches);
    if (input.adjustInventory !== false && locationId) {
      for (const line of lineItems) {
        const variant = line.variantId ? store.variantsById.get(line.variantId) : undefined;
        if (variant) this.adjustAvailable(shop, variant.inventoryItemId, locationId, -line.quantity, switches);
      }
    }
    return order;
  }

  private order(shop: SimShop, orderId: string): SimOrder {
    const order = shop.store.ordersById.get(orderId);
    if (!order) throw new Error(`Unknown order ${orderId}`);
    return order;
  }

  /** Touches an order (optionally editing line quantities) and sends orders/updated. */
  updateOrder(shop: SimShop, orderId: string, patch: { currentQuantities?: Record<string, number>; updatedAt?: string } = {}, switches: WebhookSwitches = {}): SimOrder {
    const order = this.order(shop, orderId);
    for (const [lineItemId, quantity] of Object.entries(patch.currentQuantities ?? {})) {
      const line = order.lineItems.find((l) => l.id === lineItemId);
      if (line) line.currentQuantity = quantity;
    }
    order.updatedAt = patch.updatedAt ?? this.iso();
    shop.store.orderChanged(order);
    this.emit(shop, "orders/updated", payloads.orderPayload(order), switches);
    return order;
  }

  cancelOrder(shop: SimShop, orderId: string, options: { reason?: string; restock?: boolean } = {}, switches: WebhookSwitches = {}): SimOrder {
    const order = this.order(shop, orderId);
    const at = this.iso();
    order.cancelledAt = at;
    order.cancelReason = (options.reason ?? "CUSTOMER").toUpperCase();
    order.updatedAt = at;
    const restocked = order.lineItems.map((l) => ({ line: l, quantity: l.currentQuantity }));
    for (const line of order.lineItems) line.currentQuantity = 0;
    shop.store.orderChanged(order);
    this.emit(shop, "orders/cancelled", payloads.orderPayload(order), switches);
    this.emit(shop, "orders/updated", payloads.orderPayload(order), switches);
    if (options.restock !== false && order.locationId) {
      for (const { line, quantity } of restocked) {
        const variant = line.variantId ? shop.store.variantsById.get(line.variantId) : undefined;
        if (variant && quantity > 0) this.adjustAvailable(shop, variant.inventoryItemId, order.locationId, quantity, switches);
      }
    }
    return order;
  }

  refundOrder(shop: SimShop, orderId: string, lines: RefundLineInput[], switches: WebhookSwitches = {}): SimRefund {
    const order = this.order(shop, orderId);
    const at = this.iso();
    const refundLineItems: SimRefundLineItem[] = lines.map((input) => {
      const line = order.lineItems.find((l) => l.id === input.lineItemId);
      if (!line) throw new Error(`Order ${orderId} has no line item ${input.lineItemId}`);
      const quantity = Math.min(input.quantity, line.currentQuantity);
      const discountPerUnit = line.quantity > 0 ? line.discountAllocations.reduce((s, d) => s + toCents(d.amount), 0) / line.quantity : 0;
      const subtotal = Math.round((toCents(line.originalUnitPrice) - discountPerUnit) * quantity);
      line.currentQuantity -= quantity;
      return { lineItemId: line.id, quantity, restockType: input.restockType ?? "RETURN", subtotal: formatDecimal(subtotal) };
    });
    const refund: SimRefund = { id: shop.store.newId(), createdAt: at, refundLineItems };
    order.refunds.push(refund);
    order.updatedAt = at;
    shop.store.orderChanged(order);
    this.emit(shop, "refunds/create", payloads.refundPayload(order, refund), switches);
    this.emit(shop, "orders/updated", payloads.orderPayload(order), switches);
    for (const rli of refundLineItems) {
      if (rli.restockType === "NO_RESTOCK" || !order.locationId) continue;
      const line = order.lineItems.find((l) => l.id === rli.lineItemId);
      const variant = line?.variantId ? shop.store.variantsById.get(line.variantId) : undefined;
      if (variant && rli.quantity > 0) this.adjustAvailable(shop, variant.inventoryItemId, order.locationId, rli.quantity, switches);
    }
    return refund;
  }

  /** Sets (or shifts by `delta`) the available quantity of an item at a location. */
  setInventory(
    shop: SimShop,
    input: { inventoryItemId?: string; variantId?: string; sku?: string; locationId: string; available?: number; delta?: number },
    switches: WebhookSwitches = {},
  ): SimInventoryLevel {
    const store = shop.store;
    const variant = input.variantId ? store.variantsById.get(input.variantId) : input.sku ? store.data.variants.find((v) => v.sku === input.sku) : undefined;
    const itemId = input.inventoryItemId ?? variant?.inventoryItemId;
    if (!itemId || !store.itemsById.has(itemId)) throw new Error("Unknown inventory item");
    const level = this.levelFor(shop, itemId, input.locationId, switches);
    const next = input.available ?? level.quantities.available + (input.delta ?? 0);
    level.quantities.on_hand += next - level.quantities.available;
    store.setLevelQuantity(level, "available", next, this.iso());
    this.emit(shop, "inventory_levels/update", payloads.inventoryLevelPayload(level), switches);
    return level;
  }

  /**
   * What inventoryAdjustQuantities does once its input passed: shifts quantity `name` and on_hand by
   * each delta, at the item's level there or, where it is not stocked, an inactive level (Shopify
   * 2026-10), and sends inventory_levels/update for every change.
   */
  applyInventoryChanges(shop: SimShop, name: InventoryQuantityName, changes: InventoryChangeToApply[], switches: WebhookSwitches = {}): AppliedInventoryChange[] {
    const store = shop.store;
    const at = this.iso();
    return changes.map((change) => {
      const level = store.activeLevel(change.inventoryItemId, change.locationId) ?? store.inactiveLevel(change.inventoryItemId, change.locationId, at);
      store.setLevelQuantity(level, name, level.quantities[name] + change.delta, at);
      level.quantities.on_hand += change.delta;
      this.emit(shop, "inventory_levels/update", payloads.inventoryLevelPayload(level), switches);
      return { ...change, quantityAfterChange: level.quantities[name], onHandAfterChange: level.quantities.on_hand };
    });
  }

  updateInventoryItem(shop: SimShop, inventoryItemId: string, patch: { unitCost?: string | null; tracked?: boolean }, switches: WebhookSwitches = {}): SimInventoryItem {
    const item = shop.store.itemsById.get(inventoryItemId);
    if (!item) throw new Error(`Unknown inventory item ${inventoryItemId}`);
    if (patch.unitCost !== undefined) item.unitCost = patch.unitCost;
    if (patch.tracked !== undefined) item.tracked = patch.tracked;
    item.updatedAt = this.iso();
    shop.store.productChanged();
    this.emit(shop, "inventory_items/update", payloads.inventoryItemPayload(item), switches);
    return item;
  }

  updateProduct(
    shop: SimShop,
    productId: string,
    patch: Partial<Pick<SimProduct, "title" | "status" | "tags" | "vendor" | "productType">> & { variantPrices?: Record<string, string> },
    switches: WebhookSwitches = {},
  ): SimProduct {
    const product = shop.store.productsById.get(productId);
    if (!product) throw new Error(`Unknown product ${productId}`);
    const { variantPrices, ...fields } = patch;
    Object.assign(product, fields);
    const at = this.iso();
    product.updatedAt = at;
    for (const [variantId, price] of Object.entries(variantPrices ?? {})) {
      const variant = shop.store.variantsById.get(variantId);
      if (variant && variant.productId === productId) {
        variant.price = price;
        variant.updatedAt = at;
      }
    }
    shop.store.productChanged();
    this.emit(shop, "products/update", payloads.productPayload(product, shop.store), switches);
    return product;
  }

  createProduct(
    shop: SimShop,
    input: { title: string; vendor?: string; productType?: string; variants: { title?: string; sku: string; price: string; unitCost?: string | null }[] },
    switches: WebhookSwitches = {},
  ): SimProduct {
    const store = shop.store;
    const at = this.iso();
    const product: SimProduct = {
      id: store.newId(),
      title: input.title,
      handle: input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
      vendor: input.vendor ?? store.data.shop.name,
      productType: input.productType ?? "",
      tags: [],
      status: "ACTIVE",
      createdAt: at,
      updatedAt: at,
      collectionIds: [],
    };
    store.data.products.push(product);
    store.productsById.set(product.id, product);
    const variants = input.variants.map((v, i): SimVariant => {
      const item: SimInventoryItem = { id: store.newId(), variantId: "", sku: v.sku, tracked: true, unitCost: v.unitCost ?? null, createdAt: at, updatedAt: at };
      const variant: SimVariant = {
        id: store.newId(),
        productId: product.id,
        title: v.title ?? (input.variants.length === 1 ? "Default Title" : v.sku),
        sku: v.sku,
        price: v.price,
        compareAtPrice: null,
        inventoryItemId: item.id,
        position: i + 1,
        createdAt: at,
        updatedAt: at,
      };
      item.variantId = variant.id;
      store.data.inventoryItems.push(item);
      store.itemsById.set(item.id, item);
      store.data.variants.push(variant);
      store.variantsById.set(variant.id, variant);
      return variant;
    });
    store.variantsByProduct.set(product.id, variants);
    store.productChanged();
    this.emit(shop, "products/create", payloads.productPayload(product, store), switches);
    return product;
  }

  deleteProduct(shop: SimShop, productId: string, switches: WebhookSwitches = {}): void {
    const removed = shop.store.deleteProduct(productId);
    if (!removed) throw new Error(`Unknown product ${productId}`);
    this.emit(shop, "products/delete", payloads.productDeletePayload(productId), switches);
    for (const variant of removed.variants) {
      this.emit(shop, "inventory_items/delete", payloads.inventoryItemDeletePayload(variant.inventoryItemId), switches);
    }
  }

  createLocation(shop: SimShop, input: { name: string; fulfillsOnlineOrders?: boolean }, switches: WebhookSwitches = {}): SimLocation {
    const at = this.iso();
    const location: SimLocation = { id: shop.store.newId(), name: input.name, isActive: true, fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true, createdAt: at, updatedAt: at };
    shop.store.addLocation(location);
    this.emit(shop, "locations/create", payloads.locationPayload(location), switches);
    return location;
  }

  updateLocation(shop: SimShop, locationId: string, patch: { name?: string; isActive?: boolean }, switches: WebhookSwitches = {}): SimLocation {
    const location = shop.store.locationsById.get(locationId);
    if (!location) throw new Error(`Unknown location ${locationId}`);
    Object.assign(location, patch, { updatedAt: this.iso() });
    shop.store.productChanged();
    this.emit(shop, "locations/update", payloads.locationPayload(location), switches);
    return location;
  }

  deleteLocation(shop: SimShop, locationId: string, switches: WebhookSwitches = {}): void {
    if (!shop.store.deleteLocation(locationId)) throw new Error(`Unknown location ${locationId}`);
    this.emit(shop, "locations/delete", payloads.locationDeletePayload(locationId), switches);
  }

  createCollection(shop: SimShop, input: { title: string; handle?: string; productIds?: string[] }, switches: WebhookSwitches = {}): SimCollection {
    const at = this.iso();
    const collection: SimCollection = {
      id: shop.store.newId(),
      title: input.title,
      handle: input.handle ?? input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
      updatedAt: at,
    };
    shop.store.addCollection(collection);
    for (const productId of input.productIds ?? []) this.product(shop, productId).collectionIds.push(collection.id);
    this.emit(shop, "collections/create", payloads.collectionPayload(collection), switches);
    return collection;
  }

  /** Renames a collection or changes its products; Shopify sends one collections/update either way. */
  updateCollection(shop: SimShop, collectionId: string, patch: CollectionPatch, switches: WebhookSwitches = {}): SimCollection {
    const collection = shop.store.collectionsById.get(collectionId);
    if (!collection) throw new Error(`Unknown collection ${collectionId}`);
    if (patch.title !== undefined) collection.title = patch.title;
    if (patch.handle !== undefined) collection.handle = patch.handle;
    for (const productId of patch.addProductIds ?? []) {
      const product = this.product(shop, productId);
      if (!product.collectionIds.includes(collectionId)) product.collectionIds.push(collectionId);
    }
    for (const productId of patch.removeProductIds ?? []) {
      const product = this.product(shop, productId);
      product.collectionIds = product.collectionIds.filter((id) => id !== collectionId);
    }
    collection.updatedAt = this.iso();
    shop.store.changed();
    this.emit(shop, "collections/update", payloads.collectionPayload(collection), switches);
    return collection;
  }

  deleteCollection(shop: SimShop, collectionId: string, switches: WebhookSwitches = {}): void {
    if (!shop.store.deleteCollection(collectionId)) throw new Error(`Unknown collection ${collectionId}`);
    this.emit(shop, "collections/delete", payloads.collectionDeletePayload(collectionId), switches);
  }

  createDiscount(shop: SimShop, input: NewDiscountInput, switches: WebhookSwitches = {}): SimDiscount {
    const at = this.iso();
    const code = input.method === "code" ? (input.code ?? input.title ?? "") : null;
    const discount: SimDiscount = {
      id: shop.store.newId(),
      method: input.method,
      type: input.type ?? "basic",
      title: input.title ?? code ?? "Discount",
      code,
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      value: input.value,
      items: input.items,
      createdAt: at,
      updatedAt: at,
    };
    shop.store.addDiscount(discount);
    this.emit(shop, "discounts/create", payloads.discountPayload(discount, this.now().getTime()), switches);
    return discount;
  }

  updateDiscount(shop: SimShop, discountId: string, patch: DiscountPatch, switches: WebhookSwitches = {}): SimDiscount {
    const discount = shop.store.discountsById.get(discountId);
    if (!discount) throw new Error(`Unknown discount ${discountId}`);
    for (const key of ["title", "startsAt", "endsAt", "value", "items"] as const) {
      if (patch[key] !== undefined) Object.assign(discount, { [key]: patch[key] });
    }
    discount.updatedAt = this.iso();
    shop.store.changed();
    this.emit(shop, "discounts/update", payloads.discountPayload(discount, this.now().getTime()), switches);
    return discount;
  }

  deleteDiscount(shop: SimShop, discountId: string, switches: WebhookSwitches = {}): void {
    const discount = shop.store.deleteDiscount(discountId);
    if (!discount) throw new Error(`Unknown discount ${discountId}`);
    this.emit(shop, "discounts/delete", payloads.discountDeletePayload(discount, this.iso()), switches);
  }

  private product(shop: SimShop, productId: string): SimProduct {
    const product = shop.store.productsById.get(productId);
    if (!product) throw new Error(`Unknown product ${productId}`);
    return product;
  }

  /** The merchant grants or revokes scopes: app/scopes_update with previous and current lists. */
  updateScopes(shop: SimShop, scopes: string[], switches: WebhookSwitches = {}) {
    const previous = shop.grantedScopes;
    shop.grantedScopes = [...scopes];
    return this.emit(shop, "app/scopes_update", payloads.scopesUpdatePayload(shop.store, previous, scopes, this.iso()), switches);
  }

  /** The merchant removes the app: tokens stop working and app/uninstalled is sent. */
  uninstall(shop: SimShop, switches: WebhookSwitches = {}): void {
    shop.installed = false;
    this.tokens.revokeShop(shop.domain);
    this.emit(shop, "app/uninstalled", payloads.appUninstalledPayload(shop.store), switches);
  }

  /** Sends one of the mandatory compliance webhooks. */
  compliance(shop: SimShop, topic: "customers/data_request" | "customers/redact" | "shop/redact", input: { customerId?: string; orderIds?: string[] } = {}, switches: WebhookSwitches = {}) {
    const customerId = input.customerId ?? "1";
    const orderIds = input.orderIds ?? [];
    const payload =
      topic === "customers/data_request"
        ? payloads.customersDataRequestPayload(shop.store, customerId, orderIds)
        : topic === "customers/redact"
          ? payloads.customersRedactPayload(shop.store, customerId, orderIds)
          : payloads.shopRedactPayload(shop.store);
    return this.emit(shop, topic, payload, switches);
  }
}
