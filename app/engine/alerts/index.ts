/** Alerts: the table of kinds, and the plan's conditions per variant and location. */
export { DEFAULT_ALERT_THRESHOLDS, evaluateAlerts, type AlertCandidate, type AlertInput, type AlertThresholds } from "./evaluate-alerts";
export {
  ALERT_KIND_TABLE,
  ALERT_KINDS,
  ALERT_SEVERITIES,
  ALERT_SEVERITY_TABLE,
  alertKindsRaisedBy,
  type AlertKind,
  type AlertKindDefinition,
  type AlertSeverity,
  type FlowTriggerHandle,
} from "./kinds";
