/**
 * Numbers, money and dates as a merchant reads them: money in the shop's currency with its own
 * decimals (JPY none, KWD three), in the merchant's locale; plan days (YYYY-MM-DD, already the
 * shop's calendar) as dates; moments (ISO timestamps) in the shop's time zone.
 */
export interface ShopFormat {
  locale: string;
  currencyCode: string;
  timezone: string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Intl formatters are costly to build: one per locale and options. A bad currency or zone falls back. */
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T, fallback: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    try {
      format = make();
    } catch {
      format = fallback();
    }
    cache.set(key, format);
  }
  return format;
}

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en-US";
  } catch {
    return "en-US";
  }
}

export function formatMoney(amount: number | null | undefined, f: ShopFormat, options: { whole?: boolean } = {}): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return "—";
  const locale = safeLocale(f.locale);
  const key = `money|${locale}|${f.currencyCode}|${options.whole ? 1 : 0}`;
  const format = cached(
    key,
    () => new Intl.NumberFormat(locale, { style: "currency", currency: f.currencyCode, ...(options.whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}) }),
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
  );
  return format.format(amount);
}

export function formatNumber(value: number | null | undefined, f: Pick<ShopFormat, "locale">, maximumFractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const locale = safeLocale(f.locale);
  const make = () => new Intl.NumberFormat(locale, { maximumFractionDigits });
  return cached(`number|${locale}|${maximumFractionDigits}`, make, make).format(value);
}

/** "1 variant", "2,310 variants": a whole count with its noun, singular only for exactly one. */
export function formatCount(count: number, noun: string, f: Pick<ShopFormat, "locale">, pluralNoun = `${noun}s`): string {
  return `${formatNumber(count, f)} ${count === 1 ? noun : pluralNoun}`;
}

export function formatPercent(value: number | null | undefined, f: Pick<ShopFormat, "locale">, maximumFractionDigits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const locale = safeLocale(f.locale);
  const make = () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits });
  return cached(`pct|${locale}|${maximumFractionDigits}`, make, make).format(value);
}

/** Weeks of supply: one decimal under ten, whole above, "52+" past a year. */
export function formatWeeksOfSupply(weeks: number | null | undefined, f: Pick<ShopFormat, "locale">): string {
  if (weeks === null || weeks === undefined || !Number.isFinite(weeks)) return "—";
  if (weeks > 52) return "52+ wk";
  return `${formatNumber(weeks, f, weeks < 10 ? 1 : 0)} wk`;
}

/** A plan day (YYYY-MM-DD in the shop's calendar): no time zone shift. */
export function formatDay(day: string | null | undefined, f: Pick<ShopFormat, "locale">, options: { year?: boolean } = {}): string {
  if (!day) return "—";
  const locale = safeLocale(f.locale);
  const make = () => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", ...(options.year ? { year: "numeric" } : {}), timeZone: "UTC" });
  const format = cached(`day|${locale}|${options.year ? 1 : 0}`, make, make);
  return format.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** A moment (ISO timestamp) in the shop's time zone. */
export function formatMoment(iso: string | null | undefined, f: ShopFormat): string {
  if (!iso) return "—";
  const locale = safeLocale(f.locale);
  const options = { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" } as const;
  const format = cached(
    `moment|${locale}|${f.timezone}`,
    () => new Intl.DateTimeFormat(locale, { ...options, timeZone: f.timezone }),
    () => new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }),
  );
  return format.format(new Date(iso));
}

/** A month (YYYY-MM): "Dec 2026" in the merchant's locale. */
export function formatMonthLabel(month: string, f: Pick<ShopFormat, "locale">): string {
  const locale = safeLocale(f.locale);
  const make = () => new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  return cached(`month|${locale}`, make, make).format(new Date(`${month}-01T00:00:00Z`));
}
