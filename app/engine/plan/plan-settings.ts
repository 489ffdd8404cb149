/**
 * A shop's planning settings: service levels by ABC class, default buying terms, horizon,
 * alert thresholds and the monthly open-to-buy. Stored as JSON on the shop; anything missing
 * or unreadable falls back to the defaults below, so an old or hand-edited row never breaks
 * a plan. Form input is validated with the same schema and gets messages per field.
 */
import { z } from "zod";
import { formNumber } from "~/engine/form-number";

/** Weeks of history a plan's forecasts read (three seasons); the variant page's backtest reads the same. */
export const PLAN_HISTORY_WEEKS = 156;


const percent = (label: string) => formNumber(label).min(50, `${label} must be at least 50%`).max(99.9, `${label} must be at most 99.9%`);

/** A whole count of days or weeks; `unit` is the plural ("days"). */
const whole = (label: string, unit: string, min: number, max: number) => {
  const count = (n: number) => `${n} ${n === 1 ? unit.replace(/s$/, "") : unit}`;
  return formNumber(label).int(`${label} must be a whole number of ${unit}`).min(min, `${label} must be at least ${count(min)}`).max(max, `${label} must be at most ${count(max)}`);
};

export const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

export const planSettingsSchema = z.object({
  /** Target cycle service level per ABC class, in percent. */
  serviceLevels: z.object({ A: percent("Service level for A items"), B: percent("Service level for B items"), C: percent("Service level for C items") }),
  /** Cumulative revenue shares that end class A and class B, in percent. */
  abcCutoffs: z
    .object({
      a: formNumber("The A cut-off").min(1, "The A cut-off must be at least 1%").max(99, "The A cut-off must be at most 99%"),
      b: formNumber("The B cut-off").min(1, "The B cut-off must be at least 1%").max(99.9, "The B cut-off must be at most 99.9%"),
    })
    .refine((cutoffs) => cutoffs.a < cutoffs.b, { message: "The A cut-off must be below the B cut-off", path: ["b"] }),
  defaultLeadTimeDays: whole("Default lead time", "days", 1, 365),
  reviewDays: whole("Review period", "days", 1, 90),
  horizonWeeks: whole("The planning horizon", "weeks", 8, 104),
  overstockWeeks: formNumber("The overstock limit").min(4, "The overstock limit must be at least 4 weeks").max(104, "The overstock limit must be at most 104 weeks"),
  deadStockDays: whole("Dead stock after", "days", 14, 730),
  /** Open alerts with less money at risk than this (shop currency) are summarised in one line, not listed. */
  alertSummaryBelow: formNumber("The amount alerts are listed from").min(0, "The amount alerts are listed from cannot be negative").max(1_000_000, "The amount alerts are listed from must be at most 1,000,000"),
  /** Open-to-buy per month ("2026-12" -> amount in the shop's currency). Months without one are not capped. */
  openToBuy: z.record(z.string().regex(MONTH_KEY, "Months are written YYYY-MM"), formNumber("A month's budget").min(0, "A budget cannot be negative")),
});

export type PlanSettings = z.infer<typeof planSettingsSchema>;

export const DEFAULT_PLAN_SETTINGS: PlanSettings = {
  serviceLevels: { A: 98, B: 95, C: 90 },
  abcCutoffs: { a: 80, b: 95 },
  defaultLeadTimeDays: 28,
  reviewDays: 7,
  horizonWeeks: 26,
  overstockWeeks: 26,
  deadStockDays: 90,
  alertSummaryBelow: 25,
  openToBuy: {},
};

/** Stored settings merged over the defaults, field group by field group; an invalid group keeps its default. */
export function readPlanSettings(stored: unknown): PlanSettings {
  const record = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const merged = { ...DEFAULT_PLAN_SETTINGS } as Record<string, unknown>;
  const shape = planSettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof PlanSettings)[]) {
    if (!(key in record)) continue;
    const parsed = shape[key].safeParse(record[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged as PlanSettings;
}

export type FieldErrors = Record<string, string>;

/** Validates a whole settings object from a form; errors keyed by dotted path ("serviceLevels.A"). */
export function validatePlanSettings(candidate: unknown): { ok: true; settings: PlanSettings } | { ok: false; errors: FieldErrors } {
  const parsed = planSettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}
