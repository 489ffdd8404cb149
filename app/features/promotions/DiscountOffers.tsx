import { Form, useNavigation } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { DiscountOffer } from "./discount-offers.server";
import { useFormat } from "~/ui/FormatContext";

/** Discounts already scheduled in Shopify, each one click from being a promotion Tempo checks. */
export function DiscountOffers({ offers }: { offers: DiscountOffer[] }) {
  const f = useFormat();
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" ? navigation.formData?.get("discountId") : null;
  if (offers.length === 0) return null;
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            Scheduled in Shopify
          </Text>
          <Text as="p" tone="subdued">
            Discounts you set up in Shopify that are not in the plan yet. Check one against stock; Tempo reads the discount and never changes it.
          </Text>
        </BlockStack>
      </Box>
      {offers.map((offer) => (
        <Box key={offer.id} paddingBlock="300" paddingInline="400" borderBlockStartWidth="025" borderColor="border-secondary">
          <InlineStack align="space-between" blockAlign="center" gap="400">
            <BlockStack gap="100" inlineAlign="start">
              <InlineStack gap="200" blockAlign="center" wrap={false}>
                <Text as="span" fontWeight="semibold">
                  {offer.title}
                </Text>
                <Badge>{offer.method === "code" ? "Code" : "Automatic"}</Badge>
              </InlineStack>
              <Text as="span" tone="subdued" variant="bodySm">
                {f.day(offer.startsOn)}–{f.day(offer.endsOn)} · {offer.percentage === null ? "amount off" : `${f.number(offer.percentage)}% off`} ·{" "}
                {offer.appliesToAll ? "every product" : `${f.number(offer.variants)} variant${offer.variants === 1 ? "" : "s"}`}
              </Text>
            </BlockStack>
            <Form method="post">
              <input type="hidden" name="intent" value="plan-discount" />
              <input type="hidden" name="discountId" value={offer.id} />
              <Button submit loading={pending === offer.id} accessibilityLabel={`Check ${offer.title} against stock`}>
                Check against stock
              </Button>
            </Form>
          </InlineStack>
        </Box>
      ))}
    </Card>
  );
}
