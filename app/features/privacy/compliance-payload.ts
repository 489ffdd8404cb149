import type { PrivacyTopic } from "~/features/privacy/queries/requests.server";

/** The privacy topics as authenticate.webhook names them, and what the audit trail keeps of their payloads. */
export const COMPLIANCE_TOPICS = {
  CUSTOMERS_DATA_REQUEST: "CUSTOMERS_DATA_REQUEST",
  CUSTOMERS_REDACT: "CUSTOMERS_REDACT",
  SHOP_REDACT: "SHOP_REDACT",
} as const satisfies Record<PrivacyTopic, PrivacyTopic>;

export interface CompliancePayload {
  shop_id?: number | string;
  customer?: { id?: number | string | null } | null;
  orders_requested?: unknown[];
  orders_to_redact?: unknown[];
  data_request?: { id?: number | string | null } | null;
}

export function isComplianceTopic(topic: string): topic is PrivacyTopic {
  return Object.hasOwn(COMPLIANCE_TOPICS, topic);
}

/**
 * What the audit trail keeps of a request: ids only. The payloads carry the
 * customer's email and phone, which Tempo must not start holding.
 */
export function auditRecordOf(payload: CompliancePayload): Record<string, unknown> {
  const ids = (list: unknown[] | undefined) => (Array.isArray(list) ? list.map(String) : undefined);
  return {
    shopId: payload.shop_id != null ? String(payload.shop_id) : undefined,
    customerId: payload.customer?.id != null ? String(payload.customer.id) : undefined,
    ordersRequested: ids(payload.orders_requested),
    ordersToRedact: ids(payload.orders_to_redact),
    dataRequestId: payload.data_request?.id != null ? String(payload.data_request.id) : undefined,
  };
}

