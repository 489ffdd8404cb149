/** Alerts: the table of kinds, the plan's conditions per variant and location, and the promotion watch's cap alerts. */
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
export { capAlertChanges, promotionCapAlert, type CapAlertChanges, type CapCandidate, type CapProgress, type OpenCapAlert } from "./promotion-cap";
