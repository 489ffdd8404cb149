import type { AlertKind, AlertSeverity } from "@prisma/client";

export const KIND_LABEL: Record<AlertKind, string> = {
  STOCKOUT_RISK: "Stockout risk",
  BELOW_REORDER_POINT: "Below reorder point",
  OVERSTOCK: "Overstock",
  DEAD_STOCK: "Dead stock",
};

export const SEVERITY_TONE: Record<AlertSeverity, "critical" | "warning" | "attention" | "info"> = {
  CRITICAL: "critical",
  HIGH: "warning",
  MEDIUM: "attention",
  LOW: "info",
};

export const SEVERITY_LABEL: Record<AlertSeverity, string> = { CRITICAL: "Critical", HIGH: "High", MEDIUM: "Medium", LOW: "Low" };
