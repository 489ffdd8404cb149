import { useNavigate } from "@remix-run/react";
import { BlockStack, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useFormat } from "~/ui/FormatContext";
import { EMPTY_LIST_IMAGE } from "~/ui/empty-illustration";
import { CsvImportCard } from "./CsvImportCard";
import type { SupplierView } from "./view.server";

export type SupplierListRow = SupplierView & { variantCount: number };

export function SuppliersPage({ suppliers }: { suppliers: SupplierListRow[] }) {
  const f = useFormat();
  const navigate = useNavigate();
  return (
    <Page title="Suppliers" subtitle="Lead times, order cycles, MOQs and case packs that reorder proposals respect." primaryAction={{ content: "Add supplier", url: "/app/suppliers/new" }}>
      <TitleBar title="Suppliers" />
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <IndexTable
              resourceName={{ singular: "supplier", plural: "suppliers" }}
              itemCount={suppliers.length}
              selectable={false}
              emptyState={
                <EmptyState heading="Add your suppliers" image={EMPTY_LIST_IMAGE} action={{ content: "Add supplier", url: "/app/suppliers/new" }}>
                  <Text as="p">Until then, every proposal uses the shop's default lead time. A supplier named like a product's vendor is used for that vendor's products automatically.</Text>
                </EmptyState>
              }
              headings={[
                { title: "Supplier" },
                { title: "Vendors" },
                { title: "Lead time", alignment: "end" },
                { title: "Order cycle", alignment: "end" },
                { title: "MOQ", alignment: "end" },
                { title: "Case pack", alignment: "end" },
                { title: "Variants set", alignment: "end" },
              ]}
            >
              {suppliers.map((s, index) => (
                <IndexTable.Row id={String(s.id)} key={s.id} position={index} onClick={() => navigate(`/app/suppliers/${s.id}`)}>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Text as="span" fontWeight="semibold">
                        {s.name}
                      </Text>
                      {s.contactEmail && (
                        <Text as="span" tone="subdued" variant="bodySm">
                          {s.contactEmail}
                        </Text>
                      )}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{s.vendorNames.length > 0 ? s.vendorNames.join(", ") : <Text as="span" tone="subdued">Its own name</Text>}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {s.leadTimeDays === null ? "Shop default" : `${s.leadTimeDays} days${s.leadTimeSdDays ? ` ± ${f.number(s.leadTimeSdDays, 1)}` : ""}`}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {s.orderCycleDays === null ? "Weekly" : `${s.orderCycleDays} days`}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {[s.moqUnits ? `${f.number(s.moqUnits)} units` : null, s.moqValue ? f.money(s.moqValue, { whole: true }) : null].filter(Boolean).join(" · ") || "—"}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {s.casePack ?? "—"}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {f.number(s.variantCount)}
                    </Text>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <CsvImportCard
              title="Import suppliers"
              description="One row per supplier; existing suppliers are matched by name and updated."
              intent="import-suppliers"
              templateUrl="/app/suppliers/template?file=suppliers"
              templateName="tempo-suppliers-template.csv"
            />
            <CsvImportCard
              title="Import variant terms"
              description="Per-variant supplier, unit cost, lead time, MOQ and case pack, by SKU or variant id. Blank cells fall back to the supplier."
              intent="import-terms"
              templateUrl="/app/suppliers/template?file=variant-terms"
              templateName="tempo-variant-terms-template.csv"
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
