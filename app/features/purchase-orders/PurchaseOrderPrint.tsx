import { BlockStack, Box, Button, Card, DataTable, InlineStack, Page, Text } from "@shopify/polaris";
import type { PurchaseOrderView } from "./queries.server";
import { useFormat } from "~/ui/FormatContext";
import { costedTotal, uncostedNote } from "~/engine/purchase-orders/order-total";

/** The order as a document to print or save as PDF from the browser's print dialog. */
export function PurchaseOrderPrint({ order, shopName }: { order: PurchaseOrderView; shopName: string }) {
  const f = useFormat();
  const cost = costedTotal(order.lines);
  return (
    <Page backAction={{ content: `PO-${order.number}`, url: `/app/purchase-orders/${order.id}` }} title={`Purchase order PO-${order.number}`} narrowWidth={false}>
      {/* On paper: the document, without the button and the back arrow. */}
      <style>{"@media print { .tempo-screen-only, .Polaris-Page-Header__BreadcrumbWrapper { display: none !important; } }"}</style>
      <BlockStack gap="400">
        <div className="tempo-screen-only">
          <InlineStack align="end">
            <Button variant="primary" onClick={() => window.print()}>
              Print or save as PDF
            </Button>
          </InlineStack>
        </div>
        <Card>
          <BlockStack gap="400">
            <InlineStack align="space-between" blockAlign="start">
              <BlockStack gap="100">
                <Text as="h1" variant="headingLg">
                  {shopName}
                </Text>
                <Text as="p">Ship to: {order.locationName}</Text>
              </BlockStack>
              <BlockStack gap="100" inlineAlign="end">
                <Text as="p" variant="headingMd">
                  PO-{order.number}
                </Text>
                <Text as="p">Date: {f.moment(order.createdAt)}</Text>
                <Text as="p">Expected: {f.day(order.expectedAt, { year: true })}</Text>
              </BlockStack>
            </InlineStack>
            <Box>
              <Text as="p" fontWeight="semibold">
                Supplier: {order.supplierName ?? "—"}
              </Text>
              {order.supplierEmail && <Text as="p">{order.supplierEmail}</Text>}
            </Box>
            <DataTable
              columnContentTypes={["text", "text", "numeric", "numeric", "numeric"]}
              headings={["SKU", "Item", "Quantity", "Unit cost", "Amount"]}
              rows={order.lines.map((line) => [
                line.sku ?? "",
                `${line.productTitle}${line.variantTitle ? ` — ${line.variantTitle}` : ""}`,
                f.number(line.quantityOrdered),
                f.money(line.unitCost),
                f.money(line.unitCost === null ? null : line.unitCost * line.quantityOrdered),
              ])}
              totals={["", "", f.number(order.unitsOrdered), "", f.money(cost.total)]}
              showTotalsInFooter
            />
            {uncostedNote(cost.uncosted) && (
              <Text as="p" tone="subdued">
                {uncostedNote(cost.uncosted)}
              </Text>
            )}
            {order.note && <Text as="p">Note: {order.note}</Text>}
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
