import type { AppExtensionConfig } from "../extensions/app-extensions";

/**
 * What a trigger's payload may carry, read from its `[[settings.fields]]`. Types and key rules
 * are Shopify CLI's for flow_trigger (4.8): commerce references send `<object>_id`, other fields
 * send their `key`, which holds letters and spaces only.
 */
export type FlowFieldType = "boolean" | "email" | "single_line_text_field" | "url" | "number_decimal";
export type FlowReferenceType = "customer_reference" | "order_reference" | "product_reference" | "company_reference" | "company_contact_reference";

export interface FlowTriggerField {
  /** The payload key: `product_id` for a product reference, the field's key otherwise. */
  payloadKey: string;
  type: FlowFieldType | FlowReferenceType;
  reference: boolean;
  description?: string;
}

export interface FlowTriggerDefinition {
  handle: string;
  name: string;
  description?: string;
  fields: FlowTriggerField[];
}

export const FLOW_TRIGGER_FIELD_TYPES: readonly FlowFieldType[] = ["boolean", "email", "single_line_text_field", "url", "number_decimal"];
export const FLOW_TRIGGER_REFERENCE_TYPES: readonly FlowReferenceType[] = [
  "customer_reference",
  "order_reference",
  "product_reference",
  "company_reference",
  "company_contact_reference",
];
const KEY_PATTERN = /^[a-zA-Z\s]*$/;

function fieldFrom(raw: unknown, handle: string, index: number): FlowTriggerField {
  const field = (raw ?? {}) as Record<string, unknown>;
  const where = `field[${index}] of flow trigger "${handle}"`;
  const type = field.type;
  if (typeof type !== "string") throw new Error(`${where} has no type`);
  const description = typeof field.description === "string" ? field.description : undefined;
  if (type.endsWith("_reference")) {
    // Shopify CLI checks this only on deploy; the simulator checks it on load so CI sees it.
    if (!(FLOW_TRIGGER_REFERENCE_TYPES as readonly string[]).includes(type)) throw new Error(`${where}: commerce object ${type} is not supported for Flow triggers`);
    return { payloadKey: `${type.replace(/_reference$/, "")}_id`, type: type as FlowReferenceType, reference: true, description };
  }
  if (type.startsWith("schema.")) throw new Error(`${where}: custom schema types (${type}) are not modelled by the simulator`);
  if (!(FLOW_TRIGGER_FIELD_TYPES as readonly string[]).includes(type)) throw new Error(`${where}: field type ${type} is not supported on Flow triggers`);
  const key = field.key;
  if (typeof key !== "string" || key.trim() === "") throw new Error(`${where}: a ${type} field needs a key`);
  if (!KEY_PATTERN.test(key)) throw new Error(`${where}: key "${key}" must contain only letters and spaces`);
  return { payloadKey: key, type: type as FlowFieldType, reference: false, description };
}

/** The app's flow_trigger extensions as definitions; throws on anything Shopify would refuse. */
export function flowTriggerDefinitions(extensions: readonly AppExtensionConfig[]): Map<string, FlowTriggerDefinition> {
  const definitions = new Map<string, FlowTriggerDefinition>();
  for (const extension of extensions) {
    if (extension.type !== "flow_trigger") continue;
    const settings = (extension.toml.settings ?? {}) as { fields?: unknown };
    const rawFields = Array.isArray(settings.fields) ? settings.fields : [];
    const fields = rawFields.map((raw, index) => fieldFrom(raw, extension.handle, index));
    const keys = new Set<string>();
    for (const field of fields) {
      if (keys.has(field.payloadKey)) throw new Error(`flow trigger "${extension.handle}" declares "${field.payloadKey}" twice`);
      keys.add(field.payloadKey);
    }
    definitions.set(extension.handle, { handle: extension.handle, name: extension.name, description: extension.description, fields });
  }
  return definitions;
}
