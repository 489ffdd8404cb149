import { useEffect, useState } from "react";
import { Form, useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, FormLayout, Layout, Page, PageActions, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { fieldCells, SUPPLIER_FIELDS } from "~/engine/proposals/terms-fields";
import type { SupplierView } from "./view.server";

interface ActionData {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
}

const startingText = (supplier: SupplierView | null): Record<string, string> =>
  supplier ? fieldCells(SUPPLIER_FIELDS, supplier, "form") : Object.fromEntries(Object.values(SUPPLIER_FIELDS).map((f) => [f.column, ""]));

/** One supplier's terms, labelled and limited by the supplier fields; the server validates each and answers per field. */
export function SupplierForm({ supplier }: { supplier: SupplierView | null }) {
  const shopify = useAppBridge();
  const submit = useSubmit();
  const navigation = useNavigation();
  const result = useActionData<ActionData>();
  const [values, setValues] = useState(() => startingText(supplier));
  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const saving = navigation.state === "submitting";

  useEffect(() => {
    if (result?.ok && result.message) shopify.toast.show(result.message);
  }, [result, shopify]);

  const field = (key: keyof typeof SUPPLIER_FIELDS) => {
    const f = SUPPLIER_FIELDS[key];
    return (
      <TextField
        label={f.label}
        name={f.column}
        value={values[f.column] ?? ""}
        onChange={(value) => setValues((current) => ({ ...current, [f.column]: value }))}
        autoComplete="off"
        error={errors[f.column]}
        helpText={f.help}
        type={f.input}
        suffix={f.suffix}
        min={f.limits?.min}
        max={f.limits?.max}
        requiredIndicator={f.required}
      />
    );
  };

  return (
    <Page backAction={{ content: "Suppliers", url: "/app/suppliers" }} title={supplier ? supplier.name : "Add supplier"}>
      <TitleBar title={supplier ? supplier.name : "Add supplier"} />
      <Form method="post" id="supplier-form">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {errors.form && <Banner tone="critical">{errors.form}</Banner>}
              <Card>
                <FormLayout>
                  {field("name")}
                  <FormLayout.Group>
                    {field("contactEmail")}
                    {field("currencyCode")}
                  </FormLayout.Group>
                  {field("vendorNames")}
                </FormLayout>
              </Card>
              <Card>
                <FormLayout>
                  <FormLayout.Group>
                    {field("leadTimeDays")}
                    {field("leadTimeSdDays")}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {field("orderCycleDays")}
                    {field("casePack")}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {field("moqUnits")}
                    {field("moqValue")}
                  </FormLayout.Group>
                </FormLayout>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
        <PageActions
          primaryAction={{ content: "Save", loading: saving, onAction: () => submit(values, { method: "post" }) }}
          secondaryActions={supplier ? [{ content: "Delete supplier", destructive: true, onAction: () => submit({ intent: "delete" }, { method: "post" }) }] : []}
        />
      </Form>
    </Page>
  );
}
