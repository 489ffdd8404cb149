/** A promotion form read and checked field by field; a bad value never reaches the database. */
import { z } from "zod";
import { formNumber } from "~/engine/form-number";
import type { PromotionFields } from "~/features/promotions/queries/promotions.server";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (label: string) => z.string().regex(DAY, `${label}: enter a date as YYYY-MM-DD`).refine((v) => !Number.isNaN(Date.parse(v)), `${label} is not a real date`);
const list = z.array(z.string().trim().min(1).max(200)).max(500);

export const promotionSchema = z
  .object({
    name: z.string().trim().min(1, "Give the promotion a name").max(120, "Keep the name under 120 characters"),
    startsOn: day("Start"),
    endsOn: day("End"),
    discountPct: formNumber("Discount").min(1, "Discount must be at least 1%").max(90, "Discount must be at most 90%"),
    channel: z.string().trim().max(100).nullable(),
    selection: z.object({ everything: z.boolean().optional(), productIds: list.optional(), variantIds: list.optional(), collections: list.optional(), productTypes: list.optional(), vendors: list.optional(), tags: list.optional() }),
    upliftOverride: formNumber("The multiplier").min(1, "A promotion's multiplier is at least ×1.0").max(20, "A multiplier above ×20 is not a plan").nullable(),
  })
  .refine((p) => p.endsOn >= p.startsOn, { message: "The promotion must end on or after its start", path: ["endsOn"] })
  .refine((p) => Date.parse(p.endsOn) - Date.parse(p.startsOn) <= 90 * 86_400_000, { message: "Promotions run for at most 90 days", path: ["endsOn"] })
  .refine((p) => p.selection.everything === true || Object.values(p.selection).some((values) => Array.isArray(values) && values.length > 0), {
    message: "Pick the products: every product, or by type, vendor, collection, tag or product",
    path: ["selection"],
  });

export type PromotionFormResult = { ok: true; fields: PromotionFields } | { ok: false; errors: Record<string, string> };

const number = (raw: FormDataEntryValue | null): number | string => {
  const text = String(raw ?? "").trim();
  return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
};
const values = (form: FormData, name: string): string[] => form.getAll(name).map(String).flatMap((v) => v.split("\n")).map((v) => v.trim()).filter(Boolean);

export function readPromotionForm(form: FormData): PromotionFormResult {
  const override = String(form.get("upliftOverride") ?? "").trim();
  const channel = String(form.get("channel") ?? "").trim();
  const parsed = promotionSchema.safeParse({
    name: String(form.get("name") ?? ""),
    startsOn: String(form.get("startsOn") ?? "").trim(),
    endsOn: String(form.get("endsOn") ?? "").trim(),
    discountPct: number(form.get("discountPct")),
    channel: channel === "" || channel === "all" ? null : channel,
    selection: {
      ...(form.get("everything") === "on" ? { everything: true } : {}),
      productIds: values(form, "productIds"),
      variantIds: values(form, "variantIds"),
      collections: values(form, "collections"),
      productTypes: values(form, "productTypes"),
      vendors: values(form, "vendors"),
      tags: values(form, "tags"),
    },
    upliftOverride: override === "" ? null : number(override),
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const selection = Object.fromEntries(Object.entries(parsed.data.selection).filter(([, v]) => v === true || (Array.isArray(v) && v.length > 0)));
  return { ok: true, fields: { ...parsed.data, selection } };
}
