import { formatMoment, formatNumber } from "~/platform/format";
import { useFormat } from "~/ui/FormatContext";
import { BlockStack, Box, InlineStack, Text } from "@shopify/polaris";
import type { ShopOverview } from "./overview.server";

/** "ORDERS_CREATE" -> "orders/create", as Shopify names the topic in its own admin. */
const topicName = (topic: string) => topic.toLowerCase().replace(/_([a-z]+)$/, "/$1");

/**
 * Webhook deliveries Tempo could not use (a malformed body, a value out of range) or gave
 * up on after retrying, with the reason: what a merchant or support reads to see what
 * was refused. Nothing is shown while every delivery was applied.
 */
export function RefusedDeliveries({ refused }: { refused: ShopOverview["refusedDeliveries"] }) {
  const f = useFormat();
  if (refused.total === 0) return null;
  return (
    <Box id="refused-deliveries" background="bg-surface-secondary" padding="300" borderRadius="200">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {refused.total === 1 ? "1 update from Shopify was refused" : `${formatNumber(refused.total, f)} updates from Shopify were refused`}
        </Text>
        {refused.latest.map((delivery) => (
          <BlockStack key={delivery.webhookId} gap="050">
            <InlineStack gap="200">
              <Text as="span" fontWeight="semibold">
                {topicName(delivery.topic)}
              </Text>
              <Text as="span" tone="subdued">
                {formatMoment(delivery.receivedAt, f)} · {delivery.status === "FAILED" ? "gave up after retrying" : "not usable as sent"}
              </Text>
            </InlineStack>
            <Text as="p" tone="subdued">
              {delivery.reason ?? "No reason recorded."} (delivery {delivery.webhookId})
            </Text>
          </BlockStack>
        ))}
      </BlockStack>
    </Box>
  );
}
