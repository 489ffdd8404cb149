/** Shopify money shapes (MoneyV2, MoneyBag) from decimal strings, computed in integer cents. */

export function toCents(amount: string | number): number {
  return Math.round(Number(amount) * 100);
}

/** Formats like Shopify's Decimal: "19.99", "20.0". */
export function formatDecimal(cents: number): string {
  const value = cents / 100;
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toFixed(2)));
}

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}

export function moneyV2(cents: number, currencyCode: string): MoneyV2 {
  return { amount: formatDecimal(cents), currencyCode };
}

export function moneyBag(cents: number, currencyCode: string): { shopMoney: MoneyV2; presentmentMoney: MoneyV2 } {
  const money = moneyV2(cents, currencyCode);
  return { shopMoney: money, presentmentMoney: { ...money } };
}
