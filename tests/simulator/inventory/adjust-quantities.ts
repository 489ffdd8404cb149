import { GraphQLError } from "graphql";
import { parseGid } from "../graphql/ids";
import type { ShopStore } from "../store/shop-store";
import type { InventoryQuantityName } from "../store/types";

/**
 * inventoryAdjustQuantities' rules in Admin API 2026-10, as its schema and Shopify's docs state them:
 * which quantity names and reasons it takes, what a reference or ledger document must look like,
 * `changeFromQuantity` on every change (null skips the compare-and-swap), and the userError codes.
 * Since 2026-10 an item may be adjusted at a location where it is not stocked (the change lands on
 * an inactive level), so ITEM_NOT_STOCKED_AT_LOCATION is gone from the enum and never answered.
 */

/** The names the mutation adjusts (on_hand follows every one of them). */
export const ADJUSTABLE_QUANTITY_NAMES: readonly InventoryQuantityName[] = ["available", "damaged", "quality_control", "reserved", "safety_stock"];

export const ADJUSTMENT_REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);

const QUANTITY_LIMIT = 2_000_000_000;

export interface InventoryChangeInput {
  inventoryItemId: string;
  locationId: string;
  delta: number;
  /** Absent is an error; null skips the check. */
  changeFromQuantity?: number | null;
  ledgerDocumentUri?: string | null;
}

export interface InventoryAdjustQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  changes: InventoryChangeInput[];
}

export type InventoryAdjustQuantitiesErrorCode =
  | "CHANGE_FROM_QUANTITY_STALE"
  | "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"
  | "IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED"
  | "INTERNAL_LEDGER_DOCUMENT"
  | "INVALID_AVAILABLE_DOCUMENT"
  | "INVALID_INVENTORY_ITEM"
  | "INVALID_LEDGER_DOCUMENT"
  | "INVALID_LOCATION"
  | "INVALID_QUANTITY_DOCUMENT"
  | "INVALID_QUANTITY_NAME"
  | "INVALID_QUANTITY_TOO_HIGH"
  | "INVALID_QUANTITY_TOO_LOW"
  | "INVALID_REASON"
  | "INVALID_REFERENCE_DOCUMENT"
  | "MAX_ONE_LEDGER_DOCUMENT";

export interface InventoryAdjustQuantitiesUserError {
  code: InventoryAdjustQuantitiesErrorCode;
  field: string[];
  message: string;
}

/** The messages are the enum's own descriptions. */
const MESSAGES: Record<InventoryAdjustQuantitiesErrorCode, string> = {
  CHANGE_FROM_QUANTITY_STALE: "The changeFromQuantity argument no longer matches the persisted quantity.",
  IDEMPOTENCY_KEY_PARAMETER_MISMATCH: "The same idempotency key cannot be used with different operation parameters.",
  IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED: "A previous request with this idempotency key failed. Retry with a new idempotency key.",
  INTERNAL_LEDGER_DOCUMENT: "Internal (gid://shopify/) ledger documents are not allowed to be adjusted via API.",
  INVALID_AVAILABLE_DOCUMENT: "A ledger document URI is not allowed when adjusting available.",
  INVALID_INVENTORY_ITEM: "The specified inventory item could not be found.",
  INVALID_LEDGER_DOCUMENT: "The specified ledger document is invalid.",
  INVALID_LOCATION: "The specified location could not be found.",
  INVALID_QUANTITY_DOCUMENT: "A ledger document URI is required except when adjusting available.",
  INVALID_QUANTITY_NAME: "The specified quantity name is invalid.",
  INVALID_QUANTITY_TOO_HIGH: "The quantity can't be higher than 2,000,000,000.",
  INVALID_QUANTITY_TOO_LOW: "The quantity can't be lower than -2,000,000,000.",
  INVALID_REASON: "The specified reason is invalid.",
  INVALID_REFERENCE_DOCUMENT: "The specified reference document is invalid.",
  MAX_ONE_LEDGER_DOCUMENT: "All changes must have the same ledger document URI or, in the case of adjusting available, no ledger document URI.",
};

export function adjustmentUserError(code: InventoryAdjustQuantitiesErrorCode, field: string[]): InventoryAdjustQuantitiesUserError {
  return { code, field, message: MESSAGES[code] };
}

/** "Valid URI with scheme and content. For GID format, all components (app, entity, id) must be present." */
function isDocumentUri(uri: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri)) return false;
  return !uri.toLowerCase().startsWith("gid:") || /^gid:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+$/i.test(uri);
}

/**
 * Shopify refuses the whole request, before any change, when a change leaves out changeFromQuantity
 * (seen live: INVALID_FIELD_ARGUMENTS with this wording).
 */
export function missingChangeFromQuantity(input: InventoryAdjustQuantitiesInput): GraphQLError | null {
  if (input.changes.every((change) => "changeFromQuantity" in change)) return null;
  return new GraphQLError("InventoryChangeInput must include the following argument: changeFromQuantity.", {
    extensions: { code: "INVALID_FIELD_ARGUMENTS" },
  });
}

function numericIdOf(gid: string, type: string): string | null {
  const parsed = parseGid(gid);
  return parsed?.type === type && /^\d+$/.test(parsed.id) ? parsed.id : null;
}

export interface CheckedChange {
  inventoryItemId: string;
  locationId: string;
  delta: number;
  ledgerDocumentUri: string | null;
}

/**
 * Every userError the input earns against the shop's current stock, in input order; none means
 * all changes may be applied (the mutation applies all or nothing). Changes to one item at one
 * location add up, so bounds are checked on the running quantity.
 */
export function checkAdjustment(store: ShopStore, input: InventoryAdjustQuantitiesInput): { errors: InventoryAdjustQuantitiesUserError[]; changes: CheckedChange[] } {
  const errors: InventoryAdjustQuantitiesUserError[] = [];
  const name = input.name as InventoryQuantityName;
  const validName = ADJUSTABLE_QUANTITY_NAMES.includes(name);
  if (!validName) errors.push(adjustmentUserError("INVALID_QUANTITY_NAME", ["input", "name"]));
  if (!ADJUSTMENT_REASONS.has(input.reason)) errors.push(adjustmentUserError("INVALID_REASON", ["input", "reason"]));
  if (input.referenceDocumentUri != null && !isDocumentUri(input.referenceDocumentUri)) {
    errors.push(adjustmentUserError("INVALID_REFERENCE_DOCUMENT", ["input", "referenceDocumentUri"]));
  }
  const ledgers = new Set(input.changes.map((c) => c.ledgerDocumentUri ?? null));
  if (ledgers.size > 1) errors.push(adjustmentUserError("MAX_ONE_LEDGER_DOCUMENT", ["input", "changes"]));

  const running = new Map<string, number>();
  const changes: CheckedChange[] = [];
  input.changes.forEach((change, index) => {
    const at = (field: string) => ["input", "changes", String(index), field];
    const itemId = numericIdOf(change.inventoryItemId, "InventoryItem");
    const locationId = numericIdOf(change.locationId, "Location");
    const item = itemId ? store.itemsById.get(itemId) : undefined;
    const location = locationId ? store.locationsById.get(locationId) : undefined;
    if (!item) errors.push(adjustmentUserError("INVALID_INVENTORY_ITEM", at("inventoryItemId")));
    if (!location) errors.push(adjustmentUserError("INVALID_LOCATION", at("locationId")));
    const ledger = change.ledgerDocumentUri ?? null;
    if (name === "available" && ledger !== null) errors.push(adjustmentUserError("INVALID_AVAILABLE_DOCUMENT", at("ledgerDocumentUri")));
    if (validName && name !== "available") {
      if (ledger === null) errors.push(adjustmentUserError("INVALID_QUANTITY_DOCUMENT", at("ledgerDocumentUri")));
      else if (ledger.toLowerCase().startsWith("gid://shopify/")) errors.push(adjustmentUserError("INTERNAL_LEDGER_DOCUMENT", at("ledgerDocumentUri")));
      else if (!isDocumentUri(ledger)) errors.push(adjustmentUserError("INVALID_LEDGER_DOCUMENT", at("ledgerDocumentUri")));
    }
    if (!item || !location || !validName) return;
    const key = `${item.id}@${location.id}`;
    const level = store.activeLevel(item.id, location.id) ?? store.inactiveLevels.get(key);
    const current = running.get(key) ?? level?.quantities[name] ?? 0;
    if (change.changeFromQuantity != null && change.changeFromQuantity !== current) {
      errors.push(adjustmentUserError("CHANGE_FROM_QUANTITY_STALE", at("changeFromQuantity")));
    }
    const after = current + change.delta;
    if (after > QUANTITY_LIMIT) errors.push(adjustmentUserError("INVALID_QUANTITY_TOO_HIGH", at("delta")));
    if (after < -QUANTITY_LIMIT) errors.push(adjustmentUserError("INVALID_QUANTITY_TOO_LOW", at("delta")));
    running.set(key, after);
    changes.push({ inventoryItemId: item.id, locationId: location.id, delta: change.delta, ledgerDocumentUri: ledger });
  });
  return { errors, changes };
}

export interface InventoryChangeRecord {
  inventoryItemId: string;
  locationId: string;
  name: InventoryQuantityName;
  delta: number;
  quantityAfterChange: number;
  ledgerDocumentUri: string | null;
}

/** What the mutation returns (and a replay of its idempotency key returns again). */
export interface InventoryAdjustmentGroupRecord {
  id: string;
  createdAt: string;
  reason: string;
  referenceDocumentUri: string | null;
  changes: InventoryChangeRecord[];
}
