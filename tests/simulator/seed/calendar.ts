/** Day arithmetic on UTC days: the simulation runs in whole days indexed from the history start. */
export const MS_PER_DAY = 86_400_000;
export const SECONDS_PER_DAY = 86_400;

export function parseDay(isoDate: string): number {
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`invalid date: ${isoDate}`);
  return ms;
}

/** "2025-03-01T" for each simulated day, so timestamps are cheap string concatenations. */
export function dayPrefixes(startMs: number, days: number): string[] {
  const prefixes: string[] = new Array<string>(days);
  for (let day = 0; day < days; day++) {
    prefixes[day] = new Date(startMs + day * MS_PER_DAY).toISOString().slice(0, 11);
  }
  return prefixes;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function timeOfDay(secondOfDay: number): string {
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(secondOfDay % 60)}Z`;
}

const dayPrefixCache = new Map<number, string>();

/** ISO timestamp of a second within a day counted from startMs; day strings are cached (this runs millions of times). */
export function isoAt(startMs: number, day: number, secondOfDay = 0): string {
  const dayMs = startMs + day * MS_PER_DAY;
  let prefix = dayPrefixCache.get(dayMs);
  if (prefix === undefined) {
    prefix = new Date(dayMs).toISOString().slice(0, 11);
    dayPrefixCache.set(dayMs, prefix);
  }
  return prefix + timeOfDay(secondOfDay);
}

/** Day of year 0..365 and weekday 0 (Sunday)..6 for each simulated day. */
export function calendarOf(startMs: number, days: number): { dayOfYear: Uint16Array; weekday: Uint8Array; month: Uint8Array; dayOfMonth: Uint8Array } {
  const dayOfYear = new Uint16Array(days);
  const weekday = new Uint8Array(days);
  const month = new Uint8Array(days);
  const dayOfMonth = new Uint8Array(days);
  for (let day = 0; day < days; day++) {
    const date = new Date(startMs + day * MS_PER_DAY);
    const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
    dayOfYear[day] = Math.floor((date.getTime() - yearStart) / MS_PER_DAY);
    weekday[day] = date.getUTCDay();
    month[day] = date.getUTCMonth();
    dayOfMonth[day] = date.getUTCDate();
  }
  return { dayOfYear, weekday, month, dayOfMonth };
}
