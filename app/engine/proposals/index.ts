/** Reorder proposals: buying terms, the (s, S) reorder line with case-pack and MOQ rounding, and the open-to-buy cut. */
export {
  resolveBuyingTerms,
  suppliersByVendor,
  type ResolvedTerms,
  type ShopTermsDefaults,
  type SupplierTerms,
  type TermsInput,
  type TermsSource,
  type VariantTermsOverride,
} from "./buying-terms";
export { proposeReorder, roundOrderQuantity, type ReorderInput, type ReorderLine, type ReorderPolicy } from "./reorder-line";
export { applyOpenToBuy, type BudgetDecision, type BudgetedLine, type MonthBudget, type MoneyFormat } from "./open-to-buy";
