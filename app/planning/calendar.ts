/**
 * Shop-local calendar days as "YYYY-MM-DD" strings for the planning core, and how a reason
 * sentence writes them ("12 Jan", or "12 Jan 2028" when it is a year or more away).
 */
import { daysBetween } from "./forecast/weekly";

export { addDays, daysBetween, fromDayNumber, toDayNumber, weekdayOfDay, weekStartOf } from "./forecast/weekly";

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
