import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Icon, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { CheckCircleIcon } from "@shopify/polaris-icons";
import type { SetupGuide as Guide } from "./setup-steps";

/** The first-run guide at the top of the board: one sentence on what Tempo does, then its steps. */
export function SetupGuide({ guide }: { guide: Guide }) {
  const dismiss = useFetcher();
  if (dismiss.state !== "idle" || dismiss.data) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" wrap={false}>
          <Text as="h2" variant="headingMd">
            Set up Tempo
          </Text>
          <Button variant="plain" onClick={() => dismiss.submit({ intent: "dismiss-setup-guide" }, { method: "post" })}>
            Dismiss
          </Button>
        </InlineStack>
        <Text as="p">
          Tempo turns your orders and stock into one plan: what each variant will sell, when it runs out, and what to order when. Four steps make that plan your shop&apos;s own.
        </Text>
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <div style={{ width: "12rem" }}>
            <ProgressBar progress={(guide.done / guide.steps.length) * 100} size="small" tone="success" />
          </div>
          <Text as="span" tone="subdued" variant="bodySm">
            {guide.done} of {guide.steps.length} done
          </Text>
        </InlineStack>
        <BlockStack gap="200">
          {guide.steps.map((step) => (
            <InlineStack key={step.id} gap="300" blockAlign="start" wrap={false}>
              <div style={{ flex: "0 0 auto", opacity: step.done ? 1 : 0.25 }} aria-hidden>
                <Icon source={CheckCircleIcon} tone={step.done ? "success" : "subdued"} />
              </div>
              <BlockStack gap="050">
                <Text as="h3" variant="headingSm" tone={step.done ? "subdued" : undefined}>
                  {step.title}
                  {step.done ? " (done)" : ""}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {step.detail}
                </Text>
                {step.action && !step.done && (
                  <InlineStack>
                    <Button url={step.action.url} size="slim">
                      {step.action.label}
                    </Button>
                  </InlineStack>
                )}
              </BlockStack>
            </InlineStack>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
