/** Inventory policy: ABC classes, service levels and the (s, S) numbers from the demand distribution. */
export { classifyAbc, serviceLevelFor, type AbcAssignment, type AbcClass, type AbcCutoffs } from "./abc";
export { computeStockPolicy, type StockPolicy, type StockPolicyInput } from "./stock-policy";
