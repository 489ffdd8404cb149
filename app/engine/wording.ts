/**
 * How the planning core writes dates, spans and rates in its reasons: "12 Jan" (with the year
 * when it is a year or more away), "Dec 2026", "3.1 weeks", "~14/wk", "~1 every 5 weeks".
 * Reasons are stored with the numbers and shown as they are.
 */
import { formatUnits } from "./forecast/explain";
import { daysBetween } from "./forecast/weekly";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export function formatDay(date: string, referenceDate?: string): string {
  const [year, month, day] = date.split("-");
  const label = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}`;
  // Within about eleven months of the plan date the year goes without saying.
  const near = referenceDate !== undefined && Math.abs(daysBetween(referenceDate, date)) < 330;
  return near || referenceDate === undefined ? label : `${label} ${year}`;
}

/** "2026-12" -> "Dec 2026". */
export function formatMonth(month: string): string {
  const [year, number] = month.split("-");
  return `${MONTHS[Number(number) - 1] ?? number} ${year}`;
}

/** "3.1 weeks", "1 week", "over 52 weeks". */
export function formatWeeks(weeks: number): string {
  if (weeks > 52) return "over 52 weeks";
  const rounded = weeks < 10 ? Math.round(weeks * 10) / 10 : Math.round(weeks);
  return `${rounded} week${rounded === 1 ? "" : "s"}`;
}

/** A sales rate: "~14/wk", or for slow movers "~1 every 6 weeks". */
export function formatRate(weeklyRate: number): string {
  if (!(weeklyRate > 0)) return "no sales forecast";
  if (weeklyRate >= 0.95) return `~${formatUnits(weeklyRate)}/wk`;
  const every = Math.round(1 / weeklyRate);
  return every > 52 ? "under 1 a year" : `~1 every ${every} week${every === 1 ? "" : "s"}`;
}

/** "Linen shirt / M", or just "Linen shirt" for a product with one variant (Shopify titles it "Default Title"). */
export function variantLabel(productTitle: string, variantTitle: string): string {
  return variantTitle && variantTitle !== "Default Title" ? `${productTitle} / ${variantTitle}` : productTitle;
}
