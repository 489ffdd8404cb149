/** The plan's "as of" and what is happening to it, for the banner every plan screen shows. */
import { findActivePlan, findLatestPlanRun } from "~/persistence/plan-runs.server";

export interface PlanStatus {
  /** When the committed plan was made, and its plan date; null before the first plan. */
  asOf: string | null;
  plannedAt: string | null;
  /** A full run under way: its progress. */
  running: { done: number; total: number; startedAt: string } | null;
  /** The latest full run failed: its error (the previous plan still stands). */
  failed: { error: string; at: string } | null;
  /** The last incremental refresh since the full run. */
  refreshedAt: string | null;
}

export async function getPlanStatus(shopId: number): Promise<PlanStatus> {
  const [active, latest] = await Promise.all([findActivePlan(shopId), findLatestPlanRun(shopId, "FULL")]);
  const refreshed = await findLatestPlanRun(shopId, "INCREMENTAL");
  const plannedAt = active?.run.finishedAt?.toISOString() ?? null;
  return {
    asOf: active?.asOf ?? null,
    plannedAt,
    running: latest?.status === "RUNNING" ? { done: latest.progressDone, total: latest.progressTotal, startedAt: latest.startedAt.toISOString() } : null,
    failed: latest?.status === "FAILED" && latest.id !== active?.run.id ? { error: latest.error ?? "The plan run failed.", at: (latest.finishedAt ?? latest.startedAt).toISOString() } : null,
    refreshedAt: refreshed?.status === "SUCCEEDED" && refreshed.finishedAt && plannedAt && refreshed.finishedAt.toISOString() > plannedAt ? refreshed.finishedAt.toISOString() : null,
  };
}
