/**
 * Saving the planning settings from their form: every field validated with the core's schema
 * (errors by field), the change audited, and a full re-plan queued, since service levels,
 * horizon and thresholds reach every variant.
 */
import { recordAudit } from "~/platform/audit.server";
import { getPlanSettings, savePlanSettings } from "./queries.server";
import { inTransaction } from "~/platform/transaction.server";
import { validatePlanSettings, type PlanSettings } from "~/engine/plan/plan-settings";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import type { ShopActor } from "~/platform/shop-actor";

export type SettingsOutcome = { ok: true; settings: PlanSettings; message: string } | { ok: false; errors: Record<string, string> };

const number = (form: FormData, name: string): number | string => {
  const raw = String(form.get(name) ?? "").trim();
  return raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
};

/** The form's fields as a settings object (numbers where they parse; the schema says what is wrong with the rest). */
export function settingsFromForm(form: FormData): unknown {
  const openToBuy: Record<string, number | string> = {};
  for (const [key, raw] of form.entries()) {
    const month = /^openToBuy\.(\d{4}-\d{2})$/.exec(key)?.[1];
    if (month && String(raw).trim() !== "") openToBuy[month] = number(form, key);
  }
  return {
    serviceLevels: { A: number(form, "serviceLevels.A"), B: number(form, "serviceLevels.B"), C: number(form, "serviceLevels.C") },
    abcCutoffs: { a: number(form, "abcCutoffs.a"), b: number(form, "abcCutoffs.b") },
    defaultLeadTimeDays: number(form, "defaultLeadTimeDays"),
    reviewDays: number(form, "reviewDays"),
    horizonWeeks: number(form, "horizonWeeks"),
    overstockWeeks: number(form, "overstockWeeks"),
    deadStockDays: number(form, "deadStockDays"),
    alertSummaryBelow: number(form, "alertSummaryBelow"),
    openToBuy,
  };
}

export async function saveSettingsForm(who: ShopActor, form: FormData): Promise<SettingsOutcome> {
  const before = await getPlanSettings(who.shopId);
  const candidate = settingsFromForm(form) as Record<string, unknown>;
  // A form from before the field existed (a tab left open across a release) keeps the stored amount.
  if (!form.has("alertSummaryBelow")) candidate.alertSummaryBelow = before.alertSummaryBelow;
  const checked = validatePlanSettings(candidate);
  if (!checked.ok) return checked;
  await inTransaction(async (db) => {
    await savePlanSettings(db, who.shopId, checked.settings);
    await recordAudit(who.shopId, [{ actor: who.actor, entity: "settings", entityId: "plan", action: "updated", changes: JSON.parse(JSON.stringify({ from: before, to: checked.settings })) }], db);
  });
  await enqueueShopJob("plan-shop", { shopId: who.shopId, shopDomain: who.shopDomain, trigger: "settings" });
  return { ok: true, settings: checked.settings, message: "Settings saved. Tempo is re-planning with them." };
}
