/**
 * Daily demand summed while a first backfill streams its orders, so it needs no second
 * pass over the stored lines. It must give exactly what `rebuildAllDemand`
 * (app/sync/queries/demand.server.ts) computes in SQL from the same rows: the same
 * filter, the shop-local day of `processedAt`, and PostgreSQL's numeric arithmetic
 * for revenue (values stored at numeric(18,4), the discount share divided at the scale
 * PostgreSQL's `numeric / numeric` picks, each line rounded to four places as the rebuild does).
 * Memory grows with variant x location x day keys, never with lines.
 */
import type { DemandRow } from "~/sync/queries/demand.server";
import { refundedQuantity, removedQuantity, type OrderLineRecord, type OrderRecord } from "~/shopify/sync-records";

/** Revenue is summed at this many decimals (PostgreSQL's division scale stays below it for int quantities). */
const SUM_SCALE = 40;
const POW10 = Array.from({ length: SUM_SCALE + 1 }, (_, n) => 10n ** BigInt(n));
const pow10 = (n: number) => POW10[n] ?? 10n ** BigInt(n);
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
  const digits = abs.toString();
  const groups = Math.ceil(digits.length / 4);
  return { weight: groups - 1 - scale / 4, first: Number(digits.slice(0, digits.length - (groups - 1) * 4)) };
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

/** ROUND(x, 4) of a value scaled by 10^SUM_SCALE (half away from zero, as PostgreSQL), scaled by 10^4. */
function round40To4(value: bigint): bigint {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const rounded = (abs * 2n + SCALE_UP_4) / (SCALE_UP_4 * 2n);
  return negative ? -rounded : rounded;
}

/**
 * Shop-local calendar day of an instant (days since 1970-01-01), through the runtime's
 * time zone data. The UTC offset is looked up once per UTC day (Intl is slow) and used
 * for that whole day when it is the same at its start, middle and end; on a day with a
 * change of offset each instant is looked up.
 */
export function localDayOf(timezone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const offsetAt = (ms: number): number => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wall - Math.floor(ms / 1000) * 1000;
  };
  const offsets = new Map<number, number | null>();
  return (ms: number) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = offsets.get(utcDay);
    if (offset === undefined) {
      const start = offsetAt(utcDay * DAY_MS);
      offset = start === offsetAt(utcDay * DAY_MS + DAY_MS / 2) && start === offsetAt(utcDay * DAY_MS + DAY_MS - 1) ? start : null;
      offsets.set(utcDay, offset);
    }
    return Math.floor((ms + (offset ?? offsetAt(ms))) / DAY_MS);
  };
}

const DAY_MS = 86_400_000;
/** Days a cell key leaves room for: 22 years either side of the first order's day (beyond, the SQL rebuild). */
const DAY_SPAN = 1 << 14;
const LOCATIONS = 64;

/** Growable column of numbers. */
class Column<T extends Int32Array | Float64Array> {
  constructor(
    public values: T,
    private readonly make: (size: number) => T,
  ) {}
  ensure(size: number): void {
    if (size <= this.values.length) return;
    const grown = this.make(Math.max(size, this.values.length * 2));
    grown.set(this.values);
    this.values = grown;
  }
}

/**
 * Cells of (variant, location, day) in typed arrays, found by one numeric key: a few
 * dozen bytes a cell, so a shop with a million sales days stays in tens of megabytes.
 */
export class DemandAccumulator {
  private readonly dayOf: (ms: number) => number;
  private readonly amounts = new Map<string, { big: bigint; num: number } | null>();
  private readonly variants: bigint[] = [];
  private readonly locationSlot = new Map<bigint, number>();
  private readonly locations: bigint[] = [];
  /** Per variant: its slot, and its pair slot per location slot. Pairs keep cell keys small integers (V8's fast map keys). */
  private readonly pairsOfVariant = new Map<bigint, { variant: number; byLocation: number[] }>();
  /** Pair slot -> variant slot x 64 + location slot. */
  private readonly pairs: number[] = [];
  private dayBase: number | null = null;
  private readonly cellOf = new Map<number, number>();
  private readonly keys = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly units = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly discountedUnits = new Column(new Int32Array(1024), (n) => new Int32Array(n));
  /** Sum of the lines' revenue (each rounded to four decimals) per cell, scaled by 10^4: kept a safe integer, so exact (checked). */
  private readonly gross = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  /** False once a value could not be followed exactly (the caller rebuilds in SQL instead). */
  exact = true;

  /**
   * `maxCells` bounds memory whatever the shop's size (about 150 bytes a cell): past it the
   * sum is dropped and demand comes from the SQL rebuild.
   */
  constructor(
    timezone: string,
    private readonly maxCells = 2_000_000,
  ) {
    this.dayOf = localDayOf(timezone);
  }

  private abandon(): void {
    this.exact = false;
    this.cellOf.clear();
    this.pairsOfVariant.clear();
    for (const column of [this.keys, this.gross]) column.values = new Float64Array(0);
    for (const column of [this.units, this.discountedUnits]) column.values = new Int32Array(0);
  }

  get size(): number {
    return this.cellOf.size;
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

  private slot(id: bigint, slots: Map<bigint, number>, ids: bigint[]): number {
    let slot = slots.get(id);
    if (slot === undefined) {
      slot = ids.length;
      slots.set(id, slot);
      ids.push(id);
    }
    return slot;
  }

  private cell(variantId: bigint, location: number, offset: number): number {
    let pairs = this.pairsOfVariant.get(variantId);
    if (pairs === undefined) {
      pairs = { variant: this.variants.length, byLocation: [] };
      this.variants.push(variantId);
      // Past this the rank keys of rows() would lose precision: the SQL rebuild takes over.
      if (pairs.variant >= 2 ** 19) this.exact = false;
      this.pairsOfVariant.set(variantId, pairs);
    }
    let pair = pairs.byLocation[location];
    if (pair === undefined) {
      pair = this.pairs.length;
      this.pairs.push(pairs.variant * LOCATIONS + location);
      pairs.byLocation[location] = pair;
    }
    const key = pair * DAY_SPAN + offset;
    let cell = this.cellOf.get(key);
    if (cell === undefined) {
      cell = this.cellOf.size;
      this.cellOf.set(key, cell);
      for (const column of [this.keys, this.units, this.discountedUnits, this.gross]) column.ensure(cell + 1);
      this.keys.values[cell] = key;
    }
    return cell;
  }

  /** Adds one batch of the export; every line comes in the same batch as its order. */
  add(orders: readonly OrderRecord[], lines: readonly OrderLineRecord[]): void {
    if (!this.exact) return; // nothing it sums will be used
    const orderById = new Map<bigint, { order: OrderRecord; location: number; offset: number }>();
    for (const order of orders) {
      const day = this.dayOf(order.processedAt.getTime());
      this.dayBase ??= day - DAY_SPAN / 2;
      const offset = day - this.dayBase;
      const location = this.slot(order.locationId ?? 0n, this.locationSlot, this.locations);
      // Past these sizes cell keys would collide: the SQL rebuild takes over.
      if (location >= LOCATIONS || offset < 0 || offset >= DAY_SPAN) this.exact = false;
      orderById.set(order.id, { order, location, offset });
    }
    for (const line of lines) {
      const found = orderById.get(line.orderId);
      if (!found) {
        this.exact = false; // a line stored without its order would not count in SQL; never seen from the export
        continue;
      }
      const { order, location, offset } = found;
      if (order.cancelledAt || order.test || line.variantId === null) continue;
      const refunded = refundedQuantity(order, line);
      const net = line.quantity - refunded - removedQuantity(line, refunded);
      const cell = this.cell(line.variantId, location, offset);
      const discount = this.amount(line.discount);
      const units = this.units.values;
      units[cell] = units[cell]! + net;
      const discounted = this.discountedUnits.values;
      if (discount.num > 0) discounted[cell] = discounted[cell]! + net;
      // The line's revenue, rounded to four decimals per line as the SQL does (so webhook deltas add up to a rebuild).
      let revenue = net * this.amount(line.unitPrice).num;
      if (discount.num !== 0 && line.quantity > 0 && net !== 0) {
        const share = discount.num * net;
        if (Number.isSafeInteger(share) && share % line.quantity === 0) {
          revenue -= share / line.quantity; // divides exactly at four decimals (always at quantity 1): no rounding
        } else {
          try {
            revenue = Number(round40To4(BigInt(revenue) * SCALE_UP_4 - pgDivScaled(discount.big * BigInt(net), line.quantity)));
          } catch {
            this.exact = false;
          }
        }
      }
      const grossColumn = this.gross.values;
      const gross = (grossColumn[cell] = grossColumn[cell]! + revenue);
      if (!Number.isSafeInteger(revenue) || !Number.isSafeInteger(gross)) this.exact = false;
    }
    if (!this.exact || this.cellOf.size > this.maxCells) this.abandon();
  }

  /** Keys with net sales, in primary-key order (variant, location, day) so they append to its index; produced one at a time. */
  *rows(): Generator<DemandRow> {
    const ranked = (ids: readonly bigint[]) => ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const variantBySlotRank = ranked(this.variants);
    const locationBySlotRank = ranked(this.locations);
    const variantRank = new Float64Array(this.variants.length);
    variantBySlotRank.forEach((slot, r) => (variantRank[slot] = r));
    const locationRank = new Float64Array(this.locations.length);
    locationBySlotRank.forEach((slot, r) => (locationRank[slot] = r));
    // (variant rank, location rank, day) in one number: a plain numeric sort (no comparator) puts cells in key order.
    const count = this.cellOf.size;
    const sorted = new Float64Array(count);
    const keys = this.keys.values;
    for (let cell = 0; cell < count; cell++) {
      const key = keys[cell]!;
      const offset = key % DAY_SPAN;
      const pairIndex = this.pairs[(key - offset) / DAY_SPAN]!;
      const location = pairIndex % LOCATIONS;
      sorted[cell] = (variantRank[(pairIndex - location) / LOCATIONS]! * LOCATIONS + locationRank[location]!) * DAY_SPAN + offset;
    }
    sorted.sort();
    const dayText = new Map<number, string>();
    const dayBase = this.dayBase ?? 0;
    const pairOf = new Map(this.pairs.map((pairIndex, pair) => [pairIndex, pair]));
    for (const rankKey of sorted) {
      const offset = rankKey % DAY_SPAN;
      const ranks = (rankKey - offset) / DAY_SPAN;
      const location = locationBySlotRank[ranks % LOCATIONS]!;
      const variant = variantBySlotRank[(ranks - (ranks % LOCATIONS)) / LOCATIONS]!;
      const pair = pairOf.get(variant * LOCATIONS + location)!;
      const cell = this.cellOf.get(pair * DAY_SPAN + offset)!;
      const units = this.units.values[cell]!;
      if (units <= 0) continue;
      let text = dayText.get(offset);
      if (text === undefined) dayText.set(offset, (text = new Date((dayBase + offset) * DAY_MS).toISOString().slice(0, 10)));
      const gross = this.gross.values[cell]!;
      yield {
        variantId: this.variants[variant]!,
        locationId: this.locations[location]!,
        day: text,
        units,
        discountedUnits: this.discountedUnits.values[cell]!,
        revenue: fixed4(gross),
      };
    }
  }
}

/** A safe integer scaled by 10^4 as numeric text with four decimals. */
function fixed4(scaled: number): string {
  const abs = Math.abs(scaled);
  const fraction = abs % 10_000;
  const text = `${(abs - fraction) / 10_000}.${fraction < 10 ? "000" : fraction < 100 ? "00" : fraction < 1000 ? "0" : ""}${fraction}`;
  return scaled < 0 ? `-${text}` : text;
}
