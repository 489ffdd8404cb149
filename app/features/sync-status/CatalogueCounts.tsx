import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { ShopOverview } from "./overview.server";
import { useFormat } from "~/ui/FormatContext";

const LABELS: Record<keyof ShopOverview["counts"], string> = {
  locations: "Locations",
  products: "Products",
  variants: "Variants",
  orders: "Orders",
};

export function CatalogueCounts({ counts }: { counts: ShopOverview["counts"] }) {
  const f = useFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Data in Tempo
        </Text>
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((key) => (
            <BlockStack key={key} gap="100">
              <Text as="p" tone="subdued">
                {LABELS[key]}
              </Text>
              <Text as="p" variant="headingLg" id={`count-${key}`}>
                {f.number(counts[key])}
              </Text>
            </BlockStack>
          ))}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
