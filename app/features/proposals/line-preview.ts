/** What a line's numbers become as its quantity is edited, before the server has seen it. */
import { weeksOfSupply as forwardCoverage, type DemandForecast } from "~/engine/projection";

export interface EditableLine {
  unitCost: number | null;
  available: number;
  inbound: number;
  /** The line's forecast from its stock plan's date; null without one. */
  forecast: DemandForecast | null;
}

export const QUANTITY_MESSAGE = "Enter a whole number of units, at least 1.";

/** A typed quantity as whole units (at least 1), or null: the preview and the server accept the same text. */
export function parseLineQuantity(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  const quantity = Number(trimmed);
  return quantity >= 1 ? quantity : null;
}

export function lineCost(line: Pick<EditableLine, "unitCost">, quantity: number): number | null {
  return line.unitCost === null ? null : line.unitCost * quantity;
}

/**
 * Weeks of supply now (the stock plan's own figure, by the same function) and once this order
 * and everything already on order has arrived. "After" counts those units as sellable from the
 * plan date: it says how far the stock reaches with them, not when they land (the projection does).
 */
export function weeksOfSupply(line: EditableLine, quantity: number): { now: number | null; after: number | null } {
  if (!line.forecast) return { now: null, after: null };
  return { now: forwardCoverage(line.available, line.forecast), after: forwardCoverage(Math.max(0, line.available) + line.inbound + quantity, line.forecast) };
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

/** The label of a supplier group's checkbox: what ticking it selects (only this page's lines are selectable). */
export function groupSelectLabel(supplierName: string, linesOnPage: number, linesInAll: number): string {
  const lines = `${linesOnPage} line${linesOnPage === 1 ? "" : "s"}`;
  if (linesInAll > linesOnPage) return `Select the ${lines} of ${supplierName} on this page (of ${linesInAll})`;
  return linesOnPage === 1 ? `Select the 1 line of ${supplierName}` : `Select all ${lines} of ${supplierName}`;
}
