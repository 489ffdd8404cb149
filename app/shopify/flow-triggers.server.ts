import type { AdminGraphqlClient } from "./admin-client.server";
import { ALERT_KIND_TABLE } from "~/engine/alerts/kinds";

/** The handle of extensions/stockout-risk-trigger; Flow finds the trigger by it. */
export const STOCKOUT_RISK_TRIGGER_HANDLE = ALERT_KIND_TABLE.STOCKOUT_RISK.flowTrigger;

/** What a merchant's workflow receives when a stockout-risk alert opens. */
export interface StockoutRiskTrigger {
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  locationName: string;
  /** YYYY-MM-DD */
  projectedStockoutDate: string;
  weeksOfSupply: number | null;
  severity: "critical" | "high" | "medium" | "low";
  reason: string;
  url: string;
}

export class FlowTriggerError extends Error {
  constructor(
    message: string,
    readonly userErrors: { field?: string[] | null; message: string }[] = [],
  ) {
    super(message);
    this.name = "FlowTriggerError";
  }
}

export const FLOW_TRIGGER_RECEIVE_MUTATION = `#graphql
mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
  flowTriggerReceive(handle: $handle, payload: $payload) {
    userErrors {
      field
      message
    }
  }
}`;

export interface FlowTriggerReceiveData {
  flowTriggerReceive: { userErrors: { field: string[] | null; message: string }[] } | null;
}

const SEVERITIES = new Set(["critical", "high", "medium", "low"]);

export function gid(type: string, id: string, what: string): string {
  if (/^[1-9]\d*$/.test(id)) return `gid://shopify/${type}/${id}`;
  if (new RegExp(`^gid://shopify/${type}/[1-9]\\d*$`).test(id)) return id;
  throw new FlowTriggerError(`${what} "${id}" is neither a numeric id nor a gid://shopify/${type}/ id`);
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** One line of text: Flow's single_line_text_field refuses line breaks. */
export const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ").trim();

/**
 * The trigger's payload, keyed as extensions/stockout-risk-trigger declares its fields.
 * Unknown weeks of supply is left out (Flow treats an absent field as empty); a missing SKU is
 * sent as empty text. Throws on input Flow would refuse, before anything is sent.
 */
export function stockoutRiskPayload(trigger: StockoutRiskTrigger): Record<string, string | number> {
  if (!isCalendarDate(trigger.projectedStockoutDate)) {
    throw new FlowTriggerError(`projectedStockoutDate "${trigger.projectedStockoutDate}" is not a YYYY-MM-DD date`);
  }
  if (!SEVERITIES.has(trigger.severity)) throw new FlowTriggerError(`severity "${String(trigger.severity)}" is not critical, high, medium or low`);
  if (trigger.weeksOfSupply !== null && !Number.isFinite(trigger.weeksOfSupply)) {
    throw new FlowTriggerError(`weeksOfSupply ${String(trigger.weeksOfSupply)} is not a finite number`);
  }
  let url: URL;
  try {
    url = new URL(trigger.url);
  } catch {
    throw new FlowTriggerError(`url "${trigger.url}" is not an absolute URL`);
  }
  const payload: Record<string, string | number> = {
    product_id: gid("Product", trigger.productId, "productId"),
    "Variant ID": gid("ProductVariant", trigger.variantId, "variantId"),
    "Product title": oneLine(trigger.productTitle),
    "Variant title": oneLine(trigger.variantTitle),
    SKU: oneLine(trigger.sku ?? ""),
    "Location name": oneLine(trigger.locationName),
    "Projected stockout date": trigger.projectedStockoutDate,
    Severity: trigger.severity,
    Reason: oneLine(trigger.reason),
    "Tempo link": url.toString(),
  };
  if (trigger.weeksOfSupply !== null) payload["Weeks of supply"] = Math.round(trigger.weeksOfSupply * 10) / 10;
  return payload;
}

/**
 * Starts the merchant's "Stockout risk detected" workflows for one variant and location.
 * Flow's userErrors become a FlowTriggerError naming the variant and every problem.
 */
export async function sendStockoutRiskTrigger(client: AdminGraphqlClient, trigger: StockoutRiskTrigger): Promise<void> {
  await receiveFlowTrigger(client, STOCKOUT_RISK_TRIGGER_HANDLE, stockoutRiskPayload(trigger), `the stockout-risk trigger for variant ${trigger.variantId} at ${trigger.locationName}`);
}

/** Sends one trigger's payload to Flow; its userErrors become a FlowTriggerError naming `what` and every problem. */
export async function receiveFlowTrigger(client: AdminGraphqlClient, handle: string, payload: Record<string, unknown>, what: string): Promise<void> {
  const data = await client<FlowTriggerReceiveData>(FLOW_TRIGGER_RECEIVE_MUTATION, { handle, payload });
  const userErrors = data.flowTriggerReceive?.userErrors ?? [];
  if (userErrors.length > 0) {
    const problems = userErrors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ");
    throw new FlowTriggerError(`Shopify Flow refused ${what}: ${problems}`, userErrors);
  }
}
