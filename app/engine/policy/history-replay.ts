/**
 * Safety stock checked against the shop's own past: the policy as a plan made 13 weeks ago would
 * have set it (that plan's forecast, the variant's lead time, review period and service target),
 * replayed week by week over the demand that actually came (orders arrive after the lead time,
 * unmet demand waits; see replay.ts), beside the textbook policy: normal safety stock
 * z·σ·√(L + R) on a 13-week moving average, at the same target.
 *
 * Where the replay's cycle service misses the target by more than `TOLERANCE`, the miss becomes a
 * correction of the service factor: δ = z(target) − z(achieved), shrunk toward 0 with a prior
 * worth `PRIOR_CYCLES` cycles, so the next quantile read for a lead time aims higher (or lower).
 */
import { computeStockPolicy } from "./stock-policy";
import { replay, type Levels, type ReplayResult, addReplays, emptyReplay } from "./replay";
import type { DemandDistribution } from "~/engine/forecast/demand-distribution";
import { normalQuantile } from "~/engine/forecast/stats";

export interface ReplayCase {
  /** route and demand class, e.g. "own_history:smooth" */
  key: string;
  /** the forecast a plan at the origin had */
  distribution: DemandDistribution;
  /** weekly demand before the origin (the textbook policy's moving average reads it) */
  history: readonly number[];
  /** weekly demand after the origin */
  actual: readonly number[];
  leadTimeDays: number;
  reviewDays: number;
  /** cycle service target, 0..1 */
  serviceLevel: number;
}

export interface PolicyOutcome {
  cycles: number;
  /** share of cycles that ended without a stockout */
  cycleService: number;
  /** share of demand met from stock */
  fillRate: number;
  /** mean units on hand per series and week */
  meanStock: number;
  /** units wanted and series-weeks measured: the weights for pooling outcomes */
  demand: number;
  periods: number;
}

export interface ServiceReplay {
  key: string;
  series: number;
  /** mean target over the cycles */
  target: number;
  plan: PolicyOutcome;
  textbook: PolicyOutcome;
  /** z-shift on the lead-time quantile the next plan reads (0: within tolerance, or too few cycles) */
  correction: number;
}

export const TOLERANCE = 0.02;
export const PRIOR_CYCLES = 100;
/** Fewer cycles than this say too little to correct on. */
export const MINIMUM_CYCLES = 40;
const MOVING_AVERAGE_WEEKS = 13;

/** The textbook policy: normal safety stock on a moving average, z·σ·√(L + R) over MA·(L + R). */
export function textbookLevels(history: readonly number[], leadWeeks: number, reviewWeeks: number, serviceLevel: number): Levels {
  const recent = history.slice(-MOVING_AVERAGE_WEEKS);
  const mean = recent.reduce((a, b) => a + b, 0) / Math.max(1, recent.length);
  const sd = Math.sqrt(recent.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, recent.length - 1));
  const safety = normalQuantile(serviceLevel) * sd * Math.sqrt(leadWeeks + reviewWeeks);
  return { reorderPoint: Math.max(0, Math.ceil(mean * leadWeeks + safety - 1e-9)), orderUpTo: Math.max(0, Math.ceil(mean * (leadWeeks + reviewWeeks) + safety - 1e-9)) };
}

interface Tally {
  series: number;
  targetCycles: number;
  plan: ReplayResult;
  textbook: ReplayResult;
}

/** A replay's counts as rates: service, fill rate and stock per series-week. */
export function policyOutcome(r: ReplayResult): PolicyOutcome {
  return {
    cycles: r.cycles,
    cycleService: r.cycles > 0 ? r.cyclesWithoutStockout / r.cycles : 1,
    fillRate: r.demand > 0 ? r.filled / r.demand : 1,
    meanStock: r.periods > 0 ? r.stockHeld / r.periods : 0,
    demand: r.demand,
    periods: r.periods,
  };
}

/** One case replayed under both policies; null when its lead time and review outlast the weeks replayed. */
export function replayCase(c: ReplayCase): { plan: ReplayResult; textbook: ReplayResult } | null {
  const leadWeeks = Math.max(1, Math.round(c.leadTimeDays / 7));
  const reviewWeeks = Math.max(1, Math.round(c.reviewDays / 7));
  if (leadWeeks + reviewWeeks > c.actual.length) return null;
  const cache = new Map<number, Levels>();
  const planned = (week: number): Levels => {
    let levels = cache.get(week);
    if (!levels) {
      const policy = computeStockPolicy({ distribution: c.distribution, leadTimeDays: 7 * leadWeeks, reviewDays: 7 * reviewWeeks, serviceLevel: c.serviceLevel, startOffsetDays: 7 * week });
      levels = { reorderPoint: policy.reorderPoint, orderUpTo: policy.orderUpTo };
      cache.set(week, levels);
    }
    return levels;
  };
  const textbook = textbookLevels(c.history, leadWeeks, reviewWeeks, c.serviceLevel);
  return {
    plan: replay(c.actual, planned, leadWeeks, reviewWeeks, "order_up_to"),
    textbook: replay(c.actual, () => textbook, leadWeeks, reviewWeeks, "order_up_to"),
  };
}

function correctionOf(target: number, achieved: number, cycles: number): number {
  if (cycles < MINIMUM_CYCLES || Math.abs(achieved - target) <= TOLERANCE) return 0;
  const clamp = (p: number): number => Math.min(0.995, Math.max(0.5, p));
  const shift = normalQuantile(clamp(target)) - normalQuantile(clamp(achieved));
  return Math.max(-1, Math.min(1, (shift * cycles) / (cycles + PRIOR_CYCLES)));
}

/** Replays every case; one line per key, with "all" and each route pooled (keys are "route:class"). */
export function replayHistory(cases: readonly ReplayCase[]): ServiceReplay[] {
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string): Tally => {
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { series: 0, targetCycles: 0, plan: emptyReplay(), textbook: emptyReplay() }));
    return tally;
  };
  for (const c of cases) {
    const result = replayCase(c);
    if (!result) continue;
    for (const key of new Set(["all", c.key.split(":")[0]!, c.key])) {
      const tally = tallyOf(key);
      tally.series++;
      tally.targetCycles += c.serviceLevel * result.plan.cycles;
      addReplays(tally.plan, result.plan);
      addReplays(tally.textbook, result.textbook);
    }
  }
  return [...tallies].map(([key, t]) => {
    const target = t.plan.cycles > 0 ? t.targetCycles / t.plan.cycles : 0;
    const plan = policyOutcome(t.plan);
    return { key, series: t.series, target, plan, textbook: policyOutcome(t.textbook), correction: correctionOf(target, plan.cycleService, plan.cycles) };
  });
}

/** Outcomes pooled over replays (locations): cycles, demand and series-weeks weigh their rates. */
export function pooledOutcome(outcomes: readonly PolicyOutcome[]): PolicyOutcome {
  const sum = (f: (o: PolicyOutcome) => number): number => outcomes.reduce((a, o) => a + f(o), 0);
  const cycles = sum((o) => o.cycles);
  const demand = sum((o) => o.demand);
  const periods = sum((o) => o.periods);
  return {
    cycles,
    cycleService: cycles > 0 ? sum((o) => o.cycleService * o.cycles) / cycles : 1,
    fillRate: demand > 0 ? sum((o) => o.fillRate * o.demand) / demand : 1,
    meanStock: periods > 0 ? sum((o) => o.meanStock * o.periods) / periods : 0,
    demand,
    periods,
  };
}

/** The correction a key uses: its own where it has one, else its route's, else the shop's. */
export function correctionFor(replays: readonly ServiceReplay[], key: string): number {
  const byKey = (k: string): ServiceReplay | undefined => replays.find((r) => r.key === k && r.plan.cycles >= MINIMUM_CYCLES);
  return (byKey(key) ?? byKey(key.split(":")[0]!) ?? byKey("all"))?.correction ?? 0;
}
