import { graphqlErrorsOf, type AdminGraphqlClient, type ShopifyGraphqlError } from "./admin-client.server";

/**
 * Receiving a purchase order into Shopify's stock: the units become `available` at the order's
 * location through inventoryAdjustQuantities (Admin API 2026-10), so Shopify's inventory_levels/update
 * webhook brings the new level back through the sync. Nothing else in Tempo writes inventory.
 */

/** The scope inventoryAdjustQuantities needs. */
export const RECEIVING_SCOPE = "write_inventory";

export interface StockReceipt {
  /** Shopify's numeric InventoryItem id. */
  inventoryItemId: string;
  /** Shopify's numeric Location id: where the units arrived. */
  locationId: string;
  /** Units received: a whole number above zero. */
  units: number;
}

export interface ReceivedStock {
  lines: StockReceipt[];
  /** Why the stock changed, shown in Shopify's inventory history (see purchaseOrderDocumentUri). */
  referenceDocumentUri: string;
  /**
   * One per receiving event: a retry with the same key and lines is applied once by Shopify. After
   * Shopify refused a receipt (StockReceiptError from its userErrors) the key is spent; send the
   * corrected receipt with a new one.
   */
  idempotencyKey: string;
}

/** The shop has not granted a scope this needs: the merchant must reconnect Tempo. Nothing changed. */
export class MissingScopeError extends Error {
  constructor(readonly scope: string) {
    super(`Shopify refused the request: Tempo does not have the ${scope} access scope. Reconnect Tempo to let it update stock.`);
    this.name = "MissingScopeError";
  }
}

export interface ReceiptProblem {
  /** 1-based receipt lines the problem belongs to; empty when it concerns the whole receipt. */
  lines: number[];
  /** Shopify's userError code, or Tempo's own check: INVALID_INPUT, UNKNOWN_LOCATION, UNKNOWN_INVENTORY_ITEM, NOT_STOCKED_AT_LOCATION. */
  code: string;
  message: string;
}

/** The receipt was not applied; `problems` says why, line by line. `retryable` when Shopify asked to try again. */
export class StockReceiptError extends Error {
  constructor(
    message: string,
    readonly problems: ReceiptProblem[],
    readonly retryable = false,
  ) {
    super(message);
    this.name = "StockReceiptError";
  }
}

/** Whether a shop's recorded grant (Shop.accessScopes, comma-separated) lets Tempo receive stock. */
export function grantAllowsReceiving(accessScopes: string | null | undefined): boolean {
  return (accessScopes ?? "").split(",").map((s) => s.trim()).includes(RECEIVING_SCOPE);
}

/** Tempo's reference document for a purchase order, in the GID form Shopify prefers. */
export function purchaseOrderDocumentUri(purchaseOrderId: string | number | bigint): string {
  return `gid://tempo-sop/PurchaseOrder/${String(purchaseOrderId)}`;
}

export const RECEIPT_DESTINATIONS_QUERY = `#graphql
query ReceiptDestinations($locationId: ID!, $inventoryItemIds: [ID!]!) {
  location(id: $locationId) {
    id
    name
  }
  nodes(ids: $inventoryItemIds) {
    ... on InventoryItem {
      id
      sku
      inventoryLevel(locationId: $locationId) {
        id
        isActive
      }
    }
  }
}`;

export const RECEIVE_STOCK_MUTATION = `#graphql
mutation ReceiveStock($input: InventoryAdjustQuantitiesInput!, $idempotencyKey: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup {
      id
    }
    userErrors {
      field
      message
      code
    }
  }
}`;

interface DestinationsData {
  location: { id: string; name: string } | null;
  nodes: ({ id: string; sku: string | null; inventoryLevel: { id: string; isActive: boolean } | null } | null)[];
}

interface ReceiveStockData {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: { id: string } | null;
    userErrors: { field: string[] | null; message: string; code: string | null }[];
  } | null;
}

/** One change per item and location: receipt lines for the same pair add up. */
interface MergedChange {
  inventoryItemId: string;
  locationId: string;
  units: number;
  lines: number[];
}

const NUMERIC_ID = /^[1-9]\d*$/;
/** nodes() takes at most 250 ids; Shopify documents no larger batch for the mutation either. */
const MAX_LINES = 250;
const MAX_UNITS = 2_000_000_000;
const RETRYABLE_CODES = new Set(["IDEMPOTENCY_CONCURRENT_REQUEST", "SERVICE_UNAVAILABLE", "ADJUST_QUANTITIES_FAILED"]);

const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
const numericIdOf = (globalId: string) => globalId.slice(globalId.lastIndexOf("/") + 1);

function describe(problems: ReceiptProblem[]): string {
  return problems.map((p) => (p.lines.length ? `line ${p.lines.join(", ")}: ${p.message}` : p.message)).join("; ");
}

/** "Valid URI with scheme and content"; a GID needs app, type and id. */
function isDocumentUri(uri: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri)) return false;
  return !uri.toLowerCase().startsWith("gid:") || /^gid:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+$/i.test(uri);
}

/** Everything Shopify would refuse about the input itself, found before anything is sent. */
function checkReceipt(receipt: ReceivedStock): MergedChange[] {
  const problems: ReceiptProblem[] = [];
  const whole = (message: string) => problems.push({ lines: [], code: "INVALID_INPUT", message });
  if (receipt.lines.length === 0) whole("a receipt needs at least one line");
  if (receipt.lines.length > MAX_LINES) whole(`a receipt has at most ${MAX_LINES} lines (this one has ${receipt.lines.length}); split it`);
  if (receipt.idempotencyKey.trim() === "") whole("the idempotency key is empty");
  if (!isDocumentUri(receipt.referenceDocumentUri)) whole(`referenceDocumentUri "${receipt.referenceDocumentUri}" is not a URI Shopify accepts (e.g. gid://tempo-sop/PurchaseOrder/12)`);

  const merged = new Map<string, MergedChange>();
  receipt.lines.forEach((line, index) => {
    const bad = (message: string) => problems.push({ lines: [index + 1], code: "INVALID_INPUT", message });
    if (!NUMERIC_ID.test(line.inventoryItemId)) bad(`inventoryItemId "${line.inventoryItemId}" is not a numeric Shopify id`);
    if (!NUMERIC_ID.test(line.locationId)) bad(`locationId "${line.locationId}" is not a numeric Shopify id`);
    if (!Number.isSafeInteger(line.units) || line.units <= 0) bad(`units must be a whole number above zero (got ${line.units})`);
    const key = `${line.inventoryItemId}@${line.locationId}`;
    const existing = merged.get(key);
    if (existing) {
      existing.units += line.units;
      existing.lines.push(index + 1);
    } else {
      merged.set(key, { inventoryItemId: line.inventoryItemId, locationId: line.locationId, units: line.units, lines: [index + 1] });
    }
  });
  for (const change of merged.values()) {
    if (change.units > MAX_UNITS) problems.push({ lines: change.lines, code: "INVALID_INPUT", message: `more than ${MAX_UNITS} units of one item at one location` });
  }
  if (problems.length > 0) throw new StockReceiptError(`The receipt cannot be sent to Shopify: ${describe(problems)}`, problems);
  return [...merged.values()];
}

/** The scope an ACCESS_DENIED error names, e.g. "Required access: `write_inventory` access scope." */
function deniedScope(errors: ShopifyGraphqlError[]): string | null {
  const denied = errors.find((e) => e.extensions?.code === "ACCESS_DENIED");
  if (!denied) return null;
  return /`(\w+)`/.exec(denied.extensions?.requiredAccess ?? denied.message)?.[1] ?? RECEIVING_SCOPE;
}

async function call<T>(client: AdminGraphqlClient, query: string, variables: Record<string, unknown>): Promise<T> {
  try {
    return await client<T>(query, variables);
  } catch (error) {
    const scope = deniedScope(graphqlErrorsOf(error));
    throw scope ? new MissingScopeError(scope) : error;
  }
}

/**
 * Since 2026-10 Shopify adjusts an item even where it is not stocked, onto an inactive level that
 * Tempo's sync (like Shopify's own lists) does not read: the units would vanish from the plan. So
 * each line is checked first: the location and item exist, and the item is stocked there.
 */
async function checkDestinations(client: AdminGraphqlClient, changes: MergedChange[]): Promise<void> {
  const problems: ReceiptProblem[] = [];
  const byLocation = new Map<string, MergedChange[]>();
  for (const change of changes) byLocation.set(change.locationId, [...(byLocation.get(change.locationId) ?? []), change]);
  for (const [locationId, atLocation] of byLocation) {
    const data = await call<DestinationsData>(client, RECEIPT_DESTINATIONS_QUERY, {
      locationId: gid("Location", locationId),
      inventoryItemIds: atLocation.map((c) => gid("InventoryItem", c.inventoryItemId)),
    });
    const location = data.location;
    if (!location) {
      problems.push({ lines: atLocation.flatMap((c) => c.lines), code: "UNKNOWN_LOCATION", message: `location ${locationId} does not exist in Shopify` });
      continue;
    }
    atLocation.forEach((change, i) => {
      const item = data.nodes[i];
      if (!item) {
        problems.push({ lines: change.lines, code: "UNKNOWN_INVENTORY_ITEM", message: `inventory item ${change.inventoryItemId} does not exist in Shopify` });
      } else if (!item.inventoryLevel?.isActive) {
        const what = item.sku ? `SKU ${item.sku}` : `inventory item ${change.inventoryItemId}`;
        problems.push({ lines: change.lines, code: "NOT_STOCKED_AT_LOCATION", message: `${what} is not stocked at ${location.name}; stock it there in Shopify, then receive again` });
      }
    });
  }
  if (problems.length > 0) throw new StockReceiptError(`Shopify cannot take this receipt: ${describe(problems)}`, problems);
}

function userErrorProblem(error: { field: string[] | null; message: string; code: string | null }, changes: MergedChange[]): ReceiptProblem {
  const field = error.field ?? [];
  const index = field[0] === "input" && field[1] === "changes" && field[2] !== undefined ? Number(field[2]) : NaN;
  const change = Number.isInteger(index) ? changes[index] : undefined;
  const code = error.code ?? "UNKNOWN";
  const explained =
    code === "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"
      ? "this idempotency key was already used for a different receipt"
      : code === "IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED"
        ? "an earlier attempt with this idempotency key failed; send the corrected receipt with a new key"
        : error.message;
  const where = change ? `inventory item ${change.inventoryItemId} at location ${change.locationId}: ` : "";
  return { lines: change?.lines ?? [], code, message: `${where}${explained}` };
}

/**
 * Adds received units to Shopify's available stock, all lines or none, as one inventory adjustment
 * (reason "received"). Returns the numeric id of Shopify's InventoryAdjustmentGroup. Throws
 * StockReceiptError for a receipt Shopify cannot take (nothing was added), MissingScopeError when
 * the shop has not granted write_inventory, and the client's errors when Shopify is unreachable
 * (a retry with the same key is then safe).
 */
export async function addReceivedStock(client: AdminGraphqlClient, receipt: ReceivedStock): Promise<{ adjustmentGroupId: string }> {
  const changes = checkReceipt(receipt);
  await checkDestinations(client, changes);
  const data = await call<ReceiveStockData>(client, RECEIVE_STOCK_MUTATION, {
    idempotencyKey: receipt.idempotencyKey,
    input: {
      name: "available",
      reason: "received",
      referenceDocumentUri: receipt.referenceDocumentUri,
      // Received units add to whatever is there, so no compare-and-swap: null, which 2026-10 wants explicitly.
      changes: changes.map((c) => ({ inventoryItemId: gid("InventoryItem", c.inventoryItemId), locationId: gid("Location", c.locationId), delta: c.units, changeFromQuantity: null })),
    },
  });
  const result = data.inventoryAdjustQuantities;
  const userErrors = result?.userErrors ?? [];
  if (userErrors.length > 0) {
    const problems = userErrors.map((e) => userErrorProblem(e, changes));
    throw new StockReceiptError(`Shopify refused the receipt: ${describe(problems)}`, problems, problems.every((p) => RETRYABLE_CODES.has(p.code)));
  }
  const groupId = result?.inventoryAdjustmentGroup?.id;
  if (!groupId) throw new StockReceiptError("Shopify answered without an inventory adjustment", [], true);
  return { adjustmentGroupId: numericIdOf(groupId) };
}
