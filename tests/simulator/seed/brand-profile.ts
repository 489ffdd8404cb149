/**
 * Static knowledge about the synthetic brand: what it sells, who makes it, how
 * its customers shop through the week and the year. Pure data, no randomness.
 */

export type SeasonKind = "summer" | "winter" | "all-season";

export interface ProductTypeProfile {
  name: string;
  /** Material tags that make sense for this type. */
  materials: readonly string[];
  code: string; // SKU prefix
  nouns: readonly string[];
  sizes: readonly string[];
  colours: readonly string[];
  priceRange: readonly [number, number]; // whole dollars
  /** Amplitude of the yearly swing peaking mid-July (negative: peaks in winter). */
  summerAmplitude: number;
  season: SeasonKind;
  /** Probability that a sold line comes back as a return. */
  returnRate: number;
  /** Relative share of catalogue products. */
  catalogueWeight: number;
  /** Relative demand per product, before popularity. */
  demandWeight: number;
}

const APPAREL_SIZES = ["XS", "S", "M", "L", "XL", "XXL"] as const;
const BOTTOM_SIZES = ["28", "30", "32", "34", "36"] as const;

export const PRODUCT_TYPES: readonly ProductTypeProfile[] = [
  { name: "T-Shirts", materials: ["organic-cotton", "recycled", "hemp"], code: "TS", nouns: ["Tee", "Pocket Tee", "Crew Tee", "Henley", "Long Sleeve Tee", "Ringer Tee"], sizes: APPAREL_SIZES, colours: ["Black", "White", "Heather Grey", "Navy", "Sage", "Sand", "Rust"], priceRange: [28, 48], summerAmplitude: 0.15, season: "summer", returnRate: 0.025, catalogueWeight: 1.6, demandWeight: 1.5 },
  { name: "Sweatshirts", materials: ["organic-cotton", "recycled", "merino"], code: "SW", nouns: ["Crewneck", "Hoodie", "Quarter Zip", "Fleece Pullover"], sizes: APPAREL_SIZES, colours: ["Black", "Heather Grey", "Navy", "Forest", "Oatmeal", "Charcoal"], priceRange: [62, 98], summerAmplitude: -0.45, season: "winter", returnRate: 0.03, catalogueWeight: 1.2, demandWeight: 1.1 },
  { name: "Outerwear", materials: ["recycled", "waterproof", "merino"], code: "OW", nouns: ["Puffer Jacket", "Rain Shell", "Chore Coat", "Fleece Vest", "Parka", "Anorak"], sizes: APPAREL_SIZES, colours: ["Black", "Olive", "Navy", "Camel"], priceRange: [120, 260], summerAmplitude: -0.6, season: "winter", returnRate: 0.045, catalogueWeight: 0.8, demandWeight: 0.55 },
  { name: "Pants", materials: ["organic-cotton", "hemp", "linen-blend"], code: "PT", nouns: ["Chino", "Jogger", "Cargo Pant", "Denim", "Trouser"], sizes: BOTTOM_SIZES, colours: ["Khaki", "Black", "Olive", "Indigo", "Stone"], priceRange: [68, 128], summerAmplitude: -0.1, season: "all-season", returnRate: 0.05, catalogueWeight: 1.0, demandWeight: 0.9 },
  { name: "Shorts", materials: ["organic-cotton", "linen-blend", "recycled"], code: "SH", nouns: ["Short", "Trail Short", "Chino Short", "Sweat Short"], sizes: ["S", "M", "L", "XL"], colours: ["Khaki", "Navy", "Black", "Sage", "Coral"], priceRange: [38, 68], summerAmplitude: 0.55, season: "summer", returnRate: 0.035, catalogueWeight: 0.8, demandWeight: 0.9 },
  { name: "Swimwear", materials: ["recycled"], code: "SWM", nouns: ["Swim Trunk", "One-Piece", "Bikini Top", "Board Short"], sizes: ["XS", "S", "M", "L", "XL"], colours: ["Sunset", "Navy", "Palm Print", "Black", "Seafoam"], priceRange: [48, 98], summerAmplitude: 0.85, season: "summer", returnRate: 0.04, catalogueWeight: 0.6, demandWeight: 0.7 },
  { name: "Hats", materials: ["organic-cotton", "recycled", "merino"], code: "HT", nouns: ["Cap", "Beanie", "Bucket Hat", "Trucker Hat"], sizes: ["One Size"], colours: ["Black", "Navy", "Sand", "Forest", "Orange", "Cream"], priceRange: [26, 42], summerAmplitude: 0, season: "all-season", returnRate: 0.01, catalogueWeight: 0.8, demandWeight: 1.2 },
  { name: "Bags", materials: ["recycled", "waterproof", "hemp"], code: "BG", nouns: ["Tote", "Daypack", "Duffel", "Crossbody", "Dopp Kit"], sizes: ["One Size"], colours: ["Black", "Natural", "Olive", "Navy"], priceRange: [34, 148], summerAmplitude: 0.05, season: "all-season", returnRate: 0.015, catalogueWeight: 0.6, demandWeight: 0.8 },
];

export const PRODUCT_ADJECTIVES = [
  "Everyday", "Heavyweight", "Harbor", "Summit", "Coastal", "Field", "Weekend", "Heritage", "Canyon", "Drift",
  "Alpine", "Meadow", "Pier", "Trail", "Dune", "Ember", "Atlas", "Cove", "Ridge", "Tidal",
  "Juniper", "Cedar", "Marlow", "Sierra", "Boulder", "Fjord", "Mesa", "Orchard", "Haven", "Lark",
] as const;

/** Size popularity within a product, by size label (others default to 0.1). */
export const SIZE_POPULARITY: Readonly<Record<string, number>> = {
  XS: 0.05, S: 0.2, M: 0.3, L: 0.27, XL: 0.13, XXL: 0.05,
  "28": 0.08, "30": 0.24, "32": 0.32, "34": 0.24, "36": 0.12,
  "One Size": 1,
};

export interface VendorProfile {
  name: string;
  /** Days from purchase order to receipt at the warehouse. */
  leadTimeDays: readonly [number, number];
  /** Probability a purchase order arrives late. */
  lateProbability: number;
}

export const VENDORS: readonly VendorProfile[] = [
  { name: "Pacific Mills", leadTimeDays: [21, 35], lateProbability: 0.08 },
  { name: "Atlas Knitwear", leadTimeDays: [28, 45], lateProbability: 0.15 },
  { name: "Northbound Outfitters", leadTimeDays: [14, 24], lateProbability: 0.05 },
  { name: "Coastline Textiles", leadTimeDays: [30, 50], lateProbability: 0.2 },
  { name: "Meridian Goods", leadTimeDays: [18, 30], lateProbability: 0.1 },
];

export const BRAND_NAMES = [
  "Juniper & Vale", "Hollow Pine Supply", "Saltmarsh Co.", "Northwind Outfitters", "Tidewater Goods",
  "Canyon & Crest", "Lark Street Apparel", "Fernhill Supply",
] as const;

export const STORE_LOCATION_NAMES = ["Flagship Store", "Brooklyn Store", "Austin Store", "Venice Beach Store", "Denver Pop-up"] as const;

/** Weekday multipliers, Sunday first; online peaks at the weekend, the store on Saturday. */
export const ONLINE_WEEKDAY = [1.3, 0.95, 0.9, 0.9, 0.95, 1.0, 1.25] as const;
export const STORE_WEEKDAY = [1.35, 0.6, 0.65, 0.7, 0.85, 1.15, 1.9] as const;

/** Overall demand level per month (mid-month anchor), interpolated daily. */
export const MONTH_LEVEL = [0.8, 0.72, 0.85, 0.95, 0.95, 0.85, 0.75, 0.8, 0.92, 1.1, 1.5, 1.9] as const;
/** From Dec 23 the gifting rush is over. */
export const POST_GIFTING_LEVEL = 0.85;

export interface ChannelProfile {
  sourceName: string;
  channelName: string;
  weight: number;
}

/** Online sales split; with the store's ~15% this makes Online Store ~70% overall. */
export const ONLINE_CHANNELS: readonly ChannelProfile[] = [
  { sourceName: "web", channelName: "Online Store", weight: 0.82 },
  { sourceName: "instagram", channelName: "Instagram", weight: 0.08 },
  { sourceName: "facebook", channelName: "Facebook", weight: 0.04 },
  { sourceName: "tiktok", channelName: "TikTok Shop", weight: 0.06 },
];
export const STORE_CHANNEL: ChannelProfile = { sourceName: "pos", channelName: "Point of Sale", weight: 1 };

/** Share of demand that walks into stores (split among them) when the shop has any. */
export const STORE_DEMAND_SHARE = 0.15;

/** Hourly order weights (UTC hours treated as shop hours; the shop runs on UTC). */
export const ONLINE_HOURLY = [
  0.5, 0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.2,
  1.4, 1.3, 1.1, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.7, 1.3, 0.8,
] as const;
export const STORE_HOURLY = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.7, 1.0,
  1.3, 1.4, 1.3, 1.2, 1.2, 1.3, 1.2, 0.8, 0, 0, 0, 0,
] as const;

/** Lines per order: online baskets are a bit larger than walk-in ones. */
export const ONLINE_BASKET_WEIGHTS = [0.52, 0.26, 0.12, 0.06, 0.03, 0.01] as const;
export const STORE_BASKET_WEIGHTS = [0.6, 0.25, 0.1, 0.04, 0.01] as const;
/** Units per line: mostly one. */
export const LINE_QUANTITY_WEIGHTS = [0.86, 0.1, 0.03, 0.01] as const;
export const MEAN_LINE_QUANTITY = 0.86 + 0.2 + 0.09 + 0.04;

export const CANCEL_PROBABILITY = 0.01;
export const CANCEL_REASONS = ["CUSTOMER", "INVENTORY", "FRAUD", "DECLINED"] as const;
