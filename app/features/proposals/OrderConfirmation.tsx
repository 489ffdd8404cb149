import { BlockStack, DataTable, Modal, SkeletonBodyText, Text } from "@shopify/polaris";
import { useFormat } from "~/ui/FormatContext";
import { uncostedNote } from "~/engine/purchase-orders/order-total";
import type { OrderPreview } from "./order-preview";

interface Props {
  open: boolean;
  /** Null while the server works out what the lines become. */
  preview: OrderPreview | null;
  creating: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** What "Create purchase orders" will do, shown before it does it: each draft order, its lines, units and total. */
export function OrderConfirmation({ open, preview, creating, onConfirm, onClose }: Props) {
  const f = useFormat();
  const count = preview?.orders.length ?? 0;
  const title = preview ? `Create ${count} draft purchase order${count === 1 ? "" : "s"}?` : "Create purchase orders?";
  const notes = preview ? [uncostedNote(preview.uncosted), preview.skipped > 0 ? `${f.number(preview.skipped)} selected line${preview.skipped === 1 ? " is" : "s are"} not approved and will stay where ${preview.skipped === 1 ? "it is" : "they are"}.` : null].filter((n): n is string => n !== null) : [];
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      size="large"
      primaryAction={{ content: count > 1 ? `Create ${count} purchase orders` : "Create purchase order", disabled: !preview, loading: creating, onAction: onConfirm }}
      secondaryActions={[{ content: "Cancel", onAction: onClose }]}
    >
      <Modal.Section>
        {preview ? (
          <BlockStack gap="300">
            <Text as="p">
              {f.number(preview.lines)} approved line{preview.lines === 1 ? "" : "s"}, {f.number(preview.units)} unit{preview.units === 1 ? "" : "s"}, {f.money(preview.total)} in all: one draft per supplier and ship-to location. Nothing goes to a supplier until you send the order.
            </Text>
            <DataTable
              columnContentTypes={["text", "text", "numeric", "numeric", "numeric"]}
              headings={["Supplier", "Ship to", "Lines", "Units", "Total"]}
              rows={preview.orders.map((o) => [o.supplier, o.location, f.number(o.lines), f.number(o.units), f.money(o.total)])}
              totals={["", "", f.number(preview.lines), f.number(preview.units), f.money(preview.total)]}
              showTotalsInFooter
            />
            {notes.map((note) => (
              <Text key={note} as="p" tone="subdued">
                {note}
              </Text>
            ))}
          </BlockStack>
        ) : (
          <SkeletonBodyText lines={4} />
        )}
      </Modal.Section>
    </Modal>
  );
}
