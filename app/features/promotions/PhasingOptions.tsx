import { BlockStack, Box, Button, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { PhasingKind, PlanEffect, PromotionCheck } from "~/engine/promotions";
import { useFormat } from "~/ui/FormatContext";
import { VerdictBadge } from "./verdict";

const KIND_LABEL: Record<PhasingKind, string> = {
  move_start: "Start later",
  waves: "Split into waves",
  cap: "Cap units per variant",
  drop_variants: "Drop variants",
  order_more: "Order more now",
};

function Effect({ effect, compareTo }: { effect: PlanEffect; compareTo?: PlanEffect }) {
  const f = useFormat();
  const row = (label: string, value: string, change: number | null, goodWhenUp: boolean) => (
    <InlineStack align="space-between" gap="200">
      <Text as="span" tone="subdued" variant="bodySm">
        {label}
      </Text>
      <Text as="span" variant="bodySm" numeric>
        {value}
        {change !== null && Math.abs(change) >= 0.5 ? (
          <Text as="span" tone={change > 0 === goodWhenUp ? "success" : "critical"}>
            {` (${change > 0 ? "+" : "−"}${f.number(Math.abs(change))})`}
          </Text>
        ) : null}
      </Text>
    </InlineStack>
  );
  const diff = (pick: (e: PlanEffect) => number | null | undefined) => (compareTo ? (pick(effect) ?? 0) - (pick(compareTo) ?? 0) : null);
  return (
    <BlockStack gap="100">
      {row("Units sold", f.number(effect.unitsSold.value), diff((e) => e.unitsSold.value), true)}
      {effect.revenue && row("Revenue", f.money(effect.revenue.value, { whole: true }), diff((e) => e.revenue?.value), true)}
      {row("Stockout days", f.number(effect.stockoutDays.value), diff((e) => e.stockoutDays.value), false)}
      {row("Stock left after", f.number(effect.leftoverUnits.value), diff((e) => e.leftoverUnits.value), false)}
    </BlockStack>
  );
}

/** The ways to make the promotion work, ranked, side by side with the plan as entered. */
export function PhasingOptions({ check, canApply, applying, onApply }: { check: PromotionCheck; canApply: boolean; applying: boolean; onApply: (rank: number) => void }) {
  const f = useFormat();
  return (
    <BlockStack gap="300">
      <InlineStack align="space-between" blockAlign="end">
        <Text as="h2" variant="headingLg">
          Ways to make it work
        </Text>
        <Text as="span" tone="subdued" variant="bodySm">
          {check.ranking} Figures run {f.day(check.effect.from)}–{f.day(check.effect.to)}.
        </Text>
      </InlineStack>
      <InlineGrid columns={{ xs: 1, sm: 2, lg: Math.min(4, check.options.length + 1) as 1 | 2 | 3 | 4 }} gap="300">
        <Card background="bg-surface-secondary">
          <BlockStack gap="300">
            <InlineStack align="space-between">
              <Text as="h3" variant="headingMd">
                As planned
              </Text>
              <VerdictBadge verdict={check.verdict} />
            </InlineStack>
            <Text as="p" variant="bodySm">
              The promotion as entered.
            </Text>
            <Effect effect={check.effect} />
          </BlockStack>
        </Card>
        {check.options.map((option) => (
          <Card key={option.rank}>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="h3" variant="headingMd">
                  {option.rank}. {option.change.kind === "cap" && option.change.dropVariantIds?.length ? "Cap and leave out" : KIND_LABEL[option.kind]}
                </Text>
                <VerdictBadge verdict={option.verdictAfter} />
              </InlineStack>
              <Text as="p" variant="bodySm" id={`option-${option.rank}`}>
                {option.description}
              </Text>
              <Effect effect={option.effect} compareTo={check.effect} />
              <Box>
                <Button onClick={() => onApply(option.rank)} disabled={!canApply || applying} loading={applying} variant={option.rank === 1 ? "primary" : "secondary"}>
                  {canApply ? "Apply" : "Save first to apply"}
                </Button>
              </Box>
            </BlockStack>
          </Card>
        ))}
      </InlineGrid>
    </BlockStack>
  );
}
