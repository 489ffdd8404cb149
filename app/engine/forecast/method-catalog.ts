/**
 * Every forecast method Tempo can choose, once: its name as stored with a forecast, the words a
 * merchant reads for it, and whether it forecasts counts (intermittent demand). The runners
 * (methods.ts) and the explanation (explain.ts) read this table.
 */
export const FORECAST_METHODS = {
  naive: { displayName: "last week's sales", counts: false, statistical: true },
  seasonal_naive: { displayName: "same week last year", counts: false, statistical: true },
  ses: { displayName: "simple smoothing", counts: false, statistical: true },
  holt: { displayName: "trend smoothing", counts: false, statistical: true },
  damped: { displayName: "damped trend", counts: false, statistical: true },
  ets: { displayName: "ETS", counts: false, statistical: true },
  theta: { displayName: "Theta", counts: false, statistical: true },
  seasonal_theta: { displayName: "seasonal Theta", counts: false, statistical: true },
  croston: { displayName: "Croston", counts: true, statistical: true },
  sba: { displayName: "Croston-SBA", counts: true, statistical: true },
  tsb: { displayName: "TSB", counts: true, statistical: true },
  // Not fitted to the series itself: a new or sparse variant borrows its group's shape or its peers'.
  top_down_profile: { displayName: "group seasonal profile", counts: false, statistical: false },
  analog: { displayName: "similar variants", counts: false, statistical: false },
} as const satisfies Record<string, { displayName: string; counts: boolean; statistical: boolean }>;

export type ModelName = keyof typeof FORECAST_METHODS;
/** The methods fitted to a series' own history, each with a runner. */
export type StatisticalModel = { [K in ModelName]: (typeof FORECAST_METHODS)[K]["statistical"] extends true ? K : never }[ModelName];

export function isModelName(name: string): name is ModelName {
  return Object.hasOwn(FORECAST_METHODS, name);
}
