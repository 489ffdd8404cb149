/** What a plan run reads, as plain rows: the live catalogue, locations, stock, daily demand, stockouts and open purchase orders. */
export interface PlanningVariant {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  vendor: string | null;
  productType: string | null;
  price: number;
  unitCost: number | null;
  /** Shop-local day the variant was created in Shopify. */
  createdOn: string | null;
}

export interface PlanningLocation {
  id: string;
  name: string;
  fulfillsOnlineOrders: boolean;
}

export interface PlanningLevel {
  variantId: string;
  locationId: string;
  available: number;
  onHand: number;
  incoming: number;
}

export interface DemandDay {
  variantId: string;
  locationId: string;
  date: string;
  units: number;
  discountedUnits: number;
  revenue: number;
}

export interface StockoutSpan {
  variantId: string;
  locationId: string;
  from: string;
  to: string | null;
}

export interface OpenOrderUnits {
  variantId: string;
  locationId: string;
  units: number;
  expectedDate: string | null;
  label: string;
}
