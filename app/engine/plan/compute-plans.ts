/**
 * From outlooks to the rows a run stores: each pair's terms, class, policy, projection,
 * reorder draft and alert candidates (the planning core's `planVariant`), then the shop's
 * open-to-buy over all drafts. Shared by the full run and the incremental re-plan.
 */
import type { AlertThresholds } from "~/engine/alerts";
import { type AbcClass, serviceLevelFor } from "~/engine/policy";
import { planVariant, type OpenOrderLine, type PlannedOutlook } from "./plan-variant";
import type { PlanSettings } from "./plan-settings";
import { applyOpenToBuy, resolveBuyingTerms, type SupplierTerms, type VariantTermsOverride } from "~/engine/proposals";
import type { StockPlanRow } from "./outputs";
import type { EvaluatedCandidate } from "~/engine/alerts/alert-changes";
import type { PlanPair } from "./plan-pairs";
import type { ProposalDraft } from "~/engine/proposals/proposal-changes";

export interface PlanContext {
  asOf: string;
  settings: PlanSettings;
  currencyCode: string;
  suppliers: ReadonlyMap<number, SupplierTerms>;
  vendorSuppliers: ReadonlyMap<string, SupplierTerms>;
  termsByVariant: ReadonlyMap<string, VariantTermsOverride>;
  openOrders: ReadonlyMap<string, OpenOrderLine[]>;
  lastSale: ReadonlyMap<string, string>;
  /** Variant id -> ABC class; a variant missing here counts as C. */
  abcClasses: ReadonlyMap<string, AbcClass>;
  /** Open-to-buy already taken by live lines this run does not re-plan (incremental runs). */
  budgetUsedElsewhere?: Readonly<Record<string, number>>;
}

export interface ComputedPlans {
  stockPlans: StockPlanRow[];
  drafts: ProposalDraft[];
  candidates: EvaluatedCandidate[];
  budgetMonths: ReturnType<typeof applyOpenToBuy>["months"];
}

export function moneyFormatter(currencyCode: string): (amount: number) => string {
  try {
    const format = new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode, maximumFractionDigits: 0 });
    return (amount) => format.format(amount);
  } catch {
    return (amount) => `${Math.round(amount)} ${currencyCode}`;
  }
}

/** Both steps: every pair, then the shop's open-to-buy over its drafts. */
export function computePlans(pairs: readonly PlanPair[], outlooks: ReadonlyMap<string, PlannedOutlook>, context: PlanContext): ComputedPlans {
  const each = planEachPair(pairs, outlooks, context);
  return { ...each, budgetMonths: applyShopBudget(each.drafts, context) };
}

export type PairPlans = Omit<ComputedPlans, "budgetMonths">;

/** A pair's buying terms, ABC class and cycle service target, as its plan uses them. */
export function pairTerms(pair: PlanPair, context: PlanContext): { terms: ReturnType<typeof resolveBuyingTerms>; abcClass: AbcClass; serviceLevel: number } {
  const terms = resolveBuyingTerms(
    {
      override: context.termsByVariant.get(pair.variant.variantId) ?? null,
      suppliers: context.suppliers,
      vendor: pair.variant.vendor,
      shopifyUnitCost: pair.variant.unitCost,
      defaults: { leadTimeDays: context.settings.defaultLeadTimeDays, reviewDays: context.settings.reviewDays },
    },
    context.vendorSuppliers,
  );
  const abcClass = context.abcClasses.get(pair.variant.variantId) ?? "C";
  const { A, B, C } = context.settings.serviceLevels;
  return { terms, abcClass, serviceLevel: serviceLevelFor(abcClass, { A: A / 100, B: B / 100, C: C / 100 }) };
}

/** Each pair's terms, class, policy, projection, draft and alerts: independent of other pairs, so it runs where its forecast was made. */
export function planEachPair(pairs: readonly PlanPair[], outlooks: ReadonlyMap<string, PlannedOutlook>, context: PlanContext): PairPlans {
  const formatMoney = moneyFormatter(context.currencyCode);
  const thresholds: AlertThresholds = { overstockWeeks: context.settings.overstockWeeks, deadStockDays: context.settings.deadStockDays };
  const stockPlans: StockPlanRow[] = [];
  const drafts: ProposalDraft[] = [];
  const candidates: EvaluatedCandidate[] = [];

  for (const pair of pairs) {
    const outlook = outlooks.get(pair.key);
    if (!outlook) continue;
    const { terms, abcClass, serviceLevel } = pairTerms(pair, context);
    const plan = planVariant({
      asOf: context.asOf,
      outlook,
      available: pair.level.available,
      onHand: pair.level.onHand,
      shopifyIncoming: pair.level.incoming,
      openOrders: context.openOrders.get(pair.key) ?? [],
      terms,
      abcClass,
      serviceLevel,
      unitPrice: pair.variant.price,
      lastSaleDate: context.lastSale.get(pair.key) ?? null,
      sellingSince: pair.variant.createdOn,
      thresholds,
      formatMoney,
    });
    const { policy, projection } = plan;
    stockPlans.push({
      variantId: pair.variant.variantId,
      locationId: pair.location.id,
      asOf: context.asOf,
      supplierId: terms.supplierId,
      termsSource: terms.source,
      abcClass,
      serviceLevel,
      leadTimeDays: Math.round(terms.leadTimeDays),
      reviewDays: Math.round(terms.reviewDays),
      available: pair.level.available,
      onHand: pair.level.onHand,
      inbound: Math.round(plan.onOrder),
      unitCost: terms.unitCost,
      unitPrice: pair.variant.price,
      safetyStock: policy.safetyStock,
      reorderPoint: policy.reorderPoint,
      orderUpTo: policy.orderUpTo,
      weeksOfSupply: projection.weeksOfSupply,
      projectedStockoutDate: projection.stockoutDate,
      orderByDate: projection.orderByDate,
      projected: projection.weeks.map((w) => w.projected),
      projectedLow: projection.weeks.map((w) => w.projectedLow),
      projectedHigh: projection.weeks.map((w) => w.projectedHigh),
      inboundByWeek: projection.weeks.map((w) => w.inbound),
      policyReason: `${policy.reason} ${terms.note}`,
      projectionReason: projection.reason,
    });
    if (plan.proposal) {
      drafts.push({
        variantId: pair.variant.variantId,
        locationId: pair.location.id,
        supplierId: terms.supplierId,
        suggestedQuantity: plan.proposal.quantity,
        unitCost: terms.unitCost,
        currencyCode: terms.currencyCode ?? context.currencyCode,
        orderByDate: plan.proposal.orderByDate,
        expectedArrivalDate: plan.proposal.expectedArrivalDate,
        reason: plan.proposal.reason,
        termsSource: terms.source,
        termsNote: terms.note,
        marginAtRisk: plan.proposal.marginAtRisk,
        budgetCut: false,
        budgetReason: null,
      });
    }
    for (const alert of plan.alerts) candidates.push({ ...alert, variantId: pair.variant.variantId, locationId: pair.location.id });
  }

  return { stockPlans, drafts, candidates };
}

/** The open-to-buy over all of a run's drafts (it needs every line of a month at once); marks the cut ones. */
export function applyShopBudget(drafts: ProposalDraft[], context: Pick<PlanContext, "settings" | "currencyCode" | "budgetUsedElsewhere">): ComputedPlans["budgetMonths"] {
  const budget = applyOpenToBuy(
    drafts.map((d) => ({ key: `${d.variantId}:${d.locationId}`, orderByDate: d.orderByDate, lineCost: d.unitCost === null ? null : d.unitCost * d.suggestedQuantity, marginAtRisk: d.marginAtRisk })),
    remainingBudget(context.settings.openToBuy, context.budgetUsedElsewhere ?? {}),
    moneyFormatter(context.currencyCode),
  );
  budget.decisions.forEach((decision, i) => {
    const draft = drafts[i]!;
    draft.budgetCut = decision.cut;
    draft.budgetReason = decision.reason;
  });
  return budget.months;
}

function remainingBudget(budget: Readonly<Record<string, number>>, used: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(budget).map(([month, amount]) => [month, Math.max(0, amount - (used[month] ?? 0))]));
}
