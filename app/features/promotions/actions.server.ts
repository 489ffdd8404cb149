/** Reads a promotion form into one step: a live check, save, plan, cancel, delete or a phasing. */
import type { Shop } from "@prisma/client";
import { checkPromotionDraft, type PromotionCheckView } from "./check.server";
import { readPromotionForm } from "./promotion-form";
import { applyPhasingOption } from "./phasing.server";
import { removeDraftPromotion, savePromotion, setPromotionStatus } from "./save.server";
import { getPromotion } from "~/features/promotions/queries/promotions.server";
import { draftOfPromotion } from "./check.server";
import { savePromotionVerdict } from "./verdicts.server";
import { shopActor } from "~/platform/shop-actor";

export type PromotionActionOutcome =
  | { ok: true; message?: string; redirectTo?: string; check?: PromotionCheckView; savedId?: number }
  | { ok: false; errors: Record<string, string>; check?: PromotionCheckView };

export async function handlePromotionAction(shop: Shop, actor: string, id: number | null, form: FormData): Promise<PromotionActionOutcome> {
  const outcome = await runPromotionStep(shop, actor, id, form);
  // The calendar shows the stored verdict: bring it up to date with what just changed.
  const changed = outcome.ok && !outcome.check ? (outcome.savedId ?? id) : null;
  if (changed !== null && String(form.get("intent")) !== "delete") {
    const promotion = await getPromotion(shop.id, changed);
    if (promotion) await savePromotionVerdict(shop, promotion);
  }
  return outcome;
}

async function runPromotionStep(shop: Shop, actor: string, id: number | null, form: FormData): Promise<PromotionActionOutcome> {
  const who = shopActor(shop, actor);
  const intent = String(form.get("intent") ?? "");
  if (intent === "check" || intent === "save") {
    const read = readPromotionForm(form);
    if (!read.ok) return read;
    if (intent === "check") {
      const saved = id === null ? null : await getPromotion(shop.id, id);
      const phasing = saved ? draftOfPromotion(saved) : null;
      const check = await checkPromotionDraft(shop, {
        id,
        fields: read.fields,
        capPerVariant: phasing?.capPerVariant ?? null,
        capByVariant: phasing?.capByVariant ?? {},
        waves: phasing?.waves ?? null,
        excludedVariantIds: phasing?.excludedVariantIds ?? [],
      });
      return { ok: true, check };
    }
    const saved = await savePromotion(who, id, read.fields);
    if (!saved.ok) return saved;
    return { ok: true, message: saved.message, savedId: saved.id, ...(id === null ? { redirectTo: `/app/promotions/${saved.id}` } : {}) };
  }
  if (id === null) return { ok: false, errors: { form: "Save the promotion first." } };
  switch (intent) {
    case "plan":
      return setPromotionStatus(who, id, "PLANNED");
    case "unplan":
      return setPromotionStatus(who, id, "DRAFT");
    case "cancel":
      return setPromotionStatus(who, id, "CANCELLED");
    case "delete": {
      const outcome = await removeDraftPromotion(who, id);
      return outcome.ok ? { ok: true, redirectTo: "/app/promotions" } : outcome;
    }
    case "apply": {
      const rank = Number(form.get("rank"));
      if (!Number.isInteger(rank) || rank < 1) return { ok: false, errors: { form: "Which option? The form named none." } };
      return applyPhasingOption(who, id, rank);
    }
    default:
      return { ok: false, errors: { form: `Unknown action "${intent}".` } };
  }
}
