/**
 * Committing a plan: one transaction writes a run's rows, reconciles the board's reorder lines
 * and alerts with them, and (for a full run) makes the run the shop's plan. Readers see the
 * old plan or the new one, never a mix.
 */
import type { PlanCalibration } from "~/engine/plan/plan-calibration";
import { recordAuditWithClient } from "~/platform/audit.server";
import { applyAlertChanges, loadOpenAlerts } from "~/features/plan-runs/queries/alert-writes.server";
import { upsertForecastSnapshots } from "~/features/plan-runs/queries/forecast-snapshots.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { applyProposalChanges, loadLiveProposals, loadRecentRejections } from "~/features/plan-runs/queries/proposal-writes.server";
import { activatePlanRun, finishPlanRun, saveUpliftModel } from "~/features/plan-runs/queries/runs.server";
import type { UpliftModel } from "~/engine/forecast/uplift";
import { clearDirtyMarks } from "~/platform/plan-dirty.server";
import { copyForecastRows, copyStockPlanRows, updateForecastPromoUnits, upsertForecastRows, upsertStockPlanRows, type ForecastRow } from "~/features/plan-runs/queries/plan-writes.server";
import { addDays, weekStartOf } from "~/engine/calendar";
import { recordPlanMetrics } from "~/features/plan-runs/queries/metrics.server";
import { shopWeeksOfSupply, type WeekSalesFigures } from "~/engine/plan/shop-metrics";
import type pg from "pg";
import { alertChanges } from "~/engine/alerts/alert-changes";
import type { ComputedPlans } from "~/engine/plan/compute-plans";
import { forecastRowOf, type CompactOutlook } from "~/engine/plan/forecast-task";
import { pairKey } from "~/engine/plan/plan-pairs";
import { proposalChange, type ProposalDraft } from "~/engine/proposals/proposal-changes";

export interface OpenedAlert {
  id: number;
  kind: string;
  variantId: string;
  locationId: string;
}

export interface CommitOutcome {
  previousRunId: number | null;
  opened: OpenedAlert[];
  resolved: number;
  proposals: { inserted: number; refreshed: number; deleted: number; unneeded: number };
}

/** A rejected line is not proposed again for this long. */
const REJECTION_HOLD_DAYS = 7;

async function reconcileBoard(
  client: pg.PoolClient,
  shopId: number,
  runId: number,
  planned: ComputedPlans,
  evaluatedPairs: readonly string[],
  variantIds?: readonly string[],
): Promise<Omit<CommitOutcome, "previousRunId">> {
  const live = await loadLiveProposals(client, shopId, variantIds);
  const liveByPair = new Map(live.map((p) => [pairKey(p.variantId, p.locationId), p]));
  const rejected = await loadRecentRejections(client, shopId, new Date(Date.now() - REJECTION_HOLD_DAYS * 86_400_000));
  const drafts = new Map<string, ProposalDraft>(planned.drafts.map((d) => [pairKey(d.variantId, d.locationId), d]));
  const changes = evaluatedPairs.map((key) => proposalChange(liveByPair.get(key), drafts.get(key) ?? null, rejected.has(key)));
  const proposals = await applyProposalChanges(client, shopId, runId, changes);

  const openAlerts = await loadOpenAlerts(client, shopId, variantIds);
  const alerts = await applyAlertChanges(client, shopId, alertChanges(openAlerts, planned.candidates, new Set(evaluatedPairs)));
  return { opened: alerts.opened, resolved: alerts.resolved, proposals };
}

function counts(planned: ComputedPlans, outcome: Omit<CommitOutcome, "previousRunId">, pairs: number) {
  return {
    pairs,
    proposals: planned.drafts.length,
    budgetCut: planned.drafts.filter((d) => d.budgetCut).length,
    alertsOpened: outcome.opened.length,
    alertsResolved: outcome.resolved,
    proposalChanges: outcome.proposals,
  };
}

export async function commitFullPlan(
  shopId: number,
  runId: number,
  startedAt: Date,
  run: {
    forecasts: readonly ForecastRow[];
    planned: ComputedPlans;
    pairs: readonly string[];
    asOf: string;
    recentSales: readonly WeekSalesFigures[];
    upliftModel: UpliftModel;
    calibration: PlanCalibration;
  },
): Promise<CommitOutcome> {
  // Pure work, done before the transaction holds its locks.
  const weeksOfSupply = shopWeeksOfSupply(run.asOf, run.planned.stockPlans, run.forecasts);
  return inSqlTransaction(async (client) => {
    const forecasts = run.forecasts;
    await copyForecastRows(client, shopId, runId, forecasts);
    await copyStockPlanRows(client, shopId, runId, run.planned.stockPlans);
    await upsertForecastSnapshots(
      client,
      shopId,
      runId,
      forecasts
        .filter((f) => f.mean.length > 1)
        .map((f) => ({ variantId: f.variantId, locationId: f.locationId, weekStart: addDays(f.firstWeek, 7), mean: f.mean[1] ?? 0, p10: f.p10[1] ?? 0, p90: f.p90[1] ?? 0 })),
    );
    const outcome = await reconcileBoard(client, shopId, runId, run.planned, run.pairs);
    await recordPlanMetrics(client, shopId, runId, {
      asOf: run.asOf,
      currentWeek: weekStartOf(run.asOf),
      recentSales: run.recentSales,
      weeksOfSupply,
    });
    await saveUpliftModel(client, shopId, run.upliftModel);
    const previousRunId = await activatePlanRun(client, shopId, runId);
    await finishPlanRun(client, shopId, runId, counts(run.planned, outcome, run.pairs.length), startedAt, run.calibration);
    return { previousRunId, ...outcome };
  });
}

/** Incremental: refresh the active run's rows of these pairs and the board's lines and alerts for them. */
export async function commitIncrementalPlan(
  shopId: number,
  activeRunId: number,
  incrementalRunId: number,
  startedAt: Date,
  run: {
    planned: ComputedPlans;
    pairs: readonly string[];
    variantIds: readonly string[];
    newOutlooks: readonly CompactOutlook[];
    /** Recomputed promotion demand of stored forecasts (aligned to each row's own weeks). */
    promoChanges: readonly { variantId: string; locationId: string; promoUnits: number[] }[];
    dirtyMarks: ReadonlyMap<string, Date>;
    actor: string;
  },
): Promise<CommitOutcome> {
  return inSqlTransaction(async (client) => {
    await upsertForecastRows(client, shopId, activeRunId, run.newOutlooks.map(forecastRowOf));
    await updateForecastPromoUnits(client, shopId, activeRunId, run.promoChanges);
    await upsertStockPlanRows(client, shopId, activeRunId, run.planned.stockPlans);
    await clearDirtyMarks(client, shopId, run.dirtyMarks);
    const outcome = await reconcileBoard(client, shopId, activeRunId, run.planned, run.pairs, run.variantIds);
    await finishPlanRun(client, shopId, incrementalRunId, counts(run.planned, outcome, run.pairs.length), startedAt);
    if (outcome.proposals.inserted + outcome.proposals.deleted > 0) {
      await recordAuditWithClient(client, shopId, { actor: run.actor, entity: "proposal", entityId: "replan", action: "refreshed", changes: outcome.proposals });
    }
    return { previousRunId: null, ...outcome };
  });
}
