import { useActionData, useNavigate } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Card, EmptyState, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { Area, Bar, ComposedChart, ReferenceArea, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { CalendarPromotion, PromotionsView } from "./calendar-view.server";
import { useFormat } from "~/ui/FormatContext";
import { PlanStatusBar } from "~/ui/PlanStatusBar";
import { DiscountOffers } from "./DiscountOffers";
import { VERDICT_COLOR, VerdictBadge, type Verdict } from "./verdict";
import { EMPTY_LIST_IMAGE } from "~/ui/empty-illustration";

const STATUS_LABEL: Record<string, string> = { DRAFT: "Draft", PLANNED: "Planned", LIVE: "Live", DONE: "Done", CANCELLED: "Cancelled" };

/** One promotion's row of the calendar: its weeks shaded over its variants' projected stock and demand. */
function PromotionRow({ promotion, weekStarts }: { promotion: CalendarPromotion; weekStarts: string[] }) {
  const f = useFormat();
  const navigate = useNavigate();
  const data = weekStarts.map((weekStart, w) => ({ weekStart, projected: promotion.projected[w], demand: promotion.demand[w] }));
  const firstWeek = weekStarts.find((w, i) => (weekStarts[i + 1] ?? "9999") > promotion.startsOn) ?? weekStarts[0];
  const lastWeek = [...weekStarts].reverse().find((w) => w <= promotion.endsOn) ?? weekStarts.at(-1);
  const color = VERDICT_COLOR[(promotion.verdict as Verdict | null) ?? "none"] ?? VERDICT_COLOR.none;
  return (
    <Box paddingBlock="300" paddingInline="400" borderBlockEndWidth="025" borderColor="border-secondary">
      <div onClick={() => navigate(`/app/promotions/${promotion.id}`)} style={{ cursor: "pointer" }} role="link" aria-label={`Open ${promotion.name}`}>
        <InlineStack gap="400" wrap={false} blockAlign="center">
          <Box minWidth="16rem" maxWidth="16rem">
            <BlockStack gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Text as="span" fontWeight="semibold">
                  {promotion.name}
                </Text>
                {promotion.fromShopify && <Badge tone="info">Shopify discount</Badge>}
              </InlineStack>
              <Text as="span" tone="subdued" variant="bodySm">
                {f.day(promotion.startsOn)}–{f.day(promotion.endsOn)} · {promotion.discountPct}% off · {f.count(promotion.variants, "variant")}{promotion.channel ? ` · ${promotion.channel}` : ""}
              </Text>
              <InlineStack gap="200">
                <Badge>{STATUS_LABEL[promotion.status] ?? promotion.status}</Badge>
                <VerdictBadge verdict={promotion.verdict} />
              </InlineStack>
            </BlockStack>
          </Box>
          <div style={{ flex: 1, height: 72 }}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
                <XAxis dataKey="weekStart" hide />
                <YAxis hide domain={[0, "auto"]} />
                {firstWeek && lastWeek && <ReferenceArea x1={firstWeek} x2={lastWeek} fill={color} fillOpacity={0.15} stroke={color} strokeOpacity={0.6} />}
                <Bar dataKey="demand" fill="#b5b5b5" isAnimationActive={false} />
                <Area dataKey="projected" stroke="#29845a" fill="#29845a" fillOpacity={0.12} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        </InlineStack>
      </div>
    </Box>
  );
}

export function PromotionsPage({ view }: { view: PromotionsView }) {
  const f = useFormat();
  const failed = useActionData<{ ok: false; errors: Record<string, string> }>();
  return (
    <Page
      title="Promotions"
      subtitle="Plan a promotion and see at once whether stock on hand and on order can carry it."
      primaryAction={{ content: "Create promotion", url: "/app/promotions/new" }}
      fullWidth
    >
      <TitleBar title="Promotions" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <PlanStatusBar status={view.plan} />
            {failed?.errors && (
              <Banner tone="critical" title="Tempo could not make a promotion from that discount">
                <Text as="p">{Object.values(failed.errors)[0]}</Text>
              </Banner>
            )}
            {view.discountsUnavailable && (
              <Banner tone="warning" title="Your Shopify discounts are not shown here">
                <Text as="p">{view.discountsUnavailable}</Text>
              </Banner>
            )}
            <Card padding="0">
              <Box padding="400" paddingBlockEnd="200">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Calendar
                  </Text>
                  <Text as="span" tone="subdued" variant="bodySm">
                    Each row: the promotion's weeks (shaded by verdict), its variants' projected stock (green) and demand (grey), {f.day(view.weekStarts[0])} to{" "}
                    {f.day(view.weekStarts.at(-1))}.
                  </Text>
                </InlineStack>
              </Box>
              {view.promotions.length === 0 ? (
                <EmptyState heading="No promotions coming up" image={EMPTY_LIST_IMAGE} action={{ content: "Create promotion", url: "/app/promotions/new" }}>
                  <Text as="p">
                    {view.offers.length > 0
                      ? `${view.offers.length} discount${view.offers.length === 1 ? " is" : "s are"} scheduled in Shopify (below): check them against stock, or plan a new sale.`
                      : "Plan a sale on a collection, a product type or a few products; Tempo checks it against stock before you announce it."}
                  </Text>
                </EmptyState>
              ) : (
                view.promotions.map((promotion) => <PromotionRow key={promotion.id} promotion={promotion} weekStarts={view.weekStarts} />)
              )}
            </Card>
            <DiscountOffers offers={view.offers} />
            {view.past.length > 0 && (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Recently ended
                  </Text>
                  {view.past.map((p) => (
                    <BlockStack key={p.id} gap="050">
                      <InlineStack align="space-between">
                        <Text as="span">
                          {p.name} · {f.day(p.startsOn)}–{f.day(p.endsOn)} · {p.discountPct}% off
                        </Text>
                        {p.actual ? <Text as="span" fontWeight="semibold">{p.actual.headline}</Text> : <VerdictBadge verdict={p.verdict} />}
                      </InlineStack>
                      {p.actual && (
                        <Text as="p" tone="subdued" variant="bodySm">
                          {p.actual.note}
                        </Text>
                      )}
                    </BlockStack>
                  ))}
                </BlockStack>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
