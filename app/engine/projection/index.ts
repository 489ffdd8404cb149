/** Projected inventory over the planning horizon: stock, inbound and forecast demand, week by week. */
export {
  dailyDemandFrom,
  demandForecastOf,
  projectInventory,
  weeklyDemandOf,
  weeksOfSupply,
  type DemandForecast,
  type InboundArrival,
  type InboundSource,
  type InventoryProjection,
  type ProjectedWeek,
  type ProjectionInput,
} from "./project-inventory";
