/**
 * Approved lines as the purchase orders they become, one per supplier and location: the grouping
 * that creates the orders, and the confirmation that shows them first (lines, units, money).
 */
import { costedTotal } from "~/engine/purchase-orders/order-total";

interface OrderableLine {
  supplierId: number | null;
  locationId: bigint;
  quantity: number;
  unitCost: { toString(): string } | number | null;
}

/** One group per draft purchase order, in the order the lines came. */
export function groupIntoPurchaseOrders<T extends Pick<OrderableLine, "supplierId" | "locationId">>(lines: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const line of lines) {
    const key = `${line.supplierId ?? "none"}:${line.locationId}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()];
}

export interface OrderPreviewGroup {
  supplier: string;
  location: string;
  lines: number;
  units: number;
  /** The order's total as its page will show it: costed lines only. */
  total: number | null;
  uncosted: number;
}

export interface OrderPreview {
  orders: OrderPreviewGroup[];
  lines: number;
  units: number;
  total: number | null;
  uncosted: number;
  /** Selected lines that are not approved, and stay where they are. */
  skipped: number;
}

const NO_SUPPLIER = "No supplier (shop defaults)";

export function previewPurchaseOrders(
  lines: readonly OrderableLine[],
  names: { suppliers: ReadonlyMap<number, string>; locations: ReadonlyMap<string, string> },
  selected: number,
): OrderPreview {
  const costLines = (group: readonly OrderableLine[]) => group.map((l) => ({ quantityOrdered: l.quantity, unitCost: l.unitCost === null ? null : Number(l.unitCost) }));
  const orders = groupIntoPurchaseOrders(lines).map((group) => {
    const first = group[0]!;
    const { total, uncosted } = costedTotal(costLines(group));
    return {
      supplier: first.supplierId === null ? NO_SUPPLIER : (names.suppliers.get(first.supplierId) ?? NO_SUPPLIER),
      location: names.locations.get(first.locationId.toString()) ?? "Unknown location",
      lines: group.length,
      units: group.reduce((sum, l) => sum + l.quantity, 0),
      total,
      uncosted,
    };
  });
  const { total, uncosted } = costedTotal(costLines(lines));
  return { orders, lines: lines.length, units: orders.reduce((sum, o) => sum + o.units, 0), total, uncosted, skipped: selected - lines.length };
}
