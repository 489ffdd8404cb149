import { useNavigate, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, ChoiceList, EmptyState, IndexFilters, IndexTable, Layout, Page, Text, useSetIndexFiltersMode, type IndexFiltersProps } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
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
    for (const value of values ?? []) next.append(key, value);
    setParams(next, { replace: true, preventScrollReset: true });
  };
  const open = Object.values(view.openCounts).reduce((a, b) => a + b, 0);
  const tabs = [
    { id: "open", content: "Open", badge: String(open), onAction: () => set("status", null) },
    { id: "resolved", content: "Resolved", onAction: () => set("status", ["resolved"]) },
  ].map((t, index) => ({ ...t, index }));
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
  ];
  const applied: IndexFiltersProps["appliedFilters"] = [
    ...(view.kinds.length ? [{ key: "kind", label: view.kinds.map((k) => kindLabel(k)).join(", "), onRemove: () => set("kind", null) }] : []),
    ...(view.severities.length ? [{ key: "severity", label: view.severities.map((s) => severityLabel(s)).join(", "), onRemove: () => set("severity", null) }] : []),
  ];

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
                selected={view.status === "OPEN" ? 0 : 1}
                onSelect={(index) => set("status", index === 1 ? ["resolved"] : null)}
                queryValue=""
                hideQueryField
                filters={filters}
                appliedFilters={applied}
                onQueryChange={() => undefined}
                onQueryClear={() => undefined}
                onClearAll={() => {
                  const next = new URLSearchParams(params);
                  next.delete("kind");
                  next.delete("severity");
                  setParams(next, { replace: true });
                }}
                mode={mode}
                setMode={setMode}
                canCreateNewView={false}
              />
              <IndexTable
                resourceName={{ singular: "alert", plural: "alerts" }}
                itemCount={view.alerts.length}
                selectable={false}
                emptyState={
                  <EmptyState heading={view.status === "OPEN" ? "No open alerts" : "No resolved alerts yet"} image={EMPTY_LIST_IMAGE}>
                    <Text as="p">{view.status === "OPEN" ? "Stock, reorder points and weeks of supply all look fine for what is filtered here." : "Alerts move here when their condition clears."}</Text>
                  </EmptyState>
                }
                headings={[{ title: "Severity" }, { title: "Alert" }, { title: "Variant and location" }, { title: "At risk", alignment: "end" }, { title: view.status === "OPEN" ? "First seen" : "Resolved" }]}
              >
                {view.alerts.map((alert, index) => (
                  <IndexTable.Row id={String(alert.id)} key={alert.id} position={index} onClick={() => navigate(alert.link)}>
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
                    <IndexTable.Cell>{f.moment(view.status === "OPEN" ? alert.firstSeenAt : alert.resolvedAt)}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
