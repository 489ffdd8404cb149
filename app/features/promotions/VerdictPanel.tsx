import { BlockStack, Box, Card, Divider, InlineStack, Spinner, Text } from "@shopify/polaris";
import type { PromotionCheckView } from "./check.server";
import { useFormat } from "~/ui/FormatContext";
import { VerdictBadge } from "./verdict";

interface Props {
  view: PromotionCheckView;
  checking: boolean;
  phasing: { excluded: number; capped: number; waves: number };
}

const SHOWN_SERIES = 12;

/** "Can we carry this promotion?": the verdict, why, and the variants that fall short with their first short day. */
export function VerdictPanel({ view, checking, phasing }: Props) {
  const f = useFormat();
  const check = view.check;
  const short = check ? check.series.filter((s) => s.verdict !== "supportable").sort((a, b) => (a.verdict === b.verdict ? (b.expected?.unitsShort ?? 0) - (a.expected?.unitsShort ?? 0) : a.verdict === "not_supportable" ? -1 : 1)) : [];
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Can stock carry it?
          </Text>
          {checking ? <Spinner size="small" accessibilityLabel="Checking" /> : <VerdictBadge verdict={check?.verdict ?? null} />}
        </InlineStack>
        {!check ? (
          <Text as="p" tone="subdued">
            {view.unavailable}
          </Text>
        ) : (
          <>
            <Text as="p" id="promotion-verdict-reason">
              {check.reason}
            </Text>
            <InlineStack gap="400">
              <BlockStack gap="050">
                <Text as="span" tone="subdued" variant="bodySm">
                  Variants short
                </Text>
                <Text as="span" variant="headingMd">
                  {f.number(check.counts.not_supportable)} + {f.number(check.counts.at_risk)} at risk
                </Text>
              </BlockStack>
              <BlockStack gap="050">
                <Text as="span" tone="subdued" variant="bodySm">
                  Units short
                </Text>
                <Text as="span" variant="headingMd">
                  {f.number(check.unitsShort.value)}
                </Text>
              </BlockStack>
              {check.revenueLost && (
                <BlockStack gap="050">
                  <Text as="span" tone="subdued" variant="bodySm">
                    Revenue lost
                  </Text>
                  <Text as="span" variant="headingMd">
                    {f.money(check.revenueLost.value, { whole: true })}
                  </Text>
                </BlockStack>
              )}
            </InlineStack>
            {(phasing.excluded > 0 || phasing.capped > 0 || phasing.waves > 0) && (
              <Text as="p" tone="subdued" variant="bodySm">
                Phasing applied: {[phasing.waves > 0 ? f.count(phasing.waves, "wave") : null, phasing.capped > 0 ? `${f.count(phasing.capped, "variant")} capped` : null, phasing.excluded > 0 ? `${f.count(phasing.excluded, "variant")} dropped` : null].filter(Boolean).join(", ")}.
              </Text>
            )}
            {short.length > 0 && (
              <>
                <Divider />
                <BlockStack gap="200">
                  {short.slice(0, SHOWN_SERIES).map((series) => (
                    <Box key={series.seriesId}>
                      <BlockStack gap="050">
                        <InlineStack gap="200" blockAlign="center">
                          <VerdictBadge verdict={series.verdict} />
                          <Text as="span" fontWeight="semibold">
                            {series.label}
                          </Text>
                        </InlineStack>
                        <Text as="p" variant="bodySm">
                          {series.reason}
                        </Text>
                      </BlockStack>
                    </Box>
                  ))}
                  {short.length > SHOWN_SERIES && (
                    <Text as="p" tone="subdued" variant="bodySm">
                      …and {short.length - SHOWN_SERIES} more.
                    </Text>
                  )}
                </BlockStack>
              </>
            )}
          </>
        )}
        <Text as="p" tone="subdued" variant="bodySm">
          {view.lift.reason}
        </Text>
      </BlockStack>
    </Card>
  );
}
