import { useEffect, useMemo, useRef, useState } from "react";
import { useActionData, useFetcher, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, Checkbox, ChoiceList, Collapsible, FormLayout, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField, Button } from "@shopify/polaris";
import type { ProductChoice } from "~/features/promotions/queries/promotions.server";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import type { PromotionCheckView } from "./check.server";
import type { PromotionEditorView } from "./editor-view.server";
import { useFormat } from "~/ui/FormatContext";
import { PlanStatusBar } from "~/ui/PlanStatusBar";
import { PhasingOptions } from "./PhasingOptions";
import { ProductPicker } from "./ProductPicker";
import { VerdictPanel } from "./VerdictPanel";

interface ActionResult {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
  check?: PromotionCheckView;
}

type SelectionKey = "productTypes" | "vendors" | "collections" | "tags";

const SELECTION_LABEL: Record<SelectionKey, string> = { productTypes: "Product types", vendors: "Vendors", collections: "Collections", tags: "Tags" };
const STATUS_LABEL: Record<string, string> = { DRAFT: "Draft", PLANNED: "Planned", LIVE: "Live", DONE: "Done", CANCELLED: "Cancelled" };

interface Picks {
  everything: boolean;
  lists: Record<SelectionKey, string[]>;
  products: ProductChoice[];
  /** Variants a Shopify discount named; kept as they are, not edited here. */
  variantIds: string[];
}

/** The form's values as the action reads them. */
function toForm(values: Record<string, string>, picks: Picks, intent: string): FormData {
  const form = new FormData();
  form.set("intent", intent);
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  if (picks.everything) form.set("everything", "on");
  for (const [key, list] of Object.entries(picks.lists)) for (const item of list) form.append(key, item);
  for (const product of picks.products) form.append("productIds", product.id);
  for (const id of picks.variantIds) form.append("variantIds", id);
  return form;
}

/** Opens a page of Shopify's admin from inside the app frame (App Bridge routes shopify:admin links). */
const openInAdmin = (url: string) => window.open(url, "_top");

export function PromotionEditor({ view }: { view: PromotionEditorView }) {
  const f = useFormat();
  const shopify = useAppBridge();
  const submit = useSubmit();
  const navigation = useNavigation();
  const saved = useActionData<ActionResult>();
  const live = useFetcher<ActionResult>();
  const step = useFetcher<ActionResult>();
  const editable = view.status !== "DONE" && view.status !== "CANCELLED";
  const [values, setValues] = useState<Record<string, string>>({
    name: view.fields.name,
    startsOn: view.fields.startsOn,
    endsOn: view.fields.endsOn,
    discountPct: String(view.fields.discountPct),
    channel: view.fields.channel ?? "all",
    upliftOverride: view.fields.upliftOverride === null ? "" : String(view.fields.upliftOverride),
  });
  const [selection, setSelection] = useState<Record<SelectionKey, string[]>>({
    productTypes: view.fields.selection.productTypes ?? [],
    vendors: view.fields.selection.vendors ?? [],
    collections: view.fields.selection.collections ?? [],
    tags: view.fields.selection.tags ?? [],
  });
  const [everything, setEverything] = useState(view.fields.selection.everything === true);
  const [products, setProducts] = useState<ProductChoice[]>(view.pickedProducts);
  const picks: Picks = { everything, lists: selection, products, variantIds: view.fields.selection.variantIds ?? [] };
  const [open, setOpen] = useState<SelectionKey | null>(view.id === null ? "productTypes" : null);
  const first = useRef(true);
  // The live check answers the form as typed; once the page reloads (a save, a phasing applied) the stored one is newer.
  const [liveIsNewer, setLiveIsNewer] = useState(false);
  useEffect(() => setLiveIsNewer(live.data !== undefined), [live.data]);
  useEffect(() => setLiveIsNewer(false), [view]);
  // While a field is invalid the check cannot run: the last one that did stays up, so the selection never looks lost.
  const [lastLiveCheck, setLastLiveCheck] = useState<PromotionCheckView | null>(null);
  useEffect(() => {
    if (live.data?.ok && live.data.check) setLastLiveCheck(live.data.check);
  }, [live.data]);
  useEffect(() => setLastLiveCheck(null), [view]);
  const liveInvalid = liveIsNewer && live.data !== undefined && !live.data.ok;

  // The verdict follows every edit, a moment after typing stops; nothing is saved by it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => live.submit(toForm(values, picks, "check"), { method: "post" }), 450);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher is stable; re-run on the form's values only
  }, [values, selection, everything, products]);

  useEffect(() => {
    const data = step.data ?? saved;
    if (!data) return;
    if (data.ok && data.message) shopify.toast.show(data.message);
    if (!data.ok && data.errors?.form) shopify.toast.show(data.errors.form, { isError: true });
  }, [step.data, saved, shopify]);

  const check = (liveIsNewer ? (live.data?.check ?? lastLiveCheck) : undefined) ?? view.check;
  const errors = { ...(live.data && !live.data.ok ? live.data.errors : {}), ...(saved && !saved.ok ? saved.errors : {}) };
  const field = (name: string, label: string, options: { type?: "text" | "date" | "number"; suffix?: string; helpText?: string; placeholder?: string } = {}) => (
    <TextField
      label={label}
      name={name}
      value={values[name] ?? ""}
      onChange={(value) => setValues((current) => ({ ...current, [name]: value }))}
      autoComplete="off"
      type={options.type ?? "text"}
      suffix={options.suffix}
      helpText={options.helpText}
      placeholder={options.placeholder}
      error={errors[name]}
      disabled={!editable}
    />
  );
  const picked = useMemo(() => Object.values(selection).reduce((a, list) => a + list.length, 0) + products.length + picks.variantIds.length, [selection, products, picks.variantIds.length]);
  const save = () => submit(toForm(values, picks, "save"), { method: "post" });
  const act = (intent: string, extra: Record<string, string> = {}) => step.submit({ intent, ...extra }, { method: "post" });
  const busy = navigation.state !== "idle" || step.state !== "idle";

  const primary =
    view.id === null
      ? { content: "Save draft", loading: busy, onAction: save }
      : view.status === "DRAFT"
        ? { content: "Plan it", loading: busy, onAction: () => act("plan"), helpText: "Its demand enters the plan: proposals buy ahead for it." }
        : editable
          ? { content: "Save changes", loading: busy, onAction: save }
          : undefined;
  const secondary = [
    ...(view.id !== null && editable ? [{ content: view.status === "DRAFT" ? "Save draft" : "Save", onAction: save }] : []),
    ...(view.status === "PLANNED" ? [{ content: "Back to draft", onAction: () => act("unplan") }] : []),
    ...(view.id !== null && (view.status === "PLANNED" || view.status === "LIVE") ? [{ content: "Cancel promotion", destructive: true, onAction: () => act("cancel") }] : []),
    ...(view.id !== null && view.status === "DRAFT" ? [{ content: "Delete draft", destructive: true, onAction: () => act("delete") }] : []),
  ];

  return (
    <Page
      backAction={{ content: "Promotions", url: "/app/promotions" }}
      title={view.id === null ? "New promotion" : view.fields.name}
      titleMetadata={<Badge>{STATUS_LABEL[view.status] ?? view.status}</Badge>}
      primaryAction={primary}
      secondaryActions={secondary}
      fullWidth
    >
      <TitleBar title={view.id === null ? "New promotion" : view.fields.name} />
      <BlockStack gap="400">
        <PlanStatusBar status={view.plan} />
        {view.shopify && (
          <Banner
            tone={view.shopify.missing || view.shopify.edits.length > 0 ? "warning" : "info"}
            title={
              view.shopify.missing
                ? "The Shopify discount this came from is gone"
                : view.shopify.edits.length > 0
                  ? `Change “${view.shopify.title}” in Shopify to run as planned`
                  : `Runs as the Shopify discount “${view.shopify.title}”`
            }
            action={view.shopify.missing ? undefined : { content: "Open the discount in Shopify", onAction: () => openInAdmin(view.shopify!.adminUrl) }}
          >
            <BlockStack gap="200">
              <Text as="p">
                {view.shopify.missing
                  ? "It was deleted in Shopify, or lost its end date or its products. Tempo keeps this plan; delete it if the promotion is off."
                  : "Tempo reads this discount and never changes it."}
                {view.shopify.amountOff ? ` It takes an amount off: enter the discount in percent it comes to on these products, so the expected lift fits.` : ""}
              </Text>
              {view.shopify.edits.length > 0 && (
                <List type="number">
                  {view.shopify.edits.map((edit) => (
                    <List.Item key={edit.instruction}>{edit.instruction}</List.Item>
                  ))}
                </List>
              )}
            </BlockStack>
          </Banner>
        )}
        {view.actual && (
          <Banner tone="info" title={view.actual.headline}>
            <Text as="p">{view.actual.note}</Text>
          </Banner>
        )}
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  {field("name", "Name", { placeholder: "Winter warm-up" })}
                  <FormLayout.Group>
                    {field("startsOn", "First day", { type: "date" })}
                    {field("endsOn", "Last day", { type: "date" })}
                  </FormLayout.Group>
                  <FormLayout.Group>
                    {field("discountPct", "Discount", { type: "number", suffix: "% off" })}
                    <Select
                      label="Channel"
                      options={[{ label: "Every channel", value: "all" }, ...view.channels.map((c) => ({ label: c, value: c }))]}
                      value={values.channel ?? "all"}
                      onChange={(value) => setValues((current) => ({ ...current, channel: value }))}
                      disabled={!editable}
                    />
                  </FormLayout.Group>
                  {field("upliftOverride", "Expected sales multiplier", {
                    type: "number",
                    suffix: "×",
                    // Once it has run, the field shows what it was planned with, not what Tempo would learn today.
                    placeholder: (!editable && view.plannedUplift !== null ? view.plannedUplift : check.lift.lift).toFixed(1),
                    helpText: editable
                      ? check.variants === 0
                        ? "Blank uses the multiplier Tempo learns from past promotions of the products you choose."
                        : `Blank uses the learned one. ${check.lift.reason}`
                      : view.plannedUplift !== null
                        ? `Planned with sales ×${view.plannedUplift.toFixed(1)}${values.upliftOverride ? ", marketing's own figure" : ", the one learned then"}.`
                        : check.lift.reason,
                  })}
                </FormLayout>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between">
                    <Text as="h2" variant="headingMd">
                      Products
                    </Text>
                    <Text as="span" tone="subdued">
                      {check.variants} variant{check.variants === 1 ? "" : "s"} from {picked} choice{picked === 1 ? "" : "s"}
                    </Text>
                  </InlineStack>
                  {errors.selection && <Banner tone="critical">{errors.selection}</Banner>}
                  <Checkbox label="Every product (a sitewide sale)" checked={everything} onChange={setEverything} disabled={!editable} />
                  {!everything && <ProductPicker picked={products} onChange={setProducts} disabled={!editable} />}
                  {!everything && picks.variantIds.length > 0 && (
                    <Text as="p" tone="subdued">
                      {picks.variantIds.length} variant{picks.variantIds.length === 1 ? "" : "s"} named by the Shopify discount.
                    </Text>
                  )}
                  {!everything && (Object.keys(SELECTION_LABEL) as SelectionKey[]).map((key) => {
                    const choices = view.choices[key];
                    if (choices.length === 0) return null;
                    return (
                      <BlockStack key={key} gap="200">
                        <Button variant="plain" disclosure={open === key ? "up" : "down"} onClick={() => setOpen(open === key ? null : key)} textAlign="left">
                          {`${SELECTION_LABEL[key]}${selection[key].length > 0 ? ` (${selection[key].length})` : ""}`}
                        </Button>
                        <Collapsible open={open === key} id={`choices-${key}`}>
                          <ChoiceList
                            title={SELECTION_LABEL[key]}
                            titleHidden
                            allowMultiple
                            disabled={!editable}
                            choices={choices.map((c) => ({ label: `${c.value} (${f.number(c.count)} product${c.count === 1 ? "" : "s"})`, value: c.value }))}
                            selected={selection[key]}
                            onChange={(next) => setSelection((current) => ({ ...current, [key]: next }))}
                          />
                        </Collapsible>
                      </BlockStack>
                    );
                  })}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            {editable ? (
              <BlockStack gap="300">
                {liveInvalid && (
                  <Banner tone="warning">
                    {Object.values(errors).length > 0
                      ? `Fix ${Object.keys(errors).length === 1 ? "the highlighted field" : "the highlighted fields"} to check again: this is the last check Tempo could make.`
                      : "Tempo could not check this version: this is the last check it could make."}
                  </Banner>
                )}
                <VerdictPanel view={check} checking={live.state !== "idle"} phasing={view.phasing} />
              </BlockStack>
            ) : (
              <Card>
                <Text as="p" tone="subdued">
                  {view.status === "DONE"
                    ? `It ran ${f.day(view.fields.startsOn)} to ${f.day(view.fields.endsOn)}, so there is nothing left to check against stock. ${view.actual ? "What it sold, against what was planned, is above." : "Tempo had no plan from before it ran to measure what it sold against."}`
                    : "It was cancelled: its demand left the plan."}
                </Text>
              </Card>
            )}
          </Layout.Section>
        </Layout>
        {editable && check.check && check.check.options.length > 0 && (
          <PhasingOptions
            check={check.check}
            canApply={view.id !== null && editable}
            applying={step.state !== "idle"}
            onApply={(rank) => act("apply", { rank: String(rank) })}
          />
        )}
        {editable && check.check && check.check.verdict !== "supportable" && check.check.options.length === 0 && <InlineGrid columns={1}><Text as="p" tone="subdued">No phasing makes it supportable within 13 weeks: order more, or plan a smaller promotion.</Text></InlineGrid>}
      </BlockStack>
    </Page>
  );
}
