/** What a line's numbers become as its quantity is edited, before the server has seen it. */
export interface EditableLine {
  unitCost: number | null;
  available: number;
  inbound: number;
  weeklyRate: number;
}

export function lineCost(line: Pick<EditableLine, "unitCost">, quantity: number): number | null {
  return line.unitCost === null ? null : line.unitCost * quantity;
}

/** Weeks the stock lasts now, and once this order (and everything already on order) has arrived. */
export function weeksOfSupply(line: EditableLine, quantity: number): { now: number | null; after: number | null } {
  if (!(line.weeklyRate > 0)) return { now: null, after: null };
  return { now: Math.max(0, line.available) / line.weeklyRate, after: (Math.max(0, line.available) + line.inbound + quantity) / line.weeklyRate };
}

/** Groups lines by supplier in the order given, for the table's subheaders. */
export function groupBySupplier<T extends { supplierId: number | null; supplierName: string | null }>(lines: readonly T[]): { key: string; name: string; lines: T[] }[] {
  const groups = new Map<string, { key: string; name: string; lines: T[] }>();
  for (const line of lines) {
    const key = line.supplierId === null ? "none" : String(line.supplierId);
    const group = groups.get(key) ?? { key, name: line.supplierName ?? "No supplier (shop defaults)", lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  }
  return [...groups.values()];
}
