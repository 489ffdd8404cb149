/**
 * An order's total: the cost of the lines that have a unit cost, and how many do not (one
 * missing cost must not blank the total). The list, the order page, its print and its CSV all
 * show this one figure; the list's SQL sums the same way (SUM skips a line without a cost).
 */
export function costedTotal(lines: readonly { quantityOrdered: number; unitCost: number | null }[]): { total: number | null; uncosted: number } {
  const costed = lines.filter((l) => l.unitCost !== null);
  return {
    total: costed.length === 0 ? null : costed.reduce((sum, l) => sum + l.quantityOrdered * (l.unitCost ?? 0), 0),
    uncosted: lines.length - costed.length,
  };
}

export function uncostedNote(uncosted: number): string | null {
  if (uncosted === 0) return null;
  return `${uncosted} line${uncosted === 1 ? " has" : "s have"} no unit cost and ${uncosted === 1 ? "is" : "are"} left out of the total.`;
}
