import { useEffect, useMemo, useState } from "react";
import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, FormLayout, InlineGrid, Layout, Page, PageActions, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import type { PlanSettings } from "~/engine/plan/plan-settings";
import { useFormat } from "~/ui/FormatContext";

interface ActionData {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
}

/** The next `count` months from `today`, as YYYY-MM. */
function nextMonths(today: string, count: number): string[] {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = month - 1 + i;
    return `${year + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

function flatten(settings: PlanSettings, months: string[]): Record<string, string> {
  return {
    "serviceLevels.A": String(settings.serviceLevels.A),
    "serviceLevels.B": String(settings.serviceLevels.B),
    "serviceLevels.C": String(settings.serviceLevels.C),
    "abcCutoffs.a": String(settings.abcCutoffs.a),
    "abcCutoffs.b": String(settings.abcCutoffs.b),
    defaultLeadTimeDays: String(settings.defaultLeadTimeDays),
    reviewDays: String(settings.reviewDays),
    horizonWeeks: String(settings.horizonWeeks),
    overstockWeeks: String(settings.overstockWeeks),
    deadStockDays: String(settings.deadStockDays),
    alertSummaryBelow: String(settings.alertSummaryBelow),
    ...Object.fromEntries(months.map((m) => [`openToBuy.${m}`, settings.openToBuy[m] === undefined ? "" : String(settings.openToBuy[m])])),
  };
}

export function SettingsPage({ settings, today }: { settings: PlanSettings; today: string }) {
  const f = useFormat();
  const shopify = useAppBridge();
  const submit = useSubmit();
  const navigation = useNavigation();
  const result = useActionData<ActionData>();
  const months = useMemo(() => [...new Set([...nextMonths(today, 6), ...Object.keys(settings.openToBuy)])].sort(), [today, settings.openToBuy]);
  const [values, setValues] = useState(() => flatten(settings, months));
  const errors = result && !result.ok ? (result.errors ?? {}) : {};

  useEffect(() => {
    if (result?.ok && result.message) shopify.toast.show(result.message);
  }, [result, shopify]);

  const field = (name: string, label: string, suffix: string, helpText?: string) => (
    <TextField label={label} name={name} type="number" value={values[name] ?? ""} onChange={(v) => setValues((c) => ({ ...c, [name]: v }))} autoComplete="off" suffix={suffix} helpText={helpText} error={errors[name]} />
  );

  return (
    <Page title="Planning settings" subtitle="Changes apply to every variant: saving re-plans the shop.">
      <TitleBar title="Planning settings" />
      <Layout>
        <Layout.AnnotatedSection id="service" title="Service levels" description="The share of order cycles that should end without a stockout. Higher levels hold more safety stock. Classes are by revenue over the last year.">
          <Card>
            <FormLayout>
              <InlineGrid columns={3} gap="300">
                {field("serviceLevels.A", "A items", "%", "Top sellers")}
                {field("serviceLevels.B", "B items", "%")}
                {field("serviceLevels.C", "C items", "%", "The long tail")}
              </InlineGrid>
              <InlineGrid columns={2} gap="300">
                {field("abcCutoffs.a", "A items make up", "% of revenue")}
                {field("abcCutoffs.b", "A and B items make up", "% of revenue")}
              </InlineGrid>
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection id="defaults" title="Defaults and horizon" description="Used where a variant's supplier does not say. The horizon is how far forecasts and projections look ahead.">
          <Card>
            <FormLayout>
              <FormLayout.Group>
                {field("defaultLeadTimeDays", "Default lead time", "days")}
                {field("reviewDays", "Review period", "days", "How often you place orders")}
              </FormLayout.Group>
              {field("horizonWeeks", "Planning horizon", "weeks")}
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection id="alerts" title="Alert thresholds" description="When stock counts as too much, or as not selling, and how much must be at risk for an alert to be listed on its own.">
          <Card>
            <FormLayout>
              <FormLayout.Group>
                {field("overstockWeeks", "Overstock above", "weeks of supply")}
                {field("deadStockDays", "Dead stock after", "days without a sale")}
              </FormLayout.Group>
              {field("alertSummaryBelow", "List alerts from", f.currencyCode, "Open alerts with less at risk are summarised in one line on the alerts screen. 0 lists every alert.")}
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          id="budget"
          title="Open-to-buy"
          description="A monthly buying budget at cost. When a month's proposals cost more, Tempo keeps the lines that protect the most gross margin per dollar and marks the rest as over budget. Blank: no limit."
        >
          <Card>
            <BlockStack gap="300">
              {errors.openToBuy && <Banner tone="critical">{errors.openToBuy}</Banner>}
              <InlineGrid columns={{ xs: 2, md: 3 }} gap="300">
                {months.map((month) => (
                  <TextField
                    key={month}
                    label={f.month(month)}
                    name={`openToBuy.${month}`}
                    type="number"
                    value={values[`openToBuy.${month}`] ?? ""}
                    onChange={(v) => setValues((c) => ({ ...c, [`openToBuy.${month}`]: v }))}
                    autoComplete="off"
                    prefix={f.currencyCode}
                    placeholder="No limit"
                    error={errors[`openToBuy.${month}`]}
                  />
                ))}
              </InlineGrid>
              <Text as="p" tone="subdued" variant="bodySm">
                A line counts in the month of its order-by date.
              </Text>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
      <PageActions primaryAction={{ content: "Save", loading: navigation.state === "submitting", onAction: () => submit(values, { method: "post" }) }} />
    </Page>
  );
}
