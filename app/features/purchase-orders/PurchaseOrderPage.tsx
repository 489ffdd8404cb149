import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, DataTable, InlineGrid, InlineStack, Layout, Modal, Page, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import type { PurchaseOrderPageView } from "./view.server";
import { useFormat } from "~/ui/FormatContext";
import { PurchaseOrderStatusBadge } from "./status-badge";
import { describeHistory } from "./history";
import { downloadFile } from "~/ui/download";
import { costedTotal, uncostedNote } from "~/engine/purchase-orders/order-total";

interface StepResult {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
}

export function PurchaseOrderPage({ view }: { view: PurchaseOrderPageView }) {
  const { order } = view;
  const f = useFormat();
  const shopify = useAppBridge();
  const step = useFetcher<StepResult>();
  const [receiving, setReceiving] = useState(false);
  const [arriving, setArriving] = useState<Record<number, string>>({});
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [updateShopify, setUpdateShopify] = useState(view.canUpdateShopifyStock);

  useEffect(() => {
    if (step.state !== "idle" || !step.data) return;
    if (step.data.ok) {
      shopify.toast.show(step.data.message ?? "Saved");
      setReceiving(false);
      setArriving({});
      setCancelling(false);
    } else if (step.data.errors?.form) {
      shopify.toast.show(step.data.errors.form, { isError: true });
    }
  }, [step.state, step.data, shopify]);

  const can = (status: string) => view.nextStatuses.includes(status);
  const canReceive = order.status === "SENT" || order.status === "PARTIALLY_RECEIVED";
  const busy = step.state !== "idle";
  const submit = (intent: string, fields: Record<string, string> = {}) => step.submit({ intent, ...fields }, { method: "post" });

  const cost = costedTotal(order.lines);
  const rows = order.lines.map((line) => {
    const open = line.quantityOrdered - line.quantityReceived;
    return [
      <BlockStack gap="050" key={`p-${line.id}`}>
        <Text as="span" fontWeight="semibold">
          {line.productTitle}
        </Text>
        <Text as="span" tone="subdued" variant="bodySm">
          {[line.variantTitle, line.sku].filter(Boolean).join(" · ")}
        </Text>
      </BlockStack>,
      f.number(line.quantityOrdered),
      f.number(line.quantityReceived),
      receiving && open > 0 ? (
        <div style={{ maxWidth: "7rem", marginLeft: "auto" }} key={`r-${line.id}`}>
          <TextField
            label={`Arriving now for ${line.productTitle} ${line.variantTitle}`}
            labelHidden
            type="number"
            min={0}
            max={open}
            autoComplete="off"
            placeholder="0"
            value={arriving[line.id] ?? ""}
            onChange={(value) => setArriving((current) => ({ ...current, [line.id]: value }))}
            error={step.data?.errors?.[`line-${line.id}`]}
            id={`received-${line.id}`}
          />
        </div>
      ) : (
        f.number(open)
      ),
      f.money(line.unitCost),
      f.money(line.unitCost === null ? null : line.unitCost * line.quantityOrdered),
    ];
  });

  return (
    <Page
      backAction={{ content: "Purchase orders", url: "/app/purchase-orders" }}
      title={`PO-${order.number}`}
      titleMetadata={<PurchaseOrderStatusBadge status={order.status} />}
      subtitle={`${order.supplierName ?? "No supplier"} → ${order.locationName}`}
      primaryAction={
        can("SENT")
          ? { content: "Mark as sent", loading: busy, onAction: () => submit("send") }
          : canReceive
            ? {
                content: receiving ? "Save receipt" : "Receive stock",
                loading: busy,
                onAction: () =>
                  receiving
                    ? submit("receive", { ...Object.fromEntries(Object.entries(arriving).map(([id, units]) => [`received-${id}`, units])), ...(updateShopify ? { updateShopify: "1" } : {}) })
                    : setReceiving(true),
              }
            : undefined
      }
      secondaryActions={[
        { content: "Export CSV", onAction: () => void downloadFile(`/app/purchase-orders/${order.id}/export`, `PO-${order.number}.csv`).catch((e: Error) => shopify.toast.show(e.message, { isError: true })) },
        { content: "Print", url: `/app/purchase-orders/${order.id}/print` },
        ...(receiving ? [{ content: "Stop receiving", onAction: () => setReceiving(false) }] : []),
        ...(can("CANCELLED") ? [{ content: "Cancel order", destructive: true, onAction: () => setCancelling(true) }] : []),
      ]}
    >
      <TitleBar title={`PO-${order.number}`} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {receiving && (
              <Banner tone="info" title="Receiving">
                <BlockStack gap="200">
                  <Text as="p">Enter the units that arrived on each line (blank means none). The order is complete when every line has all its units.</Text>
                  <InlineStack>
                    <Button onClick={() => setArriving(Object.fromEntries(order.lines.filter((l) => l.quantityOrdered > l.quantityReceived).map((l) => [l.id, String(l.quantityOrdered - l.quantityReceived)])))}>
                      Everything still to come arrived
                    </Button>
                  </InlineStack>
                  {view.canUpdateShopifyStock ? (
                    <Checkbox label={`Add the received units to Shopify's stock at ${order.locationName}`} checked={updateShopify} onChange={setUpdateShopify} helpText="Shopify stays the one record of stock; Tempo's projection follows its update in seconds." />
                  ) : (
                    <Text as="p" tone="caution">
                      Tempo may not update Shopify's stock yet: reconnect it and approve the inventory permission. Until then, receiving records the units in Tempo only.
                    </Text>
                  )}
                </BlockStack>
              </Banner>
            )}
            <Card padding="0">
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                headings={["Variant", "Ordered", "Received", receiving ? "Arriving now" : "Still to come", "Unit cost", "Line cost"]}
                rows={rows}
                totals={["", f.number(order.unitsOrdered), f.number(order.unitsReceived), f.number(order.unitsOrdered - order.unitsReceived), "", f.money(cost.total)]}
                showTotalsInFooter
                totalsName={{ singular: "Total", plural: "Total" }}
              />
              {uncostedNote(cost.uncosted) && (
                <Box padding="300">
                  <Text as="p" tone="subdued" variant="bodySm">
                    {uncostedNote(cost.uncosted)} Add unit costs with Suppliers → Import variant terms.
                  </Text>
                </Box>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Details
                </Text>
                <InlineGrid columns={2} gap="200">
                  <Text as="span" tone="subdued">
                    Expected
                  </Text>
                  <Text as="span">{f.day(order.expectedAt, { year: true })}</Text>
                  <Text as="span" tone="subdued">
                    Created
                  </Text>
                  <Text as="span">{f.moment(order.createdAt)}</Text>
                  {order.sentAt && (
                    <>
                      <Text as="span" tone="subdued">
                        Sent
                      </Text>
                      <Text as="span">{f.moment(order.sentAt)}</Text>
                    </>
                  )}
                  {order.receivedAt && (
                    <>
                      <Text as="span" tone="subdued">
                        Received
                      </Text>
                      <Text as="span">{f.moment(order.receivedAt)}</Text>
                    </>
                  )}
                  {order.cancelledAt && (
                    <>
                      <Text as="span" tone="subdued">
                        Cancelled
                      </Text>
                      <Text as="span">{f.moment(order.cancelledAt)}</Text>
                    </>
                  )}
                  {order.supplierEmail && (
                    <>
                      <Text as="span" tone="subdued">
                        Supplier e-mail
                      </Text>
                      <Text as="span" breakWord>
                        {order.supplierEmail}
                      </Text>
                    </>
                  )}
                </InlineGrid>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  History
                </Text>
                {view.history.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing yet.
                  </Text>
                ) : (
                  view.history.map((event, i) => (
                    <InlineStack key={i} align="space-between" gap="200" wrap={false}>
                      <Text as="span">{describeHistory(event.action, event.changes)}</Text>
                      <Text as="span" tone="subdued" variant="bodySm">
                        {f.moment(event.at)}
                      </Text>
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <Modal
        open={cancelling}
        onClose={() => setCancelling(false)}
        title={`Cancel PO-${order.number}`}
        primaryAction={{ content: "Cancel order", destructive: true, loading: busy, onAction: () => submit("cancel", { reason }) }}
        secondaryActions={[{ content: "Keep it", onAction: () => setCancelling(false) }]}
      >
        <Modal.Section>
          <TextField label="Why?" value={reason} onChange={setReason} multiline={2} autoComplete="off" error={step.data?.errors?.reason} helpText="Units still to come stop counting as inbound." />
        </Modal.Section>
      </Modal>
    </Page>
  );
}
