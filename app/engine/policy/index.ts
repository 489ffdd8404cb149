// The inventory policy core: ABC classes, service targets, and safety stock, reorder point and
// order-up-to level from a stored demand distribution.
export { classifyAbc, serviceLevelFor, DEFAULT_ABC_CUTOFFS, type AbcAssignment, type AbcClass, type AbcCutoffs, type AbcResult } from "./abc";
export { computeStockPolicy, type StockPolicy, type StockPolicyInput } from "./stock-policy";
