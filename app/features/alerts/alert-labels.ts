/** How alerts read on screen: labels from the engine's table of kinds, Polaris tones by severity. */
import { ALERT_KIND_TABLE, ALERT_SEVERITY_TABLE, type AlertKind, type AlertSeverity } from "~/engine/alerts/kinds";

export const kindLabel = (kind: AlertKind): string => ALERT_KIND_TABLE[kind].label;
export const severityLabel = (severity: AlertSeverity): string => ALERT_SEVERITY_TABLE[severity].label;

export const SEVERITY_TONE: Record<AlertSeverity, "critical" | "warning" | "attention" | "info"> = {
  CRITICAL: "critical",
  HIGH: "warning",
  MEDIUM: "attention",
  LOW: "info",
};

/** Which variant and where, under the product's title: "Black / M · TEE-BLK-M · Warehouse". Every screen that lists alerts says it. */
export const alertPlace = (alert: { variantTitle: string; sku: string | null; locationName: string }): string =>
  [alert.variantTitle, alert.sku, alert.locationName].filter(Boolean).join(" · ");
