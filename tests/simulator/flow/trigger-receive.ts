import type { SimShop } from "../shop-runtime";
import type { FlowTriggerDefinition, FlowTriggerField } from "./trigger-definitions";

/** Flow refuses trigger payloads above 50 KB. */
export const FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES = 50 * 1024;

export interface FlowUserError {
  field: string[];
  message: string;
}

/** A trigger Flow accepted, as the simulator records it for tests and the demo. */
export interface FlowTriggerRecord {
  shop: string;
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

/** The Admin scope each reference needs, since Flow loads the referenced record with the app's access. */
const REFERENCE_SCOPES: Record<string, string> = {
  customer_reference: "read_customers",
  order_reference: "read_orders",
  product_reference: "read_products",
  company_reference: "read_customers",
  company_contact_reference: "read_customers",
};

const REFERENCE_GID_TYPES: Record<string, string> = {
  customer_reference: "Customer",
  order_reference: "Order",
  product_reference: "Product",
  company_reference: "Company",
  company_contact_reference: "CompanyContact",
};

/** A reference accepts a numeric id (number or digits) or the resource's gid. */
function referenceId(value: unknown, gidType: string): string | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value !== "string") return null;
  if (/^[1-9]\d*$/.test(value)) return value;
  const match = new RegExp(`^gid://shopify/${gidType}/([1-9]\\d*)$`).exec(value);
  return match?.[1] ?? null;
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function fieldProblem(field: FlowTriggerField, value: unknown, shop: SimShop): string | null {
  const key = field.payloadKey;
  switch (field.type) {
    case "single_line_text_field":
      if (typeof value !== "string") return `'${key}' must be a string`;
      return /[\r\n]/.test(value) ? `'${key}' must be a single line of text` : null;
    case "number_decimal":
      return typeof value === "number" && Number.isFinite(value) ? null : `'${key}' must be a number`;
    case "boolean":
      return typeof value === "boolean" ? null : `'${key}' must be true or false`;
    case "email":
      return typeof value === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? null : `'${key}' must be an email address`;
    case "url":
      return typeof value === "string" && isAbsoluteHttpUrl(value) ? null : `'${key}' must be an absolute http(s) URL`;
    default: {
      const gidType = REFERENCE_GID_TYPES[field.type] ?? "";
      const id = referenceId(value, gidType);
      if (id === null) return `'${key}' must be a ${gidType} id or gid://shopify/${gidType}/<id>`;
      const scope = REFERENCE_SCOPES[field.type] ?? "";
      if (!shop.hasScope(scope)) return `'${key}' needs the \`${scope}\` access scope`;
      if (field.type === "product_reference" && !shop.store.productsById.has(id)) return `'${key}': product ${id} does not exist`;
      return null;
    }
  }
}

/**
 * flowTriggerReceive as Flow answers it: the handle must name one of the app's flow_trigger
 * extensions, the payload must fit the size limit and hold only declared keys with values of the
 * declared types (references are required; other fields may be left out). Anything else is a
 * userError and nothing is recorded.
 */
export function receiveFlowTrigger(
  definitions: ReadonlyMap<string, FlowTriggerDefinition>,
  shop: SimShop,
  args: { handle?: string | null; payload?: unknown; body?: string | null },
  nowIso: string,
): { userErrors: FlowUserError[]; record?: FlowTriggerRecord } {
  if (args.body !== undefined && args.body !== null) {
    return { userErrors: [{ field: ["body"], message: "The body argument is deprecated; send handle and payload" }] };
  }
  const handle = args.handle ?? "";
  const definition = definitions.get(handle);
  if (!definition) {
    const known = [...definitions.keys()];
    const hint = known.length ? ` (the app declares ${known.join(", ")})` : " (the app declares no flow_trigger extension)";
    return { userErrors: [{ field: ["handle"], message: `Invalid handle '${handle}': no Flow trigger with this handle${hint}` }] };
  }
  const payload = args.payload;
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return { userErrors: [{ field: ["payload"], message: "Payload must be a JSON object" }] };
  }
  const size = Buffer.byteLength(JSON.stringify(payload), "utf8");
  if (size > FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES) {
    return { userErrors: [{ field: ["payload"], message: `Payload is ${size} bytes, over Flow's limit of ${FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES} bytes` }] };
  }
  const values = payload as Record<string, unknown>;
  const byKey = new Map(definition.fields.map((field) => [field.payloadKey, field]));
  const userErrors: FlowUserError[] = [];
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) userErrors.push({ field: ["payload", key], message: `Invalid field identifier '${key}': the trigger '${handle}' declares no such field` });
  }
  for (const field of definition.fields) {
    if (!(field.payloadKey in values)) {
      if (field.reference) userErrors.push({ field: ["payload", field.payloadKey], message: `Missing expected key '${field.payloadKey}'` });
      continue;
    }
    const problem = fieldProblem(field, values[field.payloadKey], shop);
    if (problem) userErrors.push({ field: ["payload", field.payloadKey], message: problem });
  }
  if (userErrors.length > 0) return { userErrors };
  const record: FlowTriggerRecord = { shop: shop.domain, handle, payload: structuredClone(values), receivedAt: nowIso };
  return { userErrors: [], record };
}
