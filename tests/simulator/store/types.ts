/**
 * The simulated shop's records, shaped like Shopify's Admin objects.
 * The brand generator fills a ShopData; the simulator server serves it.
 * Ids are numeric strings; the server turns them into GIDs
 * (gid://shopify/Product/123) at the GraphQL boundary.
 */

export type IsoDateTime = string; // e.g. "2025-03-01T14:22:05Z"

export interface SimLocation {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface SimProduct {
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Collection ids this product belongs to. */
  collectionIds: string[];
}

export interface SimCollection {
  id: string;
  title: string;
  handle: string;
  updatedAt: IsoDateTime;
}

/** What a discount takes off: a share of the price (Shopify's DiscountPercentage, 0..1) or a fixed amount. */
export type SimDiscountValue = { percentage: number } | { amount: string; appliesOnEachItem: boolean };

/** The items a discount applies to (customerGets.items): everything, products and variants, or collections. */
export type SimDiscountItems = { all: true } | { productIds: string[]; variantIds: string[] } | { collectionIds: string[] };

/**
 * A discount as the Admin API's DiscountNode holds it. `basic` is an amount-off discount
 * (DiscountAutomaticBasic / DiscountCodeBasic); `freeShipping` has no items or value.
 * Status is not stored: Shopify derives ACTIVE, SCHEDULED or EXPIRED from the dates.
 */
export interface SimDiscount {
  id: string;
  method: "automatic" | "code";
  type: "basic" | "freeShipping";
  title: string;
  /** The redeem code of a code discount (Shopify titles a code discount by its code unless renamed). */
  code: string | null;
  startsAt: IsoDateTime;
  endsAt: IsoDateTime | null;
  value: SimDiscountValue;
  items: SimDiscountItems;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface SimVariant {
  id: string;
  productId: string;
  title: string;
  sku: string;
  price: string; // decimal as string, as Shopify's Money scalars
  compareAtPrice: string | null;
  inventoryItemId: string;
  position: number;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface SimInventoryItem {
  id: string;
  variantId: string;
  sku: string;
  tracked: boolean;
  /** Unit cost in shop currency, decimal string; null when the merchant never set it. */
  unitCost: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/** Quantity names as the Admin API's InventoryLevel.quantities(names:) reports them. */
export type InventoryQuantityName =
  | "available"
  | "on_hand"
  | "committed"
  | "incoming"
  | "reserved"
  | "damaged"
  | "safety_stock"
  | "quality_control";

export interface SimInventoryLevel {
  id: string;
  inventoryItemId: string;
  locationId: string;
  quantities: Record<InventoryQuantityName, number>;
  updatedAt: IsoDateTime;
  /**
   * True for a level at a location where the item is not stocked: since 2026-10 Shopify lets
   * quantities be adjusted anywhere and keeps them on an inactive level, which queries list only
   * with `includeInactive: true`. Inactive levels live in ShopStore.inactiveLevels, not in the data.
   */
  inactive?: boolean;
}

export interface SimDiscountAllocation {
  amount: string; // decimal string, shop currency, for the whole line
}

export interface SimLineItem {
  id: string;
  variantId: string | null; // null when the variant was deleted since
  productId: string | null;
  sku: string;
  title: string;
  quantity: number;
  /** Quantity still on the order after edits/refund-removals (Shopify's currentQuantity). */
  currentQuantity: number;
  originalUnitPrice: string;
  discountAllocations: SimDiscountAllocation[];
}

export interface SimRefundLineItem {
  lineItemId: string;
  quantity: number;
  restockType: "NO_RESTOCK" | "CANCEL" | "RETURN" | "LEGACY_RESTOCK";
  subtotal: string;
}

export interface SimRefund {
  id: string;
  createdAt: IsoDateTime;
  refundLineItems: SimRefundLineItem[];
}

export interface SimOrder {
  id: string;
  name: string; // "#1001"
  createdAt: IsoDateTime;
  processedAt: IsoDateTime;
  updatedAt: IsoDateTime;
  cancelledAt: IsoDateTime | null;
  cancelReason: string | null;
  /** Sales channel, as Order.channelInformation / publication name, e.g. "Online Store", "Point of Sale", "Instagram". */
  sourceName: string;
  channelName: string;
  /** Location that fulfils (or, for POS, sold) the order. */
  locationId: string | null;
  currencyCode: string;
  test: boolean;
  lineItems: SimLineItem[];
  refunds: SimRefund[];
  /** Discount codes applied, e.g. ["BFCM25"]. */
  discountCodes: string[];
}

/** A promotion the generator ran in the past, kept for tests that check uplift is visible. */
export interface SimPastPromotion {
  code: string;
  startsAt: IsoDateTime;
  endsAt: IsoDateTime;
  discountPct: number; // 0..1
  productIds: string[];
}

/** A period where a variant had zero available stock at a location; sales are zero inside it. */
export interface SimStockoutTruth {
  variantId: string;
  locationId: string;
  from: IsoDateTime;
  to: IsoDateTime;
}

/** Stock situations set up on the last day (see seed/end-state.ts). */
export interface SimEndStateTruth {
  warehouseId: string;
  runningOut: string[];
  overstocked: string[];
}

/** A replenishment the generator simulated (opening stock and launch buys included); for tests only. */
export interface SimPurchaseOrderTruth {
  variantId: string;
  locationId: string;
  quantity: number;
  orderedAt: IsoDateTime;
  expectedAt: IsoDateTime;
  /** When it was received; null while still incoming at the end of history. */
  receivedAt: IsoDateTime | null;
}

export interface ShopData {
  shop: {
    domain: string; // "tempo-demo.myshopify.com"
    name: string;
    currencyCode: string;
    ianaTimezone: string;
    createdAt: IsoDateTime;
  };
  locations: SimLocation[];
  collections: SimCollection[];
  products: SimProduct[];
  /** Automatic and code discounts, past, running and scheduled. */
  discounts: SimDiscount[];
  variants: SimVariant[];
  inventoryItems: SimInventoryItem[];
  inventoryLevels: SimInventoryLevel[];
  orders: SimOrder[];
  /** Ground truth the generator knows and Shopify would not expose; for tests only. */
  truth: {
    promotions: SimPastPromotion[];
    stockouts: SimStockoutTruth[];
    /** Added by the brand generator: every purchase order it simulated. */
    purchaseOrders?: SimPurchaseOrderTruth[];
    /** Only with BrandGeneratorOptions.trueDemand: the uncensored weekly demand. */
    weeklyDemand?: SimWeeklyDemandTruth;
    /** Only with BrandGeneratorOptions.endState: variants left to run out, and overstocked, at the warehouse. */
    endState?: SimEndStateTruth;
  };
}

/**
 * What customers wanted, before stockouts capped it (promotions included): units per complete
 * Monday-to-Sunday week of the history, per variant and location that carries it.
 */
export interface SimWeeklyDemandTruth {
  /** Monday of each complete week inside the history, "YYYY-MM-DD". */
  weekStarts: string[];
  cells: { variantId: string; locationId: string; units: number[] }[];
}

export interface BrandGeneratorOptions {
  seed: number;
  /** Number of variants; default about 300. */
  variants?: number;
  /** Approximate target number of order lines over the whole history; default derived from variants. */
  orderLines?: number;
  /** Days of history ending at `endDate`; default 730. */
  historyDays?: number;
  /** Last day of history (UTC, exclusive end); default "2026-11-01". Deterministic, never "now". */
  endDate?: string;
  shopDomain?: string;
  locations?: number; // default 2
  /**
   * Also record the uncensored demand (truth.weeklyDemand). Off by default: it draws the demand
   * lost to stockouts from a separate random stream, so the shop itself is identical either way.
   */
  trueDemand?: boolean;
  /**
   * Leave some busy warehouse variants about to run out and others overstocked on the last day,
   * named in truth.endState (for planning tests and the demo). Off by default.
   */
  endState?: boolean;
}
