/** A purchase order as the CSV a supplier or a spreadsheet takes: one line per variant, totals last. */
import { stringify } from "csv-stringify/sync";
import type { PurchaseOrderView } from "./queries.server";

export function purchaseOrderCsv(order: PurchaseOrderView): string {
  const money = (value: number | null) => (value === null ? "" : value.toFixed(4).replace(/0{1,2}$/, ""));
  const rows: (string | number)[][] = [["po_number", "supplier", "location", "status", "expected", "sku", "product", "variant", "quantity_ordered", "quantity_received", "unit_cost", "line_cost", "currency"]];
  for (const line of order.lines) {
    rows.push([
      `PO-${order.number}`,
      order.supplierName ?? "",
      order.locationName,
      order.status,
      order.expectedAt ?? "",
      line.sku ?? "",
      line.productTitle,
      line.variantTitle,
      line.quantityOrdered,
      line.quantityReceived,
      money(line.unitCost),
      money(line.unitCost === null ? null : line.unitCost * line.quantityOrdered),
      order.currencyCode ?? "",
    ]);
  }
  rows.push([`PO-${order.number}`, "", "", "", "", "", "Total", "", order.unitsOrdered, order.unitsReceived, "", money(order.total), order.currencyCode ?? ""]);
  return stringify(rows);
}

export function purchaseOrderFileName(order: Pick<PurchaseOrderView, "number" | "supplierName">): string {
  const supplier = (order.supplierName ?? "no-supplier").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `PO-${order.number}-${supplier}.csv`;
}
