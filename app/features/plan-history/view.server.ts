/** "How the plan did on your history": the active run's stored replay and backtests, as the page shows them. */
import { emptyHistoryView, planHistoryView, type PlanHistoryView } from "./history-view";
import { loadStoredHistoryCheck } from "./queries.server";

export async function getPlanHistoryView(shopId: number): Promise<PlanHistoryView> {
  const stored = await loadStoredHistoryCheck(shopId);
  if (!stored) return emptyHistoryView("no-plan", null);
  if (!stored.calibration) return emptyHistoryView("no-history", stored.asOf);
  return planHistoryView({ asOf: stored.asOf, locations: stored.calibration.locations, locationNames: stored.locationNames, collections: stored.collections });
}
