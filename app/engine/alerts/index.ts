/** Alert conditions per variant and location: stockout risk, below reorder point, overstock, dead stock. */
export {
  DEFAULT_ALERT_THRESHOLDS,
  evaluateAlerts,
  type AlertCandidate,
  type AlertInput,
  type AlertKind,
  type AlertSeverity,
  type AlertThresholds,
} from "./evaluate-alerts";
