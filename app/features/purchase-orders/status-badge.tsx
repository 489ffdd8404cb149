import { Badge } from "@shopify/polaris";
import type { PurchaseOrderStatus } from "@prisma/client";

const TONES: Record<PurchaseOrderStatus, "info" | "success" | "attention" | "warning" | undefined> = {
  DRAFT: undefined,
  SENT: "info",
  PARTIALLY_RECEIVED: "attention",
  RECEIVED: "success",
  CANCELLED: "warning",
};

const LABELS: Record<PurchaseOrderStatus, string> = {
  DRAFT: "Draft",
  SENT: "Sent",
  PARTIALLY_RECEIVED: "Partly received",
  RECEIVED: "Received",
  CANCELLED: "Cancelled",
};

export function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
