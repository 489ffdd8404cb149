import { createContext, useContext, useMemo, type ReactNode } from "react";
import * as format from "~/platform/format";
import type { ShopFormat } from "~/platform/format";

const FormatContext = createContext<ShopFormat>({ locale: "en-US", currencyCode: "USD", timezone: "UTC" });

export function FormatProvider({ value, children }: { value: ShopFormat; children: ReactNode }) {
  return <FormatContext.Provider value={value}>{children}</FormatContext.Provider>;
}

/** The shop's formatters, bound to its currency, the merchant's locale and the shop's time zone. */
export function useFormat() {
  const f = useContext(FormatContext);
  return useMemo(
    () => ({
      ...f,
      money: (amount: number | null | undefined, options?: { whole?: boolean }) => format.formatMoney(amount, f, options),
      number: (value: number | null | undefined, digits?: number) => format.formatNumber(value, f, digits),
      count: (count: number, noun: string, pluralNoun?: string) => format.formatCount(count, noun, f, pluralNoun),
      percent: (value: number | null | undefined, digits?: number) => format.formatPercent(value, f, digits),
      weeks: (weeks: number | null | undefined) => format.formatWeeksOfSupply(weeks, f),
      day: (day: string | null | undefined, options?: { year?: boolean }) => format.formatDay(day, f, options),
      month: (month: string) => format.formatMonthLabel(month, f),
      moment: (iso: string | null | undefined) => format.formatMoment(iso, f),
    }),
    [f],
  );
}
