import { useEffect, useState } from "react";
import { useFetcher, useNavigate, useSearchParams } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  ChoiceList,
  EmptyState,
  IndexFilters,
  IndexTable,
  Layout,
  Modal,
  InlineStack,
  Page,
  Select,
  Text,
  TextField,
  useIndexResourceState,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { addDays } from "~/engine/calendar";
import { shopToday } from "~/engine/plan/open-orders";
import { ALERT_KIND_TABLE, ALERT_KINDS, ALERT_SEVERITIES } from "~/engine/alerts/kinds";
import type { AlertsView } from "./view.server";
import { useFormat } from "~/ui/FormatContext";
import { PlanStatusBar } from "~/ui/PlanStatusBar";
import { alertPlace, kindLabel, severityLabel, SEVERITY_TONE } from "./alert-labels";
import { EMPTY_LIST_IMAGE } from "~/ui/empty-illustration";

export function AlertsPage({ view }: { view: AlertsView }) {
  const f = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { mode, setMode } = useSetIndexFiltersMode();
  const set = (key: string, values: string[] | null) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    // Another tab, filter or page starts from its own first page.
    if (key !== "page") next.delete("page");
    for (const value of values ?? []) next.append(key, value);
    setParams(next, { replace: true, preventScrollReset: true });
  };
  const open = Object.values(view.openCounts).reduce((a, b) => a + b, 0);
  const first = (view.page - 1) * view.pageSize + 1;
  const TABS = ["OPEN", "SET_ASIDE", "RESOLVED"] as const;
  const tabs = [
    { id: "open", content: "Open", badge: String(open), onAction: () => set("status", null) },
    { id: "set-aside", content: "Snoozed and dismissed", badge: view.setAsideCount > 0 ? String(view.setAsideCount) : undefined, onAction: () => set("status", ["set-aside"]) },
    { id: "resolved", content: "Resolved", onAction: () => set("status", ["resolved"]) },
  ].map((t, index) => ({ ...t, index }));

  // Selected alerts are snoozed, dismissed or brought back; the server's answer is toasted.
  const shopify = useAppBridge();
  const act = useFetcher<{ ok: boolean; message?: string; errors?: Record<string, string> }>();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(view.alerts.map((a) => ({ id: String(a.id) })));
  const [asking, setAsking] = useState<"snooze" | "dismiss" | null>(null);
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const submit = (intent: string, extra: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("intent", intent);
    selectedResources.forEach((id) => form.append("id", id));
    for (const [key, value] of Object.entries(extra)) form.set(key, value);
    act.submit(form, { method: "post" });
  };
  useEffect(() => {
    if (act.state !== "idle" || !act.data) return;
    if (act.data.ok) {
      shopify.toast.show(act.data.message ?? "Done");
      setAsking(null);
      setReason("");
      clearSelection();
    } else if (!act.data.errors?.until && !act.data.errors?.reason) {
      shopify.toast.show(Object.values(act.data.errors ?? {})[0] ?? "That did not work", { isError: true });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per answer
  }, [act.state, act.data]);
  const fieldError = (name: string) => (act.state === "idle" && act.data && !act.data.ok ? act.data.errors?.[name] : undefined);
  const selectedCount = selectedResources.length;
  const selectedLabel = `${selectedCount} alert${selectedCount === 1 ? "" : "s"}`;
  const bulkActions =
    view.status === "OPEN"
      ? [
          { content: "Snooze…", onAction: () => { setUntil(addDays(shopToday(f.timezone), 7)); setAsking("snooze"); } },
          { content: "Dismiss…", onAction: () => setAsking("dismiss") },
        ]
      : view.status === "SET_ASIDE"
        ? [{ content: "Back to open", onAction: () => submit("restore") }]
        : [];
  const filters: IndexFiltersProps["filters"] = [
    {
      key: "kind",
      label: "Kind",
      shortcut: true,
      filter: <ChoiceList title="Kind" titleHidden allowMultiple choices={ALERT_KINDS.map((k) => ({ label: `${kindLabel(k)} (${view.openCounts[k]} open)`, value: k, helpText: ALERT_KIND_TABLE[k].severityRule }))} selected={view.kinds} onChange={(v) => set("kind", v)} />,
    },
    {
      key: "severity",
      label: "Severity",
      shortcut: true,
      filter: <ChoiceList title="Severity" titleHidden allowMultiple choices={ALERT_SEVERITIES.map((s) => ({ label: severityLabel(s), value: s }))} selected={view.severities} onChange={(v) => set("severity", v)} />,
    },
    {
      key: "location",
      label: "Location",
      shortcut: true,
      filter: <ChoiceList title="Location" titleHidden allowMultiple choices={view.locationChoices.map((l) => ({ label: l.name, value: l.id }))} selected={view.locations} onChange={(v) => set("location", v)} />,
    },
  ];
  // The last row of the group a row starts (grouped lists keep each group's rows together).
  const groupEnd = (start: number): number => {
    let end = start;
    while (end + 1 < view.alerts.length && view.alerts[end + 1]!.groupName === view.alerts[start]!.groupName) end++;
    return end;
  };
  const locationName = (id: string) => view.locationChoices.find((l) => l.id === id)?.name ?? id;
  const applied: IndexFiltersProps["appliedFilters"] = [
    ...(view.kinds.length ? [{ key: "kind", label: view.kinds.map((k) => kindLabel(k)).join(", "), onRemove: () => set("kind", null) }] : []),
    ...(view.severities.length ? [{ key: "severity", label: view.severities.map((s) => severityLabel(s)).join(", "), onRemove: () => set("severity", null) }] : []),
    ...(view.locations.length ? [{ key: "location", label: view.locations.map(locationName).join(", "), onRemove: () => set("location", null) }] : []),
  ];
  // Search goes to the server a moment after typing stops.
  const [query, setQuery] = useState(view.search);
  useEffect(() => {
    if (query === view.search) return;
    const timer = setTimeout(() => set("q", query ? [query] : null), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `set` is rebuilt each render; the search follows the typed text only
  }, [query, view.search]);

  return (
    <Page title="Alerts" subtitle="Each alert opens when its condition appears and resolves itself when the condition clears." fullWidth>
      <TitleBar title="Alerts" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            <PlanStatusBar status={view.plan} />
            <Card padding="0">
              <IndexFilters
                tabs={tabs}
                selected={TABS.indexOf(view.status)}
                onSelect={(index) => set("status", index === 2 ? ["resolved"] : index === 1 ? ["set-aside"] : null)}
                queryValue={query}
                queryPlaceholder="Search products, variants and SKUs"
                filters={filters}
                appliedFilters={applied}
                onQueryChange={setQuery}
                onQueryClear={() => setQuery("")}
                cancelAction={{ onAction: () => setQuery(view.search) }}
                onClearAll={() => {
                  const next = new URLSearchParams(params);
                  next.delete("kind");
                  next.delete("severity");
                  next.delete("location");
                  next.delete("page");
                  setParams(next, { replace: true });
                }}
                mode={mode}
                setMode={setMode}
                canCreateNewView={false}
              />
              {view.status === "OPEN" && (
                <Box paddingInline="300" paddingBlock="200" borderBlockEndWidth="025" borderColor="border">
                  <InlineStack gap="400" blockAlign="center" wrap>
                    <Select
                      label="Order"
                      labelInline
                      options={[
                        { label: "Most severe first", value: "severity" },
                        { label: "Most money at risk first", value: "value" },
                      ]}
                      value={view.sort}
                      onChange={(v) => set("sort", v === "value" ? ["value"] : null)}
                    />
                    <Select
                      label="Group"
                      labelInline
                      options={[
                        { label: "None", value: "" },
                        { label: "By product", value: "product" },
                        { label: "By supplier", value: "supplier" },
                      ]}
                      value={view.group ?? ""}
                      onChange={(v) => set("group", v ? [v] : null)}
                    />
                    {view.small.count > 0 ? (
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="span" tone="subdued" variant="bodySm" id="alerts-small-summary">
                          {f.count(view.small.count, "alert")} with less than {f.money(view.minValue, { whole: true })} at risk each ({f.money(view.small.value, { whole: true })} in all) are not listed.
                        </Text>
                        <Button variant="plain" onClick={() => set("min", ["0"])}>
                          Show them
                        </Button>
                      </InlineStack>
                    ) : view.minValue === 0 ? (
                      <Button variant="plain" onClick={() => set("min", null)}>
                        Summarise small amounts again
                      </Button>
                    ) : null}
                  </InlineStack>
                </Box>
              )}
              <IndexTable
                resourceName={{ singular: "alert", plural: "alerts" }}
                itemCount={view.alerts.length}
                selectable={view.status !== "RESOLVED"}
                selectedItemsCount={allResourcesSelected ? "All" : selectedCount}
                onSelectionChange={handleSelectionChange}
                promotedBulkActions={bulkActions}
                {...(view.total > view.pageSize
                  ? {
                      pagination: {
                        hasPrevious: view.page > 1,
                        onPrevious: () => set("page", view.page > 2 ? [String(view.page - 1)] : null),
                        hasNext: view.page * view.pageSize < view.total,
                        onNext: () => set("page", [String(view.page + 1)]),
                        label: `${f.number(first)}–${f.number(first + view.alerts.length - 1)} of ${f.number(view.total)}`,
                      },
                    }
                  : {})}
                emptyState={
                  <EmptyState heading={view.status === "OPEN" ? "No open alerts" : view.status === "SET_ASIDE" ? "Nothing snoozed or dismissed" : "No resolved alerts yet"} image={EMPTY_LIST_IMAGE}>
                    <Text as="p">
                      {view.status === "OPEN"
                        ? "Stock, reorder points and weeks of supply all look fine for what is filtered here."
                        : view.status === "SET_ASIDE"
                          ? "Snoozed alerts come back on their day; dismissed ones stay here until their condition clears."
                          : "Alerts move here when their condition clears."}
                    </Text>
                  </EmptyState>
                }
                headings={[{ title: "Severity" }, { title: "Alert" }, { title: "Variant and location" }, { title: "At risk", alignment: "end" }, { title: view.status === "RESOLVED" ? "Resolved" : "First seen" }]}
              >
                {view.alerts.map((alert, index) => [
                  ...(view.group && alert.groupName !== null && view.alerts[index - 1]?.groupName !== alert.groupName
                    ? [
                        <IndexTable.Row
                          rowType="subheader"
                          id={`group-${index}`}
                          key={`group-${index}`}
                          position={index}
                          selectionRange={[index, groupEnd(index)]}
                        >
                          <IndexTable.Cell colSpan={5} scope="colgroup" as="th" id={`group-${index}-name`}>
                            <Text as="span" fontWeight="semibold">
                              {alert.groupName}
                            </Text>
                            {alert.groupValue !== null && (
                              <Text as="span" tone="subdued" variant="bodySm">
                                {" "}
                                · {f.money(alert.groupValue, { whole: true })} at risk
                              </Text>
                            )}
                          </IndexTable.Cell>
                        </IndexTable.Row>,
                      ]
                    : []),
                  <IndexTable.Row id={String(alert.id)} key={alert.id} position={index} selected={selectedResources.includes(String(alert.id))} onClick={() => navigate(alert.link)}>
                    <IndexTable.Cell>
                      <Badge tone={SEVERITY_TONE[alert.severity]}>{severityLabel(alert.severity)}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <BlockStack gap="050">
                        <Text as="span" fontWeight="semibold">
                          {kindLabel(alert.kind)}
                        </Text>
                        <Box maxWidth="36rem">
                          <div style={{ whiteSpace: "normal" }}>
                            <Text as="p" variant="bodySm">
                              {alert.reason}
                            </Text>
                          </div>
                        </Box>
                        {(alert.dismissedAt || alert.snoozedUntil) && (
                          <Text as="span" tone="caution" variant="bodySm">
                            {alert.dismissedAt ? `Dismissed ${f.moment(alert.dismissedAt)}: ${alert.dismissReason ?? ""}` : `Snoozed until ${f.day(alert.snoozedUntil!.slice(0, 10))}`}
                          </Text>
                        )}
                        {alert.flowTriggeredAt && (
                          <Text as="span" tone="subdued" variant="bodySm">
                            Sent to Shopify Flow {f.moment(alert.flowTriggeredAt)}
                          </Text>
                        )}
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <BlockStack gap="050">
                        <Text as="span" fontWeight="semibold">
                          {alert.productTitle}
                        </Text>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {alertPlace(alert)}
                        </Text>
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {f.money(alert.valueAtRisk, { whole: true })}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{f.moment(view.status === "RESOLVED" ? alert.resolvedAt : alert.firstSeenAt)}</IndexTable.Cell>
                  </IndexTable.Row>,
                ])}
              </IndexTable>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <Modal
        open={asking === "snooze"}
        onClose={() => setAsking(null)}
        title={`Snooze ${selectedLabel}`}
        primaryAction={{ content: "Snooze", loading: act.state !== "idle", onAction: () => submit("snooze", { until }) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setAsking(null) }]}
      >
        <Modal.Section>
          <TextField label="Until" type="date" value={until} onChange={setUntil} autoComplete="off" helpText="They leave the open list and the board until that day, then come back if their condition still holds." error={fieldError("until")} />
        </Modal.Section>
      </Modal>
      <Modal
        open={asking === "dismiss"}
        onClose={() => setAsking(null)}
        title={`Dismiss ${selectedLabel}`}
        primaryAction={{ content: "Dismiss", destructive: true, loading: act.state !== "idle", onAction: () => submit("dismiss", { reason }) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setAsking(null) }]}
      >
        <Modal.Section>
          <TextField label="Why?" value={reason} onChange={setReason} multiline={3} autoComplete="off" helpText="The team sees this beside the alert. A dismissed alert stays away until its condition clears; if it comes back, a new alert opens." error={fieldError("reason")} />
        </Modal.Section>
      </Modal>
    </Page>
  );
}
