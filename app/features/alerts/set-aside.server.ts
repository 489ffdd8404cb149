/**
 * Working through alerts: snooze until a date (they come back then), dismiss with a reason (until
 * the condition clears), or bring back. Each change is audited; a bad form is a clear error.
 */
import { recordAudit } from "~/platform/audit.server";
import { inTransaction } from "~/platform/transaction.server";
import { shopTimezone, type ShopActor } from "~/platform/shop-actor";
import { shopToday } from "~/engine/plan/open-orders";
import { addDays } from "~/engine/calendar";
import { formatDay } from "~/engine/wording";
import { setAlertsAside, type SetAside } from "./queries.server";
import { formIds } from "~/platform/form-ids";

export type SetAsideOutcome = { ok: true; message: string } | { ok: false; errors: Record<string, string> };

/** The furthest a snooze may reach: longer than that is a dismissal. */
export const MAX_SNOOZE_DAYS = 90;
const MAX_REASON = 500;
const AUDIT_ACTION: Record<SetAside["kind"], string> = { snooze: "snoozed", dismiss: "dismissed", restore: "restored" };

/** The change a form asks for, or the field's message; `today` is the shop's date. */
export function readSetAside(form: FormData, today: string): { ok: true; change: SetAside } | { ok: false; errors: Record<string, string> } {
  const intent = String(form.get("intent") ?? "");
  if (intent === "snooze") {
    const until = String(form.get("until") ?? "").trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until))) return { ok: false, errors: { until: "Enter the day the alert comes back, as YYYY-MM-DD." } };
    if (until <= today) return { ok: false, errors: { until: "Snooze until a day after today." } };
    if (until > addDays(today, MAX_SNOOZE_DAYS)) return { ok: false, errors: { until: `Snooze for at most ${MAX_SNOOZE_DAYS} days; dismiss an alert you do not want back.` } };
    return { ok: true, change: { kind: "snooze", until: new Date(`${until}T00:00:00Z`) } };
  }
  if (intent === "dismiss") {
    const reason = String(form.get("reason") ?? "").trim();
    if (reason === "") return { ok: false, errors: { reason: "Say why, so the team knows." } };
    if (reason.length > MAX_REASON) return { ok: false, errors: { reason: `Keep the reason under ${MAX_REASON} characters.` } };
    return { ok: true, change: { kind: "dismiss", reason } };
  }
  if (intent === "restore") return { ok: true, change: { kind: "restore" } };
  return { ok: false, errors: { form: `Unknown action "${intent}".` } };
}

export async function setAsideAlerts(who: ShopActor, shop: { ianaTimezone: string | null }, form: FormData): Promise<SetAsideOutcome> {
  const today = shopToday(shopTimezone(shop));
  const selected = formIds(form);
  if (selected.length === 0) return { ok: false, errors: { form: "Select the alerts first." } };
  const read = readSetAside(form, today);
  if (!read.ok) return read;
  const { change } = read;
  const changed = await inTransaction(async (db) => {
    const done = await setAlertsAside(db, who.shopId, selected, change, who.actor);
    const details = change.kind === "snooze" ? { until: change.until.toISOString().slice(0, 10) } : change.kind === "dismiss" ? { reason: change.reason } : {};
    await recordAudit(who.shopId, done.map((id) => ({ actor: who.actor, entity: "alert" as const, entityId: String(id), action: AUDIT_ACTION[change.kind], changes: details })), db);
    return done.length;
  });
  if (changed === 0) return { ok: false, errors: { form: "None of the selected alerts is open any more: reload." } };
  const count = `${changed} alert${changed === 1 ? "" : "s"}`;
  if (change.kind === "snooze") return { ok: true, message: `${count} snoozed until ${formatDay(change.until.toISOString().slice(0, 10), today)}.` };
  if (change.kind === "dismiss") return { ok: true, message: `${count} dismissed.` };
  return { ok: true, message: `${count} back in the open list.` };
}
