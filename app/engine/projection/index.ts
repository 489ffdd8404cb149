/** Projected inventory over the planning horizon: stock, inbound and forecast demand, week by week. */
export {
  dailyDemandFrom,
  forwardCoverageWeeks,
  projectInventory,
  type InboundArrival,
  type InboundSource,
  type InventoryProjection,
  type ProjectedWeek,
  type ProjectionInput,
} from "./project-inventory";
