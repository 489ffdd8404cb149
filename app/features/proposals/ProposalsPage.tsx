import { useCallback, useEffect, useMemo, useState } from "react";
import { useFetcher, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { BlockStack, Card, ChoiceList, EmptyState, IndexFilters, Layout, Modal, Page, Text, TextField, useSetIndexFiltersMode, type IndexFiltersProps } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import type { ProposalsView, ProposalTab } from "./view.server";
import { useFormat } from "~/ui/FormatContext";
import { EMPTY_LIST_IMAGE } from "~/ui/empty-illustration";
import { PlanStatusBar } from "~/ui/PlanStatusBar";
import { ProposalsTable } from "./ProposalsTable";
import { OrderConfirmation } from "./OrderConfirmation";
import type { OrderPreview } from "./order-preview";

const TABS: { id: ProposalTab; label: string }[] = [
  { id: "review", label: "To review" },
  { id: "approved", label: "Approved" },
  { id: "rejected", label: "Rejected" },
  { id: "ordered", label: "Ordered" },
  { id: "all", label: "All" },
];

const SORT_OPTIONS: IndexFiltersProps["sortOptions"] = [
  { label: "Order by date", value: "order_by asc", directionLabel: "Soonest first" },
  { label: "Line cost", value: "line_cost desc", directionLabel: "Highest first" },
  { label: "Margin at risk", value: "margin_at_risk desc", directionLabel: "Highest first" },
  { label: "Product", value: "product asc", directionLabel: "A–Z" },
];

interface ActionResult {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
  /** Set when lines became purchase orders: the page opens them. */
  purchaseOrderIds?: number[];
  /** What ordering the lines would create, for the confirmation. */
  preview?: OrderPreview;
}

export function ProposalsPage({ view }: { view: ProposalsView }) {
  const f = useFormat();
  const shopify = useAppBridge();
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const decide = useFetcher<ActionResult>();
  const previewer = useFetcher<ActionResult>();
  // The lines a confirmation is open for; ordering happens only from the confirmation.
  const [ordering, setOrdering] = useState<number[] | null>(null);
  const { mode, setMode } = useSetIndexFiltersMode();
  const [query, setQuery] = useState(view.query.q);
  const [rejecting, setRejecting] = useState<number[] | null>(null);
  const [rejectReason, setRejectReason] = useState("");
  // The server's word on the reason, until the merchant types again or opens the dialog for other lines.
  const [reasonError, setReasonError] = useState<string | undefined>();

  useEffect(() => {
    if (decide.state !== "idle" || !decide.data) return;
    if (decide.data.ok) {
      shopify.toast.show(decide.data.message ?? "Done");
      setRejecting(null);
      setRejectReason("");
      setOrdering(null);
      const created = decide.data.purchaseOrderIds ?? [];
      if (created.length > 0) navigate(created.length === 1 ? `/app/purchase-orders/${created[0]}` : "/app/purchase-orders");
    } else if (decide.data.errors?.reason) {
      setReasonError(decide.data.errors.reason);
    } else {
      shopify.toast.show(Object.values(decide.data.errors ?? {})[0] ?? "That did not work", { isError: true });
    }
  }, [decide.state, decide.data, shopify, navigate]);

  useEffect(() => {
    if (previewer.state !== "idle" || !previewer.data || previewer.data.ok) return;
    setOrdering(null);
    shopify.toast.show(Object.values(previewer.data.errors ?? {})[0] ?? "That did not work", { isError: true });
  }, [previewer.state, previewer.data, shopify]);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      // Another tab, search, filter or sort starts again on the first page.
      if (!("page" in changes)) next.delete("page");
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      setParams(next, { replace: true, preventScrollReset: true });
    },
    [params, setParams],
  );

  // Search goes to the server a moment after typing stops.
  useEffect(() => {
    if (query === view.query.q) return;
    const timer = setTimeout(() => update({ q: query }), 300);
    return () => clearTimeout(timer);
  }, [query, view.query.q, update]);

  const submitDecision = decide.submit;
  const submit = useCallback(
    (intent: string, ids: number[], extra: Record<string, string> = {}) => {
      const form = new FormData();
      form.set("intent", intent);
      ids.forEach((id) => form.append("id", String(id)));
      for (const [key, value] of Object.entries(extra)) form.set(key, value);
      submitDecision(form, { method: "post" });
    },
    [submitDecision],
  );
  const submitPreview = previewer.submit;
  const askToOrder = useCallback(
    (ids: number[]) => {
      setOrdering(ids);
      const form = new FormData();
      form.set("intent", "preview-order");
      ids.forEach((id) => form.append("id", String(id)));
      submitPreview(form, { method: "post" });
    },
    [submitPreview],
  );
  const preview = ordering !== null && previewer.state === "idle" && previewer.data?.ok ? (previewer.data.preview ?? null) : null;
  // The table is memoised: its props stay the same objects while only the page's own state changes.
  const promotedBulkActions = useCallback(
    (ids: number[]) => [
      { content: "Approve", onAction: () => submit("approve", ids) },
      { content: "Reject…", onAction: () => { setReasonError(undefined); setRejecting(ids); } },
    ],
    [submit],
  );
  const bulkActions = useCallback(
    (ids: number[]) => [
      { content: "Create purchase orders from approved", onAction: () => askToOrder(ids) },
      { content: "Send back to review", onAction: () => submit("reopen", ids) },
    ],
    [submit, askToOrder],
  );

  const approvedIds = view.approvedIds;
  const { summary } = view;
  const firstShown = (view.query.page - 1) * view.pageSize + 1;
  const lastShown = firstShown + view.lines.length - 1;

  const tabs = TABS.map((tab, index) => ({
    id: tab.id,
    content: tab.label,
    badge: tab.id === "review" ? String(view.counts.PROPOSED) : tab.id === "approved" ? String(view.counts.APPROVED) : undefined,
    index,
    onAction: () => update({ tab: tab.id === "review" ? null : tab.id }),
  }));

  const filters: IndexFiltersProps["filters"] = [
    {
      key: "supplier",
      label: "Supplier",
      filter: (
        <ChoiceList
          title="Supplier"
          titleHidden
          choices={[...view.suppliers.map((s) => ({ label: s.name, value: String(s.id) })), { label: "No supplier (shop defaults)", value: "none" }]}
          selected={view.query.supplier ? [view.query.supplier] : []}
          onChange={(selected) => update({ supplier: selected[0] ?? null })}
        />
      ),
      shortcut: true,
    },
    {
      key: "cut",
      label: "Budget",
      filter: (
        <ChoiceList
          title="Budget"
          titleHidden
          choices={[{ label: "Cut by the open-to-buy", value: "1" }]}
          selected={view.query.budgetCutOnly ? ["1"] : []}
          onChange={(selected) => update({ cut: selected[0] ?? null })}
        />
      ),
      shortcut: true,
    },
  ];
  const supplierName = view.query.supplier === "none" ? "No supplier" : view.suppliers.find((s) => String(s.id) === view.query.supplier)?.name;
  const appliedFilters: IndexFiltersProps["appliedFilters"] = [
    ...(supplierName ? [{ key: "supplier", label: `Supplier: ${supplierName}`, onRemove: () => update({ supplier: null }) }] : []),
    ...(view.query.budgetCutOnly ? [{ key: "cut", label: "Cut by the open-to-buy", onRemove: () => update({ cut: null }) }] : []),
  ];

  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/proposals";
  const empty = useMemo(
    () => (
      <EmptyState heading={view.plan.asOf ? "Nothing to reorder here" : "No plan yet"} image={EMPTY_LIST_IMAGE}>
        <Text as="p">
          {view.plan.asOf
            ? view.query.tab === "review"
              ? "Every variant's stock covers its reorder point. New lines appear as stock runs down."
              : "No lines match. Try another tab or clear the search and filters."
            : "Reorder proposals appear once Tempo has made its first plan from your order history."}
        </Text>
      </EmptyState>
    ),
    [view.plan.asOf, view.query.tab],
  );
  const { page } = view.query;
  const pagination = useMemo(
    () =>
      page > 1 || view.hasNextPage
        ? {
            hasPrevious: page > 1,
            onPrevious: () => update({ page: page > 2 ? String(page - 1) : null }),
            hasNext: view.hasNextPage,
            onNext: () => update({ page: String(page + 1) }),
            label: `${f.number(firstShown)}–${f.number(lastShown)} of ${f.number(summary.lines)}`,
          }
        : undefined,
    [page, view.hasNextPage, update, f, firstShown, lastShown, summary.lines],
  );

  return (
    <Page
      title="Reorder proposals"
      subtitle={summary.openLines === 0 ? undefined : `${f.number(summary.openLines)} open line${summary.openLines === 1 ? "" : "s"} here · ${f.money(summary.openCost)}${summary.budgetCut > 0 ? ` · ${f.number(summary.budgetCut)} over budget` : ""}`}
      primaryAction={{
        content: approvedIds.length > 0 ? `Create purchase orders (${f.number(approvedIds.length)} approved)` : "Create purchase orders",
        disabled: approvedIds.length === 0 || decide.state !== "idle",
        loading: previewer.state !== "idle",
        helpText: approvedIds.length > 0 ? "Turns every approved line matching the search and filters into draft purchase orders, one per supplier and location." : "Approve lines first: approved lines become draft purchase orders, one per supplier and location.",
        onAction: () => askToOrder(approvedIds),
      }}
      fullWidth
    >
      <TitleBar title="Reorder proposals" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            <PlanStatusBar status={view.plan} />
            <Card padding="0">
              <IndexFilters
                tabs={tabs}
                selected={Math.max(0, TABS.findIndex((t) => t.id === view.query.tab))}
                onSelect={(index) => update({ tab: TABS[index]?.id === "review" ? null : (TABS[index]?.id ?? null) })}
                queryValue={query}
                queryPlaceholder="Search products, SKUs and suppliers"
                onQueryChange={setQuery}
                onQueryClear={() => setQuery("")}
                sortOptions={SORT_OPTIONS}
                sortSelected={[`${view.query.sort} ${view.query.sort === "order_by" || view.query.sort === "product" ? "asc" : "desc"}`]}
                onSort={(selected) => update({ sort: selected[0]?.split(" ")[0] ?? null })}
                filters={filters}
                appliedFilters={appliedFilters}
                onClearAll={() => update({ supplier: null, cut: null })}
                mode={mode}
                setMode={setMode}
                cancelAction={{ onAction: () => setQuery(view.query.q) }}
                canCreateNewView={false}
                loading={loading}
              />
              <ProposalsTable
                lines={view.lines}
                asOf={view.plan.asOf}
                emptyState={empty}
                pagination={pagination}
                supplierTotals={summary.bySupplier}
                promotedBulkActions={promotedBulkActions}
                bulkActions={bulkActions}
              />
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <OrderConfirmation
        open={ordering !== null}
        preview={preview}
        creating={decide.state !== "idle" && decide.formData?.get("intent") === "order"}
        onConfirm={() => ordering && submit("order", ordering)}
        onClose={() => setOrdering(null)}
      />
      <Modal
        open={rejecting !== null}
        onClose={() => setRejecting(null)}
        title={`Reject ${rejecting?.length ?? 0} line${rejecting?.length === 1 ? "" : "s"}`}
        primaryAction={{ content: "Reject", destructive: true, loading: decide.state !== "idle", onAction: () => rejecting && submit("reject", rejecting, { reason: rejectReason }) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setRejecting(null) }]}
      >
        <Modal.Section>
          <TextField
            label="Why?"
            helpText="The team sees this next to the line. Tempo does not propose it again for a week."
            value={rejectReason}
            onChange={(value) => { setRejectReason(value); setReasonError(undefined); }}
            multiline={3}
            autoComplete="off"
            error={reasonError}
          />
        </Modal.Section>
      </Modal>
    </Page>
  );
}
