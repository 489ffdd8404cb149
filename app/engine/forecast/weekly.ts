/**
 * Calendar helpers for demand history: sparse daily rows -> dense daily arrays -> weekly buckets.
 *
 * Dates are plain "YYYY-MM-DD" strings in the shop's calendar; internally a date is a
 * "day number" (days since 1970-01-01) so arithmetic never meets time zones or DST.
 *
 * Partial weeks: weeks are calendar weeks starting on `weekStartsOn` (1 = Monday, ISO,
 * 0 = Sunday, as Date#getUTCDay). A range that starts or ends mid-week yields a first/last
 * bucket covering fewer than 7 days. Each bucket reports `daysCovered` and `partial`, and the
 * caller picks a policy: "keep" (sum of the covered days), "scale" (sum × 7 / daysCovered,
 * a run-rate) or "drop" (leave the partial bucket out).
 */

export interface DailyDemandRow {
  date: string;
  units: number;
  discountedUnits: number;
  revenue: number;
}

export interface DateRange {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const ISO_WEEK_START: Weekday = 1;

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// A plan run converts the same few thousand calendar days millions of times (every day of every
// variant's history): each conversion is computed once and shared, which also keeps one string
// per day in memory instead of one per use. The caches stop growing at a size no calendar reaches.
const CACHE_LIMIT = 200_000;
const dayNumbers = new Map<string, number>();
const dayStrings = new Map<number, string>();
const weekSlots = new Map<string, number>();

export function toDayNumber(date: string): number {
  const cached = dayNumbers.get(date);
  if (cached !== undefined) return cached;
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: "${date}"`);
  const [, y, m, d] = match;
  const day = Math.round(Date.UTC(Number(y), Number(m) - 1, Number(d)) / MS_PER_DAY);
  if (dayNumbers.size < CACHE_LIMIT) dayNumbers.set(date, day);
  return day;
}

export function fromDayNumber(day: number): string {
  let text = dayStrings.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayStrings.size < CACHE_LIMIT) dayStrings.set(day, text);
  }
  return text;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): Weekday {
  return (((day + 4) % 7) + 7) % 7 as Weekday;
}

/** Position of a day inside its week: 0 for the week's first day … 6 for its last. */
export function dayIndexInWeek(day: number, weekStartsOn: Weekday = ISO_WEEK_START): number {
  return (weekdayOfDay(day) - weekStartsOn + 7) % 7;
}

export function weekStartDay(day: number, weekStartsOn: Weekday = ISO_WEEK_START): number {
  return day - dayIndexInWeek(day, weekStartsOn);
}

export function weekStartOf(date: string, weekStartsOn: Weekday = ISO_WEEK_START): string {
  return fromDayNumber(weekStartDay(toDayNumber(date), weekStartsOn));
}

/**
 * Week-of-year slot 0..51 for a week, taken from the week's middle day so a week straddling
 * New Year lands in the year holding most of its days. The rare 53rd week folds into slot 51.
 */
export function weekOfYearSlot(weekStart: string): number {
  const cached = weekSlots.get(weekStart);
  if (cached !== undefined) return cached;
  const middle = toDayNumber(weekStart) + 3;
  const year = new Date(middle * MS_PER_DAY).getUTCFullYear();
  const dayOfYear = middle - Math.round(Date.UTC(year, 0, 1) / MS_PER_DAY);
  const slot = Math.min(51, Math.floor(dayOfYear / 7));
  if (weekSlots.size < CACHE_LIMIT) weekSlots.set(weekStart, slot);
  return slot;
}

export interface DenseDaily {
  dates: string[];
  units: number[];
  discountedUnits: number[];
  revenue: number[];
}

/**
 * Fills every day of the range; days without a row are zero sales. Rows outside the range are
 * ignored and duplicate rows for one day are summed (e.g. several locations).
 */
export function densifyDaily(rows: readonly DailyDemandRow[], range: DateRange): DenseDaily {
  const first = toDayNumber(range.from);
  const length = toDayNumber(range.to) - first + 1;
  if (length <= 0) return { dates: [], units: [], discountedUnits: [], revenue: [] };
  const dense: DenseDaily = {
    dates: Array.from({ length }, (_, i) => fromDayNumber(first + i)),
    units: new Array<number>(length).fill(0),
    discountedUnits: new Array<number>(length).fill(0),
    revenue: new Array<number>(length).fill(0),
  };
  for (const row of rows) {
    const index = toDayNumber(row.date) - first;
    if (index < 0 || index >= length) continue;
    dense.units[index] = (dense.units[index] ?? 0) + row.units;
    dense.discountedUnits[index] = (dense.discountedUnits[index] ?? 0) + row.discountedUnits;
    dense.revenue[index] = (dense.revenue[index] ?? 0) + row.revenue;
  }
  return dense;
}

export interface WeekLayout {
  weekStarts: string[];
  /** Index into the daily arrays of each week's first covered day. */
  firstDayIndex: number[];
  daysCovered: number[];
  partial: boolean[];
}

/** The calendar weeks touched by `dayCount` consecutive days starting at `firstDate`. */
export function layoutWeeks(firstDate: string, dayCount: number, weekStartsOn: Weekday = ISO_WEEK_START): WeekLayout {
  const layout: WeekLayout = { weekStarts: [], firstDayIndex: [], daysCovered: [], partial: [] };
  const first = toDayNumber(firstDate);
  let index = 0;
  while (index < dayCount) {
    const weekStart = weekStartDay(first + index, weekStartsOn);
    const covered = Math.min(weekStart + 7 - (first + index), dayCount - index);
    layout.weekStarts.push(fromDayNumber(weekStart));
    layout.firstDayIndex.push(index);
    layout.daysCovered.push(covered);
    layout.partial.push(covered < 7);
    index += covered;
  }
  return layout;
}

export type PartialWeekPolicy = "keep" | "scale" | "drop";

export interface WeeklyBuckets {
  weekStarts: string[];
  totals: number[];
  daysCovered: number[];
  partial: boolean[];
}

export function sumByWeek(values: readonly number[], layout: WeekLayout): number[] {
  return layout.firstDayIndex.map((start, w) => {
    let total = 0;
    const covered = layout.daysCovered[w] ?? 0;
    for (let i = start; i < start + covered; i++) total += values[i] ?? 0;
    return total;
  });
}

/** Sums daily values (aligned with `firstDate`) into calendar weeks, applying the partial-week policy. */
export function bucketWeekly(
  values: readonly number[],
  firstDate: string,
  options: { weekStartsOn?: Weekday; partialWeeks?: PartialWeekPolicy } = {},
): WeeklyBuckets {
  const layout = layoutWeeks(firstDate, values.length, options.weekStartsOn ?? ISO_WEEK_START);
  const policy = options.partialWeeks ?? "keep";
  const sums = sumByWeek(values, layout);
  const buckets: WeeklyBuckets = { weekStarts: [], totals: [], daysCovered: [], partial: [] };
  layout.weekStarts.forEach((weekStart, w) => {
    const partial = layout.partial[w] ?? false;
    if (partial && policy === "drop") return;
    const covered = layout.daysCovered[w] ?? 7;
    const sum = sums[w] ?? 0;
    buckets.weekStarts.push(weekStart);
    buckets.totals.push(partial && policy === "scale" ? (sum * 7) / covered : sum);
    buckets.daysCovered.push(covered);
    buckets.partial.push(partial);
  });
  return buckets;
}

/** Week starts of `count` consecutive weeks beginning with the week that holds `date`. */
export function weekStartsFrom(date: string, count: number, weekStartsOn: Weekday = ISO_WEEK_START): string[] {
  const first = weekStartDay(toDayNumber(date), weekStartsOn);
  return Array.from({ length: count }, (_, i) => fromDayNumber(first + 7 * i));
}
