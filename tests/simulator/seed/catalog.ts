/**
 * The brand's catalogue: products, variants, inventory items and collections,
 * plus the numeric model (popularity, lifecycle, price) the simulation runs on.
 */
import type { SimCollection, SimInventoryItem, SimProduct, SimVariant } from "../store/types";
import {
  PRODUCT_ADJECTIVES,
  PRODUCT_TYPES,
  SIZE_POPULARITY,
  VENDORS,
  type ProductTypeProfile,
} from "./brand-profile";
import { isoAt, SECONDS_PER_DAY } from "./calendar";
import { ID_BASES, IdSequence } from "./ids";
import type { Rng } from "./random";

export interface HistoryWindow {
  startMs: number;
  /** Number of simulated days; day `days` is endDate (exclusive). */
  days: number;
  shopCreatedDay: number; // negative: before the history starts
}

/** A day index far beyond any history, meaning "never". */
export const NEVER = 1 << 30;

export interface CatalogModel {
  variantType: Uint8Array;
  variantProduct: Int32Array;
  /** Relative demand weight (Pareto over products, size/colour mix inside). */
  variantWeight: Float64Array;
  variantPriceCents: Int32Array;
  productLaunchDay: Int32Array;
  productArchiveDay: Int32Array;
  /** Launch hype amplitude: extra demand right after launch, decaying over weeks. */
  productHype: Float32Array;
  productVendor: Uint8Array;
  productType: Uint8Array;
  /** Products ranked by popularity, most popular first. */
  productsByPopularity: Int32Array;
}

export interface Catalog {
  products: SimProduct[];
  variants: SimVariant[];
  inventoryItems: SimInventoryItem[];
  collections: SimCollection[];
  model: CatalogModel;
}

interface ProductDraft {
  typeIndex: number;
  title: string;
  sizes: string[];
  colours: string[];
  priceDollars: number;
  compareAtDollars: number | null;
  popularity: number;
  vendorIndex: number;
  launchDay: number;
  launchSecond: number;
  archiveDay: number;
  hype: number;
  material: string;
}

function pickVariantAxes(rng: Rng, type: ProductTypeProfile): { sizes: string[]; colours: string[] } {
  const colourCount = type.sizes.length === 1 ? rng.int(1, 4) : rng.int(1, 3);
  const colourStart = rng.int(0, type.colours.length - 1);
  const colours: string[] = [];
  for (let index = 0; index < colourCount; index++) {
    colours.push(type.colours[(colourStart + index) % type.colours.length] ?? "Black");
  }
  if (type.sizes.length === 1) return { sizes: [...type.sizes], colours };
  // Most products carry a contiguous run of sizes; cap at 8 variants like a small DTC brand.
  const maxSizes = Math.max(1, Math.floor(8 / colours.length));
  const sizeCount = Math.min(type.sizes.length, maxSizes, rng.int(3, type.sizes.length));
  const sizeStart = rng.int(0, type.sizes.length - sizeCount);
  return { sizes: type.sizes.slice(sizeStart, sizeStart + sizeCount), colours };
}

function lifecycleFor(rng: Rng, window: HistoryWindow): { launchDay: number; archiveDay: number; hype: number } {
  const roll = rng.next();
  const lastDay = window.days;
  if (roll < 0.07) return { launchDay: rng.int(lastDay - 100, lastDay - 7), archiveDay: NEVER, hype: rng.uniform(1.5, 4) };
  if (roll < 0.25) return { launchDay: rng.int(30, lastDay - 100), archiveDay: NEVER, hype: rng.uniform(1.5, 4) };
  const launchDay = -rng.int(30, Math.max(31, -window.shopCreatedDay));
  const archiveDay = roll > 0.91 ? rng.int(150, lastDay - 20) : NEVER;
  return { launchDay, archiveDay, hype: 0 };
}

function uniqueTitle(rng: Rng, type: ProductTypeProfile, used: Set<string>): string {
  for (let attempt = 0; attempt < 6; attempt++) {
    const title = `${rng.pick(PRODUCT_ADJECTIVES)} ${rng.pick(type.nouns)}`;
    if (!used.has(title)) return title;
  }
  const base = `${rng.pick(PRODUCT_ADJECTIVES)} ${rng.pick(type.nouns)}`;
  let edition = 2;
  while (used.has(`${base} No. ${edition}`)) edition++;
  return `${base} No. ${edition}`;
}

function draftProducts(rng: Rng, variantTarget: number, window: HistoryWindow): ProductDraft[] {
  const drafts: ProductDraft[] = [];
  const usedTitles = new Set<string>();
  const typeWeights = PRODUCT_TYPES.map((type) => type.catalogueWeight);
  let variantCount = 0;
  while (variantCount < variantTarget) {
    const typeIndex = rng.weightedIndex(typeWeights);
    const type = PRODUCT_TYPES[typeIndex] as ProductTypeProfile;
    const axes = pickVariantAxes(rng, type);
    // Trim the last product so the catalogue has exactly the requested variant count.
    const remaining = variantTarget - variantCount;
    while (axes.sizes.length * axes.colours.length > remaining) {
      if (axes.colours.length > 1) axes.colours.pop();
      else axes.sizes.pop();
    }
    const title = uniqueTitle(rng, type, usedTitles);
    usedTitles.add(title);
    const [minPrice, maxPrice] = type.priceRange;
    const priceDollars = Math.round(rng.uniform(minPrice, maxPrice) / 2) * 2;
    const lifecycle = lifecycleFor(rng, window);
    const cheapness = Math.pow(60 / priceDollars, 0.4);
    drafts.push({
      typeIndex,
      title,
      sizes: axes.sizes,
      colours: axes.colours,
      priceDollars,
      compareAtDollars: rng.chance(0.08) ? Math.round(priceDollars * 1.3) : null,
      popularity: Math.min(rng.pareto(1.05), 150) * type.demandWeight * cheapness,
      vendorIndex: rng.int(0, VENDORS.length - 1),
      launchDay: lifecycle.launchDay,
      launchSecond: rng.int(8 * 3600, 18 * 3600),
      archiveDay: lifecycle.archiveDay,
      hype: lifecycle.hype,
      material: rng.pick(type.materials),
    });
    variantCount += axes.sizes.length * axes.colours.length;
  }
  // One upcoming product sits in DRAFT: created recently, not yet selling.
  if (variantTarget >= 100) {
    const upcoming = drafts[drafts.length - 1] as ProductDraft;
    upcoming.launchDay = NEVER;
    upcoming.archiveDay = NEVER;
  }
  return drafts;
}

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function money(dollars: number): string {
  return dollars.toFixed(2);
}

const COLLECTION_TITLES = ["Tops", "Bottoms", "Outerwear", "Swim", "Accessories", "Best Sellers", "New Arrivals", "Summer Shop", "Sale", "Gift Guide"] as const;
type CollectionTitle = (typeof COLLECTION_TITLES)[number];

const TYPE_COLLECTION: Readonly<Record<string, CollectionTitle>> = {
  "T-Shirts": "Tops", Sweatshirts: "Tops", Outerwear: "Outerwear", Pants: "Bottoms", Shorts: "Bottoms",
  Swimwear: "Swim", Hats: "Accessories", Bags: "Accessories",
};

export function buildCatalog(rng: Rng, variantTarget: number, window: HistoryWindow): Catalog {
  const drafts = draftProducts(rng, variantTarget, window);
  const lastDay = window.days;
  const createdDayOf = (draft: ProductDraft): number => (draft.launchDay === NEVER ? lastDay - 1 - (drafts.length % 9) : draft.launchDay);
  // Ids grow with creation time, as in Shopify.
  drafts.sort((a, b) => createdDayOf(a) - createdDayOf(b) || a.launchSecond - b.launchSecond);

  const popularityOrder = drafts.map((_, index) => index).sort((a, b) => (drafts[b]?.popularity ?? 0) - (drafts[a]?.popularity ?? 0));
  const bestSellerCount = Math.max(1, Math.round(drafts.length * 0.1));
  const bestSellers = new Set(popularityOrder.slice(0, bestSellerCount));

  const collectionIds = new IdSequence(ID_BASES.collection);
  const collections: SimCollection[] = COLLECTION_TITLES.map((title) => ({
    id: collectionIds.next(),
    title,
    handle: slugify(title),
    updatedAt: isoAt(window.startMs, lastDay - 1 - rng.int(0, 20), rng.int(0, SECONDS_PER_DAY - 1)),
  }));
  const collectionIdOf = (title: CollectionTitle): string => collections[COLLECTION_TITLES.indexOf(title)]?.id ?? "";

  const productIds = new IdSequence(ID_BASES.product);
  const variantIds = new IdSequence(ID_BASES.variant);
  const itemIds = new IdSequence(ID_BASES.inventoryItem);
  const products: SimProduct[] = [];
  const variants: SimVariant[] = [];
  const inventoryItems: SimInventoryItem[] = [];
  const usedHandles = new Set<string>();

  const totalVariants = drafts.reduce((sum, draft) => sum + draft.sizes.length * draft.colours.length, 0);
  const model: CatalogModel = {
    variantType: new Uint8Array(totalVariants),
    variantProduct: new Int32Array(totalVariants),
    variantWeight: new Float64Array(totalVariants),
    variantPriceCents: new Int32Array(totalVariants),
    productLaunchDay: new Int32Array(drafts.length),
    productArchiveDay: new Int32Array(drafts.length),
    productHype: new Float32Array(drafts.length),
    productVendor: new Uint8Array(drafts.length),
    productType: new Uint8Array(drafts.length),
    productsByPopularity: Int32Array.from(popularityOrder),
  };

  drafts.forEach((draft, productIndex) => {
    const type = PRODUCT_TYPES[draft.typeIndex] as ProductTypeProfile;
    const createdDay = createdDayOf(draft);
    const createdAt = isoAt(window.startMs, createdDay, draft.launchSecond);
    const updatedDay = Math.min(lastDay - 1, Math.max(createdDay, draft.archiveDay === NEVER ? createdDay + rng.int(0, 400) : draft.archiveDay));
    const updatedAt = updatedDay === createdDay ? createdAt : isoAt(window.startMs, updatedDay, rng.int(0, SECONDS_PER_DAY - 1));
    let handle = slugify(draft.title);
    if (usedHandles.has(handle)) handle = `${handle}-${productIndex}`;
    usedHandles.add(handle);

    const status: SimProduct["status"] = draft.launchDay === NEVER ? "DRAFT" : draft.archiveDay < lastDay ? "ARCHIVED" : "ACTIVE";
    const isNew = draft.launchDay !== NEVER && draft.launchDay >= lastDay - 100;
    const isBestSeller = bestSellers.has(productIndex);
    const tags = [slugify(type.name), type.season, draft.material, isNew ? "new" : "core"];
    if (isBestSeller) tags.push("bestseller");
    if (draft.compareAtDollars !== null) tags.push("sale");
    const productCollections: CollectionTitle[] = [TYPE_COLLECTION[type.name] ?? "Accessories"];
    if (isBestSeller && status === "ACTIVE") productCollections.push("Best Sellers");
    if (isNew) productCollections.push("New Arrivals");
    if (type.season === "summer") productCollections.push("Summer Shop");
    if (draft.compareAtDollars !== null) productCollections.push("Sale");
    if (draft.priceDollars <= 60 && draft.typeIndex >= 6) productCollections.push("Gift Guide");

    const product: SimProduct = {
      id: productIds.next(),
      title: draft.title,
      handle,
      vendor: VENDORS[draft.vendorIndex]?.name ?? "",
      productType: type.name,
      tags,
      status,
      createdAt,
      updatedAt,
      collectionIds: productCollections.map(collectionIdOf),
    };
    products.push(product);
    model.productLaunchDay[productIndex] = draft.launchDay;
    model.productArchiveDay[productIndex] = draft.archiveDay;
    model.productHype[productIndex] = draft.hype;
    model.productVendor[productIndex] = draft.vendorIndex;
    model.productType[productIndex] = draft.typeIndex;

    const mixWeights: number[] = [];
    draft.colours.forEach((_, colourIndex) => {
      for (const size of draft.sizes) mixWeights.push((SIZE_POPULARITY[size] ?? 0.1) / (1 + 0.7 * colourIndex));
    });
    const mixTotal = mixWeights.reduce((sum, weight) => sum + weight, 0);

    let position = 0;
    draft.colours.forEach((colour) => {
      for (const size of draft.sizes) {
        const variantIndex = variants.length;
        const singleVariant = draft.sizes.length * draft.colours.length === 1;
        const title = singleVariant ? "Default Title" : draft.sizes.length === 1 ? colour : `${size} / ${colour}`;
        const sizeCode = size === "One Size" ? "OS" : size;
        const sku = `${type.code}-${String(productIndex + 1).padStart(4, "0")}-${slugify(colour).slice(0, 3).toUpperCase()}-${sizeCode}`;
        // Big sizes sometimes cost a little more.
        const priceDollars = size === "XXL" && rng.chance(0.5) ? draft.priceDollars + 4 : draft.priceDollars;
        const itemId = itemIds.next();
        const variant: SimVariant = {
          id: variantIds.next(),
          productId: product.id,
          title,
          sku,
          price: money(priceDollars),
          compareAtPrice: draft.compareAtDollars === null ? null : money(draft.compareAtDollars),
          inventoryItemId: itemId,
          position: position + 1,
          createdAt,
          updatedAt,
        };
        variants.push(variant);
        inventoryItems.push({
          id: itemId,
          variantId: variant.id,
          sku,
          tracked: true,
          unitCost: rng.chance(0.07) ? null : money(Math.round(priceDollars * rng.uniform(0.24, 0.42) * 100) / 100),
          createdAt,
          updatedAt,
        });
        model.variantType[variantIndex] = draft.typeIndex;
        model.variantProduct[variantIndex] = productIndex;
        model.variantWeight[variantIndex] = (draft.popularity * (mixWeights[position] ?? 0)) / mixTotal;
        model.variantPriceCents[variantIndex] = Math.round(priceDollars * 100);
        position++;
      }
    });
  });

  return { products, variants, inventoryItems, collections, model };
}
