/**
 * Daily demand summed while a first backfill streams its orders, so it needs no second
 * pass over the stored lines. It must give exactly what `rebuildAllDemand`
 * (app/persistence/demand.server.ts) computes in SQL from the same rows: the same
 * filter, the shop-local day of `processedAt`, and PostgreSQL's numeric arithmetic
 * for revenue (values stored at numeric(18,4), the discount share divided at the scale
 * PostgreSQL's `numeric / numeric` picks, rounded to four places at the end).
 * Memory grows with variant x location x day keys, never with lines.
 */
import type { DemandRow } from "~/persistence/demand.server";
import { refundedQuantity, removedQuantity, type OrderLineRecord, type OrderRecord } from "~/shopify/sync-records";

/** Revenue is summed at this many decimals (PostgreSQL's division scale stays below it for int quantities). */
const SUM_SCALE = 40;
const TEN = 10n;
const pow10 = (n: number) => TEN ** BigInt(n);
const SCALE_UP_4 = pow10(SUM_SCALE - 4);

/** A decimal string at numeric(18,4): scaled by 10^4, rounded half away from zero as PostgreSQL's input does. Null when not a plain decimal. */
export function scaled4(text: string): bigint | null {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return null;
  const fraction = match[3] ?? "";
  let units = BigInt(`${match[2] || "0"}${fraction.slice(0, 4).padEnd(4, "0")}`);
  if (fraction.length > 4 && fraction.charCodeAt(4) >= 0x35) units += 1n;
  return match[1] === "-" ? -units : units;
}

/** Base-10000 weight and first digit of |units| x 10^-scale (scale a multiple of 4), as PostgreSQL stores numerics. */
function weightAndFirstDigit(units: bigint, scale: number): { weight: number; first: number } {
  const abs = units < 0n ? -units : units;
  if (abs === 0n) return { weight: 0, first: 0 };
  const groups = Math.ceil(abs.toString().length / 4);
  return { weight: groups - 1 - scale / 4, first: Number(abs / 10_000n ** BigInt(groups - 1)) };
}

/**
 * (a x 10^-4) / q as PostgreSQL's numeric division gives it, scaled by 10^SUM_SCALE:
 * the result scale of select_div_scale (16 significant digits, at least the inputs'
 * scales), rounded half away from zero there.
 */
export function pgDivScaled(a: bigint, q: number): bigint {
  const dividend = weightAndFirstDigit(a, 4);
  const divisor = weightAndFirstDigit(BigInt(q), 0);
  let qweight = dividend.weight - divisor.weight;
  if (dividend.first <= divisor.first) qweight--;
  const rscale = Math.min(1000, Math.max(16 - qweight * 4, 4, 0));
  if (rscale > SUM_SCALE) throw new RangeError(`division scale ${rscale} above ${SUM_SCALE}`);
  const n = a * pow10(rscale - 4);
  const d = BigInt(q);
  const negative = n < 0n !== d < 0n;
  const absN = n < 0n ? -n : n;
  const absD = d < 0n ? -d : d;
  const rounded = (absN * 2n + absD) / (absD * 2n);
  return (negative ? -rounded : rounded) * pow10(SUM_SCALE - rscale);
}

/** ROUND(x, 4) of a value scaled by 10^SUM_SCALE, as numeric text with four decimals. */
function roundTo4(total: bigint): string {
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const rounded = (abs * 2n + SCALE_UP_4) / (SCALE_UP_4 * 2n);
  const digits = rounded.toString().padStart(5, "0");
  const text = `${digits.slice(0, -4)}.${digits.slice(-4)}`;
  return negative && rounded !== 0n ? `-${text}` : text;
}

/**
 * Shop-local calendar day of an instant, through the runtime's time zone data. The UTC
 * offset is looked up once per quarter hour and reused when it is the same at both ends.
 */
export function localDayOf(timezone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const offsetAt = (ms: number): number => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wall - Math.floor(ms / 1000) * 1000;
  };
  const QUARTER = 900_000;
  const offsets = new Map<number, number | null>();
  const dayText = (localMs: number) => new Date(localMs).toISOString().slice(0, 10);
  return (ms: number) => {
    const bucket = Math.floor(ms / QUARTER);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const start = offsetAt(bucket * QUARTER);
      offset = start === offsetAt(bucket * QUARTER + QUARTER - 1) ? start : null;
      offsets.set(bucket, offset);
    }
    return dayText(ms + (offset ?? offsetAt(ms)));
  };
}

interface Cell {
  variantId: bigint;
  locationId: bigint;
  day: string;
  units: number;
  discountedUnits: number;
  /** Sum of net x unit price, scaled by 10^4: a safe integer, so exact (checked). */
  gross: number;
  /** Sum of the discount shares, scaled by 10^SUM_SCALE. */
  discounts: bigint;
}

export class DemandAccumulator {
  private readonly cells = new Map<string, Cell>();
  private readonly dayOf: (ms: number) => string;
  private readonly amounts = new Map<string, { big: bigint; num: number } | null>();
  /** False once a value could not be followed exactly (the caller rebuilds in SQL instead). */
  exact = true;

  constructor(timezone: string) {
    this.dayOf = localDayOf(timezone);
  }

  get size(): number {
    return this.cells.size;
  }

  private amount(text: string): { big: bigint; num: number } {
    let value = this.amounts.get(text);
    if (value === undefined) {
      const big = scaled4(text);
      value = big === null ? null : { big, num: Number(big) };
      if (this.amounts.size < 100_000) this.amounts.set(text, value);
    }
    if (value === null || !Number.isSafeInteger(value.num)) {
      this.exact = false;
      return { big: 0n, num: 0 };
    }
    return value;
  }

  /** Adds one batch: lines whose order is not in `orders` are ignored, as the stored lines would be (the writer drops nothing, they come together). */
  add(orders: readonly OrderRecord[], lines: readonly OrderLineRecord[]): void {
    const orderById = new Map(orders.map((o) => [o.id, o]));
    for (const line of lines) {
      const order = orderById.get(line.orderId);
      if (!order) {
        this.exact = false; // a line stored without its order would not count in SQL; never seen from the export
        continue;
      }
      if (order.cancelledAt || order.test || line.variantId === null) continue;
      const refunded = refundedQuantity(order, line);
      const net = line.quantity - refunded - removedQuantity(line, refunded);
      const locationId = order.locationId ?? 0n;
      const day = this.dayOf(order.processedAt.getTime());
      const key = `${line.variantId}|${locationId}|${day}`;
      let cell = this.cells.get(key);
      if (!cell) {
        cell = { variantId: line.variantId, locationId, day, units: 0, discountedUnits: 0, gross: 0, discounts: 0n };
        this.cells.set(key, cell);
      }
      const discount = this.amount(line.discount);
      cell.units += net;
      if (discount.num > 0) cell.discountedUnits += net;
      cell.gross += net * this.amount(line.unitPrice).num;
      if (!Number.isSafeInteger(cell.gross)) this.exact = false;
      if (discount.num !== 0 && line.quantity > 0 && net !== 0) {
        try {
          cell.discounts += pgDivScaled(discount.big * BigInt(net), line.quantity);
        } catch {
          this.exact = false;
        }
      }
    }
  }

  /** Keys with net sales, in primary-key order (variant, location, day) so they append to its index. */
  rows(): DemandRow[] {
    const out: DemandRow[] = [];
    for (const cell of this.cells.values()) {
      if (cell.units <= 0) continue;
      out.push({
        variantId: cell.variantId,
        locationId: cell.locationId,
        day: cell.day,
        units: cell.units,
        discountedUnits: cell.discountedUnits,
        revenue: roundTo4(BigInt(cell.gross) * SCALE_UP_4 - cell.discounts),
      });
    }
    return out.sort((a, b) =>
      a.variantId !== b.variantId ? (a.variantId < b.variantId ? -1 : 1) : a.locationId !== b.locationId ? (a.locationId < b.locationId ? -1 : 1) : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
    );
  }
}
