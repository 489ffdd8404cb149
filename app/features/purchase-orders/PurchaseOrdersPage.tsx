import { useState } from "react";
import { useNavigate } from "@remix-run/react";
import { Card, EmptyState, IndexTable, Layout, Page, Tabs, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import type { PurchaseOrderSummary } from "./queries.server";
import { useFormat } from "~/ui/FormatContext";
import { EMPTY_LIST_IMAGE } from "~/ui/empty-illustration";
import { PurchaseOrderStatusBadge } from "./status-badge";

const TABS = [
  { id: "open", content: "Open", statuses: ["DRAFT", "SENT", "PARTIALLY_RECEIVED"] },
  { id: "received", content: "Received", statuses: ["RECEIVED"] },
  { id: "cancelled", content: "Cancelled", statuses: ["CANCELLED"] },
  { id: "all", content: "All", statuses: ["DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"] },
];

export function PurchaseOrdersPage({ orders }: { orders: PurchaseOrderSummary[] }) {
  const f = useFormat();
  const navigate = useNavigate();
  const [tab, setTab] = useState(0);
  const shown = orders.filter((o) => TABS[tab]!.statuses.includes(o.status));
  return (
    <Page title="Purchase orders" subtitle="Open orders count as inbound stock in every projection." fullWidth>
      <TitleBar title="Purchase orders" />
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <Tabs tabs={TABS.map((t) => ({ id: t.id, content: t.content, badge: t.id === "open" ? String(orders.filter((o) => t.statuses.includes(o.status)).length) : undefined }))} selected={tab} onSelect={setTab} />
            <IndexTable
              resourceName={{ singular: "purchase order", plural: "purchase orders" }}
              itemCount={shown.length}
              selectable={false}
              emptyState={
                <EmptyState heading={orders.length === 0 ? "No purchase orders yet" : "None here"} image={EMPTY_LIST_IMAGE} action={orders.length === 0 ? { content: "Review reorder proposals", url: "/app/proposals" } : undefined}>
                  <Text as="p">{orders.length === 0 ? "Approve reorder proposals and create purchase orders from them; they show up here." : "No orders in this tab."}</Text>
                </EmptyState>
              }
              headings={[
                { title: "Order" },
                { title: "Status" },
                { title: "Supplier" },
                { title: "Ship to" },
                { title: "Expected" },
                { title: "Units", alignment: "end" },
                { title: "Total", alignment: "end" },
              ]}
            >
              {shown.map((order, index) => (
                <IndexTable.Row id={String(order.id)} key={order.id} position={index} onClick={() => navigate(`/app/purchase-orders/${order.id}`)}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      PO-{order.number}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <PurchaseOrderStatusBadge status={order.status} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>{order.supplierName ?? "No supplier"}</IndexTable.Cell>
                  <IndexTable.Cell>{order.locationName}</IndexTable.Cell>
                  <IndexTable.Cell>{f.day(order.expectedAt)}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {order.unitsReceived > 0 ? `${f.number(order.unitsReceived)} of ${f.number(order.unitsOrdered)}` : f.number(order.unitsOrdered)}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {f.money(order.total)}
                    </Text>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
