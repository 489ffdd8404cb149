/**
 * How a plan run moves alerts through their lives: a condition that holds and has no open
 * alert opens one; one that still holds refreshes its open alert (severity, numbers, reason,
 * last seen); an open alert whose condition no longer holds for a variant the run evaluated
 * resolves itself. One condition (variant, location, kind) never has two open alerts.
 */
import type { AlertCandidate } from "~/engine/alerts";

export interface OpenAlert {
  id: number;
  variantId: string;
  locationId: string;
  kind: AlertCandidate["kind"];
}

export interface EvaluatedCandidate extends AlertCandidate {
  variantId: string;
  locationId: string;
}

export interface AlertChanges {
  open: EvaluatedCandidate[];
  refresh: { id: number; candidate: EvaluatedCandidate }[];
  resolve: number[];
}

const conditionKey = (variantId: string, locationId: string, kind: string): string => `${variantId}:${locationId}:${kind}`;

/** `evaluated` holds "variantId:locationId" of every pair the run planned; open alerts of others are left alone. */
export function alertChanges(openAlerts: readonly OpenAlert[], candidates: readonly EvaluatedCandidate[], evaluated: ReadonlySet<string>): AlertChanges {
  const openByCondition = new Map(openAlerts.map((a) => [conditionKey(a.variantId, a.locationId, a.kind), a]));
  const changes: AlertChanges = { open: [], refresh: [], resolve: [] };
  const held = new Set<string>();
  for (const candidate of candidates) {
    const key = conditionKey(candidate.variantId, candidate.locationId, candidate.kind);
    if (held.has(key)) continue;
    held.add(key);
    const existing = openByCondition.get(key);
    if (existing) changes.refresh.push({ id: existing.id, candidate });
    else changes.open.push(candidate);
  }
  for (const alert of openAlerts) {
    if (!evaluated.has(`${alert.variantId}:${alert.locationId}`)) continue;
    if (!held.has(conditionKey(alert.variantId, alert.locationId, alert.kind))) changes.resolve.push(alert.id);
  }
  return changes;
}
