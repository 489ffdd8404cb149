import { useEffect, useState } from "react";
import { Form, useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Card, FormLayout, Layout, Page, PageActions, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";

export interface SupplierFormValues {
  id: number;
  name: string;
  contactEmail: string | null;
  currencyCode: string | null;
  leadTimeDays: number | null;
  leadTimeSdDays: number | null;
  orderCycleDays: number | null;
  moqUnits: number | null;
  moqValue: number | null;
  casePack: number | null;
  vendorNames: string[];
}

interface ActionData {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
}

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** One supplier's terms; the server validates every field and answers with messages per field. */
export function SupplierForm({ supplier }: { supplier: SupplierFormValues | null }) {
  const shopify = useAppBridge();
  const submit = useSubmit();
  const navigation = useNavigation();
  const result = useActionData<ActionData>();
  const [values, setValues] = useState<Record<string, string>>({
    name: supplier?.name ?? "",
    contact_email: text(supplier?.contactEmail),
    currency: text(supplier?.currencyCode),
    lead_time_days: text(supplier?.leadTimeDays),
    lead_time_sd_days: text(supplier?.leadTimeSdDays),
    order_cycle_days: text(supplier?.orderCycleDays),
    moq_units: text(supplier?.moqUnits),
    moq_value: text(supplier?.moqValue),
    case_pack: text(supplier?.casePack),
    vendors: supplier?.vendorNames.join(", ") ?? "",
  });
  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const saving = navigation.state === "submitting";

  useEffect(() => {
    if (result?.ok && result.message) shopify.toast.show(result.message);
  }, [result, shopify]);

  const field = (name: string, label: string, options: { helpText?: string; type?: "text" | "number" | "email"; suffix?: string } = {}) => (
    <TextField
      label={label}
      name={name}
      value={values[name] ?? ""}
      onChange={(value) => setValues((current) => ({ ...current, [name]: value }))}
      autoComplete="off"
      error={errors[name]}
      helpText={options.helpText}
      type={options.type ?? "text"}
      suffix={options.suffix}
    />
  );

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
                  {field("name", "Name")}
                  <FormLayout.Group>
                    {field("contact_email", "Contact e-mail", { type: "email" })}
                    {field("currency", "Currency", { helpText: "ISO code, e.g. USD. Blank: the shop's currency." })}
                  </FormLayout.Group>
                  {field("vendors", "Vendors it supplies", { helpText: "Product vendors (as in Shopify), separated by commas. Variants with no supplier of their own use this supplier when their vendor is listed, or matches its name." })}
                </FormLayout>
              </Card>
              <Card>
                <FormLayout>
                  <FormLayout.Group>
                    {field("lead_time_days", "Lead time", { type: "number", suffix: "days", helpText: "From order to stock on the shelf. Blank: the shop default." })}
                    {field("lead_time_sd_days", "Lead time spread", { type: "number", suffix: "days", helpText: "How much it varies (one standard deviation), when known." })}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {field("order_cycle_days", "Order cycle", { type: "number", suffix: "days", helpText: "How often you order from them. Blank: weekly." })}
                    {field("case_pack", "Case pack", { type: "number", suffix: "units", helpText: "Quantities are rounded up to whole cases." })}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {field("moq_units", "Minimum order", { type: "number", suffix: "units", helpText: "Per line." })}
                    {field("moq_value", "Minimum order value", { type: "number", helpText: "Per purchase order, in the supplier's currency." })}
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
