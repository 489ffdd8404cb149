import { Fragment, memo, useCallback, useEffect, useState } from "react";
import { Badge, BlockStack, Box, IndexTable, InlineStack, Link, Text, Tooltip, useIndexResourceState, type IndexTableProps } from "@shopify/polaris";
import type { ProposalLine } from "./queries.server";
import { useFormat } from "~/ui/FormatContext";
import { groupBySupplier, groupSelectLabel, lineCost, weeksOfSupply } from "./line-preview";
import { QuantityCell } from "./QuantityCell";

const STATUS_BADGE: Record<ProposalLine["status"], { tone?: "info" | "success" | "critical" | "attention"; label: string }> = {
  PROPOSED: { tone: "attention", label: "To review" },
  APPROVED: { tone: "success", label: "Approved" },
  REJECTED: { tone: "critical", label: "Rejected" },
  ORDERED: { tone: "info", label: "Ordered" },
};

interface Props {
  lines: ProposalLine[];
  asOf: string | null;
  promotedBulkActions: (selected: number[]) => NonNullable<IndexTableProps["promotedBulkActions"]>;
  bulkActions: (selected: number[]) => NonNullable<IndexTableProps["bulkActions"]>;
  emptyState: React.ReactNode;
  pagination?: IndexTableProps["pagination"];
  /** each supplier's lines and cost over every page (the page holds only some of them) */
  supplierTotals: Record<string, { lines: number; cost: number }>;
}

/** Reorder lines grouped by supplier; quantities edit in place and cost and weeks of supply follow. */
export const ProposalsTable = memo(function ProposalsTable({ lines, asOf, promotedBulkActions, bulkActions, emptyState, pagination, supplierTotals }: Props) {
  const f = useFormat();
  const [drafts, setDrafts] = useState<Record<number, number>>({});
  const setDraft = useCallback((id: number, quantity: number) => setDrafts((d) => ({ ...d, [id]: quantity })), []);
  const resources = lines.map((line) => ({ id: String(line.id) }));
  const { selectedResources, allResourcesSelected, handleSelectionChange, removeSelectedResources } = useIndexResourceState(resources);
  const selected = selectedResources.map(Number);
  // A decided line leaves the tab; it must leave the selection too, or the next action would carry it unseen.
  useEffect(() => {
    const shown = new Set(lines.map((line) => String(line.id)));
    const gone = selectedResources.filter((id) => !shown.has(id));
    if (gone.length > 0) removeSelectedResources(gone);
  }, [lines, selectedResources, removeSelectedResources]);

  let position = -1;
  const groups = groupBySupplier(lines).map((group) => {
    position += 1;
    const groupPosition = position;
    const rows = group.lines.map((line) => ({ line, position: ++position }));
    return { ...group, position: groupPosition, rows };
  });

  const rowMarkup = groups.map((group) => {
    const ids = group.lines.map((l) => String(l.id));
    const selectedCount = ids.filter((id) => selectedResources.includes(id)).length;
    const first = lines.findIndex((l) => l.id === group.lines[0]!.id);
    // The supplier's total over every page, moved by what is typed on this one.
    const edits = group.lines.reduce((sum, line) => sum + ((lineCost(line, drafts[line.id] ?? line.quantity) ?? 0) - (lineCost(line, line.quantity) ?? 0)), 0);
    const whole = supplierTotals[group.key] ?? { lines: group.lines.length, cost: group.lines.reduce((sum, line) => sum + (lineCost(line, line.quantity) ?? 0), 0) };
    const total = whole.cost + edits;
    return (
      <Fragment key={group.key}>
        <IndexTable.Row
          rowType="subheader"
          id={`supplier-${group.key}`}
          position={group.position}
          selectionRange={[first, first + group.lines.length - 1]}
          selected={selectedCount === 0 ? false : selectedCount === ids.length ? true : "indeterminate"}
          // The group's checkbox selects the group: it says so, not "Select line" like a line's.
          accessibilityLabel={groupSelectLabel(group.name, group.lines.length, whole.lines)}
        >
          <IndexTable.Cell colSpan={7} scope="colgroup" as="th" id={`supplier-${group.key}`}>
            <InlineStack gap="300" blockAlign="center">
              <Text as="span" fontWeight="semibold">
                {group.name}
              </Text>
              <Text as="span" tone="subdued">
                {f.number(whole.lines)} line{whole.lines === 1 ? "" : "s"} · {f.money(total)}
                {whole.lines > group.lines.length ? ` · ${f.number(group.lines.length)} on this page` : ""}
              </Text>
            </InlineStack>
          </IndexTable.Cell>
        </IndexTable.Row>
        {group.rows.map(({ line, position: rowPosition }) => (
          <ProposalRow key={line.id} line={line} position={rowPosition} selected={selectedResources.includes(String(line.id))} draft={drafts[line.id]} asOf={asOf} onDraft={setDraft} />
        ))}
      </Fragment>
    );
  });

  return (
    <IndexTable
      resourceName={{ singular: "line", plural: "lines" }}
      itemCount={lines.length}
      selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      promotedBulkActions={promotedBulkActions(selected)}
      bulkActions={bulkActions(selected)}
      emptyState={emptyState}
      {...(pagination ? { pagination } : {})}
      headings={[
        { title: "Variant and reason" },
        { title: "Quantity" },
        { title: "Line cost", alignment: "end" },
        { title: "Stock + inbound", alignment: "end" },
        { title: "Weeks of supply", alignment: "end", tooltipContent: "How long the available stock lasts against the forecast from the plan date, and how long it would last with this order and everything already on order added to it." },
        { title: "Order by" },
        { title: "Terms", tooltipContent: "Where the lead time, case pack and MOQ come from: the variant's supplier, its vendor's, or the shop defaults." },
      ]}
    >
      {rowMarkup}
    </IndexTable>
  );
});

interface RowProps {
  line: ProposalLine;
  position: number;
  selected: boolean;
  /** the quantity as typed, before the server has it */
  draft: number | undefined;
  asOf: string | null;
  onDraft: (id: number, quantity: number) => void;
}

/** One line. Memoised: a page-level change (navigation, a fetcher, another row's typing) leaves the other rows alone, which keeps interactions quick. */
const ProposalRow = memo(function ProposalRow({ line, position: rowPosition, selected, draft, asOf, onDraft }: RowProps) {
  const f = useFormat();
  const onQuantity = useCallback((quantity: number) => onDraft(line.id, quantity), [onDraft, line.id]);
  const quantity = draft ?? line.quantity;
  const cost = lineCost(line, quantity);
  const wos = weeksOfSupply(line, quantity);
  const badge = STATUS_BADGE[line.status];
  const overdue = asOf !== null && line.orderByDate <= asOf && (line.status === "PROPOSED" || line.status === "APPROVED");
  return (
    <IndexTable.Row id={String(line.id)} position={rowPosition} selected={selected} tone={line.budgetCut ? "subdued" : undefined}>
      <IndexTable.Cell>
        <BlockStack gap="100">
          <InlineStack gap="200" blockAlign="center" wrap={false}>
            <span onClick={(event) => event.stopPropagation()}>
              <Link url={`/app/variants/${line.variantId}`} removeUnderline monochrome dataPrimaryLink>
                <Text as="span" fontWeight="semibold">
                  {line.productTitle}
                </Text>
              </Link>
            </span>
            <Badge tone={badge.tone}>{badge.label}</Badge>
            {line.budgetCut && (
              <Tooltip content={line.budgetReason ?? ""}>
                <Badge tone="warning">Over budget</Badge>
              </Tooltip>
            )}
            {!line.needed && <Badge>No longer needed</Badge>}
          </InlineStack>
          <Text as="span" tone="subdued" variant="bodySm">
            {[line.variantTitle, line.sku, line.locationName].filter(Boolean).join(" · ")}
          </Text>
          {/* Reasons are sentences: they wrap instead of widening the table. */}
          <Box maxWidth="34rem">
            <div style={{ whiteSpace: "normal" }}>
              <Text as="p" variant="bodySm">
                {line.reason}
              </Text>
            </div>
          </Box>
          {line.status === "REJECTED" && line.decisionReason && (
            <Text as="p" variant="bodySm" tone="critical">
              Rejected: {line.decisionReason}
            </Text>
          )}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <QuantityCell id={line.id} quantity={line.quantity} editable={line.status === "PROPOSED" || line.status === "APPROVED"} onDraft={onQuantity} />
        {line.edited && line.suggestedQuantity !== line.quantity && (
          <Text as="p" tone="subdued" variant="bodySm">
            Suggested {f.number(line.suggestedQuantity)}
          </Text>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="050" inlineAlign="end">
          <Text as="span" alignment="end" numeric fontWeight="semibold">
            {f.money(cost)}
          </Text>
          <Text as="span" alignment="end" numeric tone="subdued" variant="bodySm">
            {line.unitCost === null ? "No unit cost" : `${f.number(quantity)} × ${f.money(line.unitCost)}`}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {f.number(line.available)}
          {line.inbound > 0 ? ` + ${f.number(line.inbound)}` : ""}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" alignment="end" numeric>
          {f.weeks(wos.now)} → {f.weeks(wos.after)}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="050">
          <Text as="span" tone={overdue ? "critical" : undefined} fontWeight={overdue ? "semibold" : undefined}>
            {overdue ? "Today" : f.day(line.orderByDate)}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            arrives {f.day(line.expectedArrivalDate)}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Tooltip content={line.termsNote}>
          <Text as="span" tone={line.termsSource === "shop" ? "caution" : "subdued"} variant="bodySm">
            {line.termsSource === "variant" ? "Variant" : line.termsSource === "vendor" ? "Vendor" : "Defaults"}
          </Text>
        </Tooltip>
      </IndexTable.Cell>
    </IndexTable.Row>
  );
});
